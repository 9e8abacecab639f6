// A failed step: its last lines, its log, and, when the step changed the prefix, undo in one key (the prefix
// goes back to the snapshot taken just before the step, checked file for file). Retry runs from that step.
import { Box, Text } from 'ink';
import type { RestoreResult } from '../../src/game/snapshot';
import { describeSnapshot } from '../../src/game/snapshot';
import type { SnapshotRef } from '../../src/game/types';
import { Footer, type KeyHint } from '../components/Footer';
import { color, symbols } from '../theme';
import { type StepView, cleanLine } from './run-model';

export type UndoState = { kind: 'none' } | { kind: 'undoing' } | { kind: 'done'; result: RestoreResult };

/** The keys (handled by the wizard): u undoes the step, r retries from it, q quits. */
export function FailureView(props: {
  step: StepView | null;
  cancelled: boolean;
  /** The run broke outside any step (the runner threw). */
  error: string | null;
  undo: SnapshotRef | null;
  undoState: UndoState;
}) {
  const { step, undo, undoState } = props;
  const canUndo = undo !== null && undoState.kind === 'none';
  const hints: KeyHint[] = [
    ...(canUndo ? [{ keys: 'u', label: 'undo this step' }] : []),
    { keys: 'r', label: 'retry from this step' },
    { keys: 'q', label: 'quit' },
  ];
  return (
    <Box flexDirection="column">
      <Text bold color={color('bad')} wrap="wrap">
        {symbols.bad} {props.cancelled ? 'Stopped' : 'Failed'}: {step?.title ?? 'a step'}
        {step?.code !== null && step?.code !== undefined ? ` (exit ${step.code})` : ''}
      </Text>
      {step?.error ? <Text wrap="wrap">{step.error}</Text> : null}
      {props.error ? <Text wrap="wrap">{props.error}</Text> : null}
      {(step?.tail ?? []).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a tail is positional
        <Text key={i} dimColor wrap="truncate-end">
          {'  '}
          {cleanLine(line)}
        </Text>
      ))}
      <Text wrap="wrap">
        Full log: <Text bold>{step?.logPath ?? '(none)'}</Text>
      </Text>
      {undo && undoState.kind === 'none' ? (
        <Text wrap="wrap">
          The prefix was snapshotted just before this step ({describeSnapshot(undo)}). Press u to put it back.
        </Text>
      ) : null}
      {!undo ? <Text dimColor>This step did not change the prefix; there is nothing to undo.</Text> : null}
      {undoState.kind === 'undoing' ? <Text color={color('accent')}>Putting the prefix back…</Text> : null}
      {undoState.kind === 'done' ? (
        <Text color={color(undoState.result.ok ? 'ok' : 'bad')} wrap="wrap">
          {undoState.result.ok ? symbols.ok : symbols.bad} Undo: {undoState.result.message}
        </Text>
      ) : null}
      <Text dimColor wrap="wrap">
        Next: read the log, fix the cause (a pre-flight fix, another installer, another runner), then retry.
      </Text>
      <Footer hints={hints} />
    </Box>
  );
}
