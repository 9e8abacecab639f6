// Without a terminal (pipes, CI, systemd) a run prints the same events as plain lines and never prompts.
import type { Step } from '../plan/types';
import { formatMs } from './format';
import { runPlan } from './runner';
import type { RunEvent, RunOptions, RunResult } from './types';

export interface PlainOptions extends RunOptions {
  /** Printed as the next thing to try when a step fails, e.g. `nix-mox update --resume`. */
  resumeCommand?: string;
}

/** Plain output shows a heartbeat at most this often (the live panes want them much more often). */
export const PLAIN_HEARTBEAT_MS = 30_000;

export class PlainPrinter {
  private readonly index = new Map<string, number>();
  private readonly titles = new Map<string, string>();
  private readonly logs = new Map<string, string>();
  private readonly lastProgress = new Map<string, string>();
  private readonly total: number;

  constructor(
    steps: Step[],
    private readonly write: (line: string) => void,
  ) {
    steps.forEach((s, i) => {
      this.index.set(s.id, i + 1);
      this.titles.set(s.id, s.title);
    });
    this.total = steps.length;
  }

  private head(stepId: string): string {
    return `[${this.index.get(stepId) ?? '?'}/${this.total}] ${this.titles.get(stepId) ?? stepId}`;
  }

  event(e: RunEvent): void {
    switch (e.type) {
      case 'start':
        this.logs.set(e.stepId, e.logPath);
        this.write(`==> ${this.head(e.stepId)}`);
        this.write(`    log: ${e.logPath}`);
        break;
      case 'line': {
        if (e.transient) return;
        this.write(`    ${e.text}`);
        break;
      }
      case 'progress': {
        const text = `${e.total === null ? '' : `${e.done}/${e.total} `}${e.label}`.trim();
        if (text === '' || this.lastProgress.get(e.stepId) === text) return;
        this.lastProgress.set(e.stepId, text);
        this.write(`    -- ${text}`);
        break;
      }
      case 'heartbeat':
        this.write(`    .. still running, no output for ${formatMs(Math.round(e.quietMs / 1000) * 1000)}`);
        break;
      case 'skip':
        this.write(`--- ${this.head(e.stepId)}: skipped, ${e.reason}`);
        break;
      case 'error':
        this.write(`    !! ${e.message}`);
        break;
      case 'end':
        this.write(
          e.code === 0
            ? `<== ok: ${this.head(e.stepId)} (${formatMs(e.ms)})`
            : `<== FAILED: ${this.head(e.stepId)} (exit ${e.code} after ${formatMs(e.ms)})`,
        );
        break;
    }
  }

  summary(result: RunResult, resumeCommand?: string): void {
    const resumed = result.resumed?.length ?? 0;
    if (result.ok) {
      this.write(
        `All done: ${result.completed.length} ran, ${result.skipped.length} skipped` +
          (resumed > 0 ? `, ${resumed} finished earlier` : '') +
          '.',
      );
      return;
    }
    const id = result.failedStepId ?? '';
    const what = result.cancelled ? 'Stopped at' : 'Failed at';
    this.write(`${what} ${this.head(id)}.`);
    const log = result.logPaths[id] ?? this.logs.get(id);
    if (log) this.write(`Full log: ${log}`);
    if (resumeCommand) {
      this.write(
        result.cancelled
          ? `To continue from this step: ${resumeCommand}`
          : `Next: read the log, fix the cause, then continue from this step: ${resumeCommand}`,
      );
    }
  }
}

export async function runPlain(
  plan: { steps: Step[] },
  opts: PlainOptions,
  out: NodeJS.WritableStream,
): Promise<RunResult> {
  const printer = new PlainPrinter(plan.steps, (line) => out.write(line + '\n'));
  const result = await runPlan(plan, { heartbeatMs: PLAIN_HEARTBEAT_MS, ...opts }, (e) => printer.event(e));
  printer.summary(result, opts.resumeCommand);
  return result;
}
