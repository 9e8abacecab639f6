export type RunEvent =
  | { type: 'start'; stepId: string; title: string; logPath: string; at: number }
  | {
      type: 'line';
      stepId: string;
      stream: 'stdout' | 'stderr';
      text: string;
      /** A carriage-return progress segment of an unfinished line: the next line event replaces it. */
      transient?: boolean;
    }
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
  /** Strings to redact from logs and events, besides values of env vars named *TOKEN*, *KEY*, *SECRET*, *PASSWORD*. */
  secrets?: string[];
  /** Between TERM and KILL when a step is cancelled or times out (default 5 s). */
  graceMs?: number;
  /** Whether nix-mox runs as root (default: the effective uid is 0); when not, `root` steps use `sudo -n`. */
  asRoot?: boolean;
}

export interface RunResult {
  ok: boolean;
  cancelled: boolean;
  failedStepId: string | null;
  completed: string[];
  skipped: string[];
  logPaths: Record<string, string>;
  /** Steps not run again because the journal of an earlier run shows them finished (`resume`). */
  resumed?: string[];
  journalPath?: string;
}
