// A game whose anti-cheat refuses Linux: said plainly, with the Windows VM (GPU passed through) offered instead.
// Nothing is created for it.
import { Box, Text } from 'ink';
import type { CatalogGame } from '../../src/game/types';
import { blockedExplanation } from '../../src/game/vm-offer';
import { Footer } from '../components/Footer';
import { color, symbols } from '../theme';

/** The keys (handled by the wizard): esc or enter back to the games, q quits. */
export function BlockedView(props: { game: CatalogGame }) {
  const e = blockedExplanation(props.game);
  return (
    <Box flexDirection="column">
      <Text bold color={color('bad')} wrap="wrap">
        {symbols.bad} {e.headline}
      </Text>
      <Text wrap="wrap">{e.why}</Text>
      <Text> </Text>
      <Text bold>The Windows VM instead</Text>
      {e.offer.map((line) => (
        <Text key={line} wrap="wrap">
          {line}
        </Text>
      ))}
      <Text> </Text>
      <Text color={color('warn')} wrap="wrap">
        {symbols.warn} {e.caution}
      </Text>
      <Footer
        hints={[
          { keys: 'esc/enter', label: 'back to the games' },
          { keys: 'q', label: 'quit' },
        ]}
      />
    </Box>
  );
}
