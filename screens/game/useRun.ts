// Runs a plan and hands the view one state per frame (about 12 a second), not one per output line.
import { useEffect, useRef, useState } from 'react';
import type { Step } from '../../src/plan/types';
import type { RunEvent, RunResult } from '../../src/run/types';
import { type StepView, applyEvent, initialSteps } from './run-model';

const FRAME_MS = 80;

export interface RunHandle {
  steps: StepView[];
  result: RunResult | null;
  now: number;
  cancel(): void;
}

export function useRun(
  steps: Step[],
  start: (onEvent: (e: RunEvent) => void, signal: AbortSignal) => Promise<RunResult>,
  onDone: (result: RunResult, steps: StepView[], error: string | null) => void,
): RunHandle {
  const [view, setView] = useState(() => initialSteps(steps));
  const [result, setResult] = useState<RunResult | null>(null);
  const [now, setNow] = useState(Date.now());
  const latest = useRef(view);
  const controller = useRef(new AbortController());
  const done = useRef(onDone);
  done.current = onDone;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the run starts once, when the view mounts
  useEffect(() => {
    let dirty = false;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (dirty) {
        dirty = false;
        setView(latest.current);
      }
    }, FRAME_MS);
    start((e) => {
      latest.current = applyEvent(latest.current, e);
      dirty = true;
    }, controller.current.signal).then(
      (r) => {
        clearInterval(timer);
        setView(latest.current);
        setResult(r);
        done.current(r, latest.current, null);
      },
      (err: unknown) => {
        clearInterval(timer);
        const failed: RunResult = {
          ok: false,
          cancelled: false,
          failedStepId: latest.current.find((s) => s.state === 'running')?.id ?? null,
          completed: [],
          skipped: [],
          logPaths: {},
        };
        latest.current = latest.current.map((s) =>
          s.id === failed.failedStepId ? { ...s, state: 'failed', error: String(err) } : s,
        );
        setView(latest.current);
        setResult(failed);
        done.current(failed, latest.current, err instanceof Error ? err.message : String(err));
      },
    );
    return () => clearInterval(timer);
  }, []);

  return { steps: view, result, now, cancel: () => controller.current.abort() };
}
