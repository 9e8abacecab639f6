// Runner choice: the system Wine, or Proton (GE-Proton) through umu-launcher where it is installed.
import { Box, Text } from 'ink';
import type { GameRunnerKind, ToolInfo } from '../../src/game/types';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';

export function RunnerChoice(props: {
  tools: ToolInfo;
  gameName: string;
  isActive: boolean;
  onPick(runner: GameRunnerKind): void;
  onBack(): void;
}) {
  const t = props.tools;
  const wineMissing = !t.wine
    ? 'Wine is not installed'
    : !t.winetricks
      ? 'winetricks is not installed'
      : null;
  return (
    <Box flexDirection="column">
      <Text>Run {props.gameName} with:</Text>
      <Choice<GameRunnerKind>
        options={[
          {
            value: 'wine',
            label: 'System Wine',
            detail: t.wine ? `Wine ${t.wine.version}` : 'not installed',
            disabled: wineMissing,
            note: 'DXVK and VKD3D-Proton go into the prefix with winetricks.',
          },
          {
            value: 'umu',
            label: 'Proton (GE-Proton through umu-launcher)',
            detail: t.umu ? 'umu-run found' : 'not installed',
            disabled: t.umu ? null : 'umu-launcher is not installed',
            note: 'Proton brings DXVK and VKD3D-Proton; umu-run downloads GE-Proton on first use.',
          },
        ]}
        initial={t.wine && t.winetricks ? 'wine' : 'umu'}
        isActive={props.isActive}
        onChoose={props.onPick}
        onCancel={props.onBack}
      />
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'choose' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
