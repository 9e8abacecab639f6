// Messaging and communication apps, grouped; retired apps stay listed with the reason and what to use instead.
import { Box, Text } from 'ink';
import { messagingCatalog } from '../../src/catalog/index';
import { catalogRows, selectionStatus } from '../../src/catalog/rows';
import { CheckList, checkListHints, filterHints } from '../components/CheckList';
import { Footer } from '../components/Footer';
import { useCheckListKeys, useCheckListState } from '../hooks/useCheckList';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color } from '../theme';

const HELP = [
  'Desktop apps for chat, calls and mail, installed on the NixOS machines from nixpkgs.',
  'Rows marked [-] cannot be chosen: the app is retired or gone from nixpkgs; the row says why and what to use instead (Skype was shut down in May 2025: use Microsoft Teams).',
  'unofficial: a community client (WhatsApp has no Linux client; Teams for Linux is not made by Microsoft). unfree: a proprietary licence that the configuration allows.',
  'Keys: ↑/↓ or j/k move, space toggles, a chooses all in the focused group (again clears), / filters, esc goes back to the hub.',
];

const rows = catalogRows(messagingCatalog);

function MessagingScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const size = useTerminalSize();
  const list = useCheckListState({
    items: rows,
    groups: messagingCatalog.groups,
    selected: api.answers.messaging,
    onChange: (messaging) => api.update((a) => ({ ...a, messaging })),
    height: Math.max(4, size.rows - 11),
  });
  useCheckListKeys(list, {
    isActive: api.inputActive,
    onBack,
    onHelp: () => api.showHelp(messagingSection.title, HELP),
  });
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Messaging and communication
      </Text>
      <CheckList state={list} />
      <Footer hints={list.filtering ? filterHints : checkListHints({ groups: true })} />
    </Box>
  );
}

export const messagingSection: Section = {
  id: 'messaging',
  title: 'Messaging',
  required: false,
  status: (state) => selectionStatus(messagingCatalog, state.answers.messaging, 'none chosen'),
  help: HELP,
  Screen: MessagingScreen,
};
