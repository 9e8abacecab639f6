// The result: where the launcher, the menu entry and the Lutris entry are, and what went into the answers.
import { Box, Text } from 'ink';
import type { FinishPlan } from '../../src/game/finish';
import type { GameSetup } from '../../src/game/types';
import { Footer } from '../components/Footer';
import { color, symbols } from '../theme';

/** The keys (handled by the wizard): enter, esc or q leave. */
export function DoneView(props: { setup: GameSetup; finish: FinishPlan; answers: string | null }) {
  const { setup, finish } = props;
  return (
    <Box flexDirection="column">
      <Text bold color={color('ok')}>
        {symbols.ok} {setup.name} is set up.
      </Text>
      <Text wrap="wrap">Launcher: {finish.launcher}</Text>
      <Text wrap="wrap">Menu entry: {finish.desktopEntry}</Text>
      <Text wrap="wrap">
        Lutris:{' '}
        {finish.lutrisConfig ?? 'not installed: no entry made (see the pre-flight fix to add one later)'}
      </Text>
      {props.answers ? <Text wrap="wrap">{props.answers}</Text> : null}
      <Footer hints={[{ keys: 'enter/q', label: 'leave' }]} />
    </Box>
  );
}
