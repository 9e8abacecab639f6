// Game choice: the catalog with each game's anti-cheat verdict, and "another Windows game" from its installer.
import { Box, Text } from 'ink';
import { gameCatalog } from '../../src/game/catalog';
import { verdictLabel } from '../../src/game/report-lines';
import type { CatalogGame } from '../../src/game/types';
import { type ChoiceOption, Choice } from '../components/Choice';
import { Footer } from '../components/Footer';

export type GamePick = { kind: 'catalog'; game: CatalogGame } | { kind: 'other' };

const other: GamePick = { kind: 'other' };

export function GameList(props: {
  initial: string | null;
  isActive: boolean;
  rows: number;
  onPick(pick: GamePick): void;
  onBack(): void;
  onHelp(): void;
}) {
  const options: ChoiceOption<GamePick>[] = [
    ...gameCatalog.map((game) => ({
      value: { kind: 'catalog' as const, game },
      label: game.name,
      detail: verdictLabel(game),
      note: `${game.source}. ${game.antiCheat.explanation}`,
    })),
    {
      value: other,
      label: 'Another Windows game',
      detail: 'from its installer (.exe or .msi)',
      note: 'Check the game’s anti-cheat first: kernel-level anti-cheats do not run under Wine or Proton.',
    },
  ];
  const initial = options.find(
    (o) => o.value.kind === 'catalog' && o.value.game.slug === props.initial,
  )?.value;
  return (
    <Box flexDirection="column">
      <Text>Which game? Anti-cheat decides first whether a game can run under Wine or Proton at all.</Text>
      <Choice
        options={options}
        {...(initial ? { initial } : {})}
        isActive={props.isActive}
        maxRows={Math.max(5, props.rows - 8)}
        filterable
        onChoose={props.onPick}
        onCancel={props.onBack}
        onKey={(input) => {
          if (input === '?') props.onHelp();
        }}
      />
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'choose' },
          { keys: '/', label: 'filter' },
          { keys: 'esc', label: 'back' },
          { keys: '?', label: 'help' },
        ]}
      />
    </Box>
  );
}
