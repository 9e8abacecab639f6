// Gaming on NixOS: Steam, Wine, Lutris and the tools around them, plus what the machine needs for them.
import { Box, Text } from 'ink';
import { gamingNeeds, gamingTarget } from '../../src/catalog/gaming';
import { gamingCatalog } from '../../src/catalog/index';
import { catalogRows, chosenLabels } from '../../src/catalog/rows';
import { CheckList, checkListHints, filterHints } from '../components/CheckList';
import { Footer } from '../components/Footer';
import { useCheckListKeys, useCheckListState } from '../hooks/useCheckList';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color, symbols } from '../theme';

const HELP = [
  'Games on the NixOS side. NixOS modules are used where they exist (programs.steam, programs.gamemode, programs.gamescope); the rest are nixpkgs packages.',
  'Wine is wineWow64Packages.stable (64- and 32-bit programs in one build); protonup-ng installs Proton-GE builds.',
  'Whatever you choose, the machine also gets 32-bit graphics (hardware.graphics.enable32Bit), PipeWire with 32-bit ALSA, and the driver for its GPU: these are listed under "This machine needs".',
  'Games with kernel anti-cheat (League of Legends and its Vanguard) do not run under Wine or Proton: use the Windows VM.',
  'Keys: ↑/↓ or j/k move, space toggles, a chooses all in the focused group (again clears), / filters, esc goes back to the hub.',
];

const rows = catalogRows(gamingCatalog);

function GamingScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const size = useTerminalSize();
  const needs = gamingNeeds(api.report, api.answers);
  const list = useCheckListState({
    items: rows,
    groups: gamingCatalog.groups,
    selected: api.answers.gaming,
    onChange: (gaming) => api.update((a) => ({ ...a, gaming })),
    height: Math.max(4, size.rows - 16),
  });
  useCheckListKeys(list, {
    isActive: api.inputActive,
    onBack,
    onHelp: () => api.showHelp(gamingSection.title, HELP),
  });
  const chosen = api.answers.gaming.length > 0;
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Gaming
      </Text>
      <Text dimColor wrap="truncate-end">
        {gamingTarget(api.answers)}
      </Text>
      <CheckList state={list} />
      <Box flexDirection="column" marginTop={1}>
        <Text bold>This machine needs {chosen ? '(added)' : '(added once anything is chosen)'}</Text>
        {needs.lines.map((line) => (
          <Text key={line} wrap="truncate-end" dimColor={!chosen}>
            {chosen ? symbols.ok : symbols.todo} {line}
          </Text>
        ))}
      </Box>
      <Footer hints={list.filtering ? filterHints : checkListHints({ groups: true })} />
    </Box>
  );
}

export const gamingSection: Section = {
  id: 'gaming',
  title: 'Gaming',
  required: false,
  status: (state) => {
    const labels = chosenLabels(gamingCatalog, state.answers.gaming);
    if (labels.length === 0) return { kind: 'optional', summary: 'none chosen' };
    const driver = gamingNeeds(state.report, state.answers).lines.at(-1) ?? '';
    return { kind: 'done', summary: `${labels.length} chosen: ${labels.join(', ')} · ${driver}` };
  },
  help: HELP,
  Screen: GamingScreen,
};
