// Development shells: which `nix develop .#<name>` shells the flake offers, and what each brings.
import { Box, Text } from 'ink';
import { shellsCatalog } from '../../src/catalog/index';
import { catalogRows, selectionStatus } from '../../src/catalog/rows';
import { CheckList, checkListHints, filterHints } from '../components/CheckList';
import { Footer } from '../components/Footer';
import { useCheckListKeys, useCheckListState } from '../hooks/useCheckList';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color } from '../theme';

const HELP = [
  'Development shells are entered with `nix develop .#<name>` in the generated flake; they install nothing system-wide.',
  'Each row lists the nixpkgs packages the shell brings. The macos shell is built for the darwin systems only.',
  'Keys: ↑/↓ or j/k move, space toggles, a chooses all (again clears), / filters, esc goes back to the hub.',
];

const rows = catalogRows(shellsCatalog);

function ShellsScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const size = useTerminalSize();
  const list = useCheckListState({
    items: rows,
    groups: shellsCatalog.groups,
    selected: api.answers.shells,
    onChange: (shells) => api.update((a) => ({ ...a, shells })),
    height: Math.max(4, size.rows - 10),
  });
  useCheckListKeys(list, {
    isActive: api.inputActive,
    onBack,
    onHelp: () => api.showHelp(shellsSection.title, HELP),
  });
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Development shells
      </Text>
      <CheckList state={list} />
      <Footer hints={list.filtering ? filterHints : checkListHints({ groups: false })} />
    </Box>
  );
}

export const shellsSection: Section = {
  id: 'shells',
  title: 'Development shells',
  required: false,
  status: (state) =>
    selectionStatus(shellsCatalog, state.answers.shells, 'none: the flake offers no dev shells'),
  help: HELP,
  Screen: ShellsScreen,
};
