// What the live panes know about a run, folded from RunEvents. Mutated in place by applyEvent (one call per
// event, possibly hundreds of thousands), read by the layout once per frame.
import type { Step } from '../../src/plan/types';
import type { RunEvent, RunResult } from '../../src/run/types';
import { RingBuffer } from './ring-buffer';

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepView {
  id: string;
  title: string;
  state: StepState;
  startedAt: number | null;
  ms: number | null;
  code: number | null;
  progress: { done: number; total: number | null; label: string } | null;
  lines: RingBuffer;
  logPath: string | null;
  error: string | null;
  skipReason: string | null;
  lastOutputAt: number | null;
  quietMs: number;
}

export interface RunModel {
  steps: StepView[];
  byId: Map<string, StepView>;
  startedAt: number;
  result: RunResult | null;
  /** Bumped on every change, so a frame is drawn only when something changed. */
  version: number;
}

/** Lines kept per step for the live pane and the failure view. */
export const TAIL_LINES = 200;

export function createModel(plan: { steps: Step[] }, now = Date.now()): RunModel {
  const steps = plan.steps.map(
    (s): StepView => ({
      id: s.id,
      title: s.title,
      state: 'pending',
      startedAt: null,
      ms: null,
      code: null,
      progress: null,
      lines: new RingBuffer(TAIL_LINES),
      logPath: null,
      error: null,
      skipReason: null,
      lastOutputAt: null,
      quietMs: 0,
    }),
  );
  return { steps, byId: new Map(steps.map((s) => [s.id, s])), startedAt: now, result: null, version: 0 };
}

export function applyEvent(model: RunModel, e: RunEvent, now = Date.now()): void {
  const step = model.byId.get(e.stepId);
  if (!step) return;
  model.version++;
  switch (e.type) {
    case 'start':
      step.state = 'running';
      step.startedAt = e.at;
      step.logPath = e.logPath;
      step.lastOutputAt = now;
      break;
    case 'line':
      step.lines.push(e.text, e.transient === true);
      step.lastOutputAt = now;
      step.quietMs = 0;
      break;
    case 'progress':
      step.progress = { done: e.done, total: e.total, label: e.label };
      step.lastOutputAt = now;
      step.quietMs = 0;
      break;
    case 'heartbeat':
      step.quietMs = e.quietMs;
      break;
    case 'skip':
      step.state = 'skipped';
      step.skipReason = e.reason;
      break;
    case 'error':
      step.error = e.message;
      break;
    case 'end':
      step.state = e.code === 0 ? 'done' : 'failed';
      step.code = e.code;
      step.ms = e.ms;
      break;
  }
}

export function finishModel(model: RunModel, result: RunResult): void {
  model.result = result;
  model.version++;
}

export function runningSteps(model: RunModel): StepView[] {
  return model.steps.filter((s) => s.state === 'running');
}
