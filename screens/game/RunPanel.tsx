// One run of a plan on screen: live steps, and a stop that asks first (Ctrl-C, then y).
import { Box } from 'ink';
import type { Step } from '../../src/plan/types';
import type { RunEvent, RunResult } from '../../src/run/types';
import { ConfirmBox } from '../components/ConfirmBox';
import { Footer } from '../components/Footer';
import type { StepView } from './run-model';
import { StepsView } from './StepsView';
import { useRun } from './useRun';

export function RunPanel(props: {
  steps: Step[];
  start(onEvent: (e: RunEvent) => void, signal: AbortSignal): Promise<RunResult>;
  onDone(result: RunResult, steps: StepView[], error: string | null): void;
  stopAsked: boolean;
  /** Receives the run's cancel during render, so the wizard's key handler can stop it (y after Ctrl-C). */
  cancelRef: { current: (() => void) | null };
  rows: number;
  columns: number;
}) {
  const run = useRun(props.steps, props.start, props.onDone);
  props.cancelRef.current = run.cancel;
  return (
    <Box flexDirection="column">
      {props.stopAsked ? (
        <ConfirmBox
          question="Stop the running step?"
          detail="It is stopped with everything it started; a step that changed the prefix can then be undone."
        />
      ) : null}
      <StepsView
        steps={run.steps}
        now={run.now}
        rows={props.rows - (props.stopAsked ? 5 : 0)}
        width={props.columns}
      />
      <Footer hints={[{ keys: 'Ctrl-C', label: 'stop' }]} />
    </Box>
  );
}
