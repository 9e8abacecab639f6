// What the steps view shows, folded from the runner's events: each step's state, its last lines (a ring), how
// long it has been quiet, and its log. Pure, so it is tested without a terminal.
import type { Step } from '../../src/plan/types';
import type { RunEvent } from '../../src/run/types';

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepView {
  id: string;
  title: string;
  state: StepState;
  startedAt: number | null;
  ms: number | null;
  code: number | null;
  /** The last lines of output, oldest first. */
  tail: string[];
  quietMs: number;
  logPath: string | null;
  error: string | null;
}

export const TAIL_LINES = 8;

export function initialSteps(steps: Step[]): StepView[] {
  return steps.map((s) => ({
    id: s.id,
    title: s.title,
    state: 'pending',
    startedAt: null,
    ms: null,
    code: null,
    tail: [],
    quietMs: 0,
    logPath: null,
    error: null,
  }));
}

function update(steps: StepView[], id: string, change: (s: StepView) => StepView): StepView[] {
  return steps.map((s) => (s.id === id ? change(s) : s));
}

export function applyEvent(steps: StepView[], e: RunEvent): StepView[] {
  switch (e.type) {
    case 'start':
      return update(steps, e.stepId, (s) => ({
        ...s,
        state: 'running',
        startedAt: e.at,
        logPath: e.logPath,
        quietMs: 0,
      }));
    case 'line':
      return update(steps, e.stepId, (s) => {
        // A transient line (a carriage-return progress segment) replaces the previous transient one.
        const tail =
          s.tail.length > 0 && s.tail[s.tail.length - 1]!.startsWith('\r') ? s.tail.slice(0, -1) : s.tail;
        const text = e.transient ? `\r${e.text}` : e.text;
        return { ...s, tail: [...tail, text].slice(-TAIL_LINES), quietMs: 0 };
      });
    case 'heartbeat':
      return update(steps, e.stepId, (s) => ({ ...s, quietMs: e.quietMs }));
    case 'skip':
      return update(steps, e.stepId, (s) => ({ ...s, state: 'skipped', error: e.reason }));
    case 'error':
      return update(steps, e.stepId, (s) => ({ ...s, error: e.message }));
    case 'end':
      return update(steps, e.stepId, (s) => ({
        ...s,
        state: e.code === 0 ? 'done' : 'failed',
        ms: e.ms,
        code: e.code,
      }));
    case 'progress':
      return steps;
  }
}

export const cleanLine = (line: string): string => line.replace(/^\r/, '');

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
