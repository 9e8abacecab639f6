export type RunEvent =
  | { type: 'start'; stepId: string; title: string; logPath: string; at: number }
  | { type: 'line'; stepId: string; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'progress'; stepId: string; done: number; total: number | null; label: string }
  | { type: 'heartbeat'; stepId: string; quietMs: number }
  | { type: 'skip'; stepId: string; reason: string }
  | { type: 'end'; stepId: string; code: number; ms: number }
  | { type: 'error'; stepId: string; message: string };

export type RunEventListener = (event: RunEvent) => void;

export interface RunOptions {
  /** Each step's full output goes to `<logDir>/<stepId>.log`. */
  logDir: string;
  /** Finished steps are recorded here; with `resume` they are not run again. */
  journalPath?: string;
  resume?: boolean;
  signal?: AbortSignal;
  /** A heartbeat event after this long without output (default 2 s). */
  heartbeatMs?: number;
  /** Staging root for `write` steps (`--root`). */
  root?: string;
  /** Extra environment for every step (PATH for shims in tests). */
  env?: Record<string, string>;
}

export interface RunResult {
  ok: boolean;
  cancelled: boolean;
  failedStepId: string | null;
  completed: string[];
  skipped: string[];
  logPaths: Record<string, string>;
}
