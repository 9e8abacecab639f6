// One guest's share of a rollout: runs its steps through the executor, remembers logs and the first failure, and
// says "not run" for the planned steps a failure made pointless, so no pane is left pending.
import type { Executor, GuestStep, StepRun } from './exec';
import type { GuestOutcome, GuestStatus, GuestTarget, RolloutListener, StepInfo } from './types';

export class GuestRun {
  readonly logPaths: Record<string, string> = {};
  failedStepId: string | null = null;
  cancelled = false;
  private readonly known = new Set<string>();
  private readonly finished = new Set<string>();

  constructor(
    readonly target: GuestTarget,
    private readonly exec: Executor,
    private readonly emit: RolloutListener,
  ) {}

  begin(title: string, planned: StepInfo[]): void {
    for (const s of planned) this.known.add(s.id);
    this.emit({ type: 'guest-start', name: this.target.name, title, steps: planned });
  }

  async run(step: GuestStep): Promise<StepRun> {
    if (!this.known.has(step.id)) {
      this.known.add(step.id);
      this.emit({ type: 'step-added', name: this.target.name, step: { id: step.id, title: step.title } });
    }
    const r = await this.exec.run(this.target.name, step);
    this.finished.add(step.id);
    if (r.logPath) this.logPaths[step.id] = r.logPath;
    if (r.cancelled) this.cancelled = true;
    if (r.code !== 0 && this.failedStepId === null) this.failedStepId = step.id;
    return r;
  }

  /** A step that is not needed, with the reason shown in its place. */
  skip(step: StepInfo, reason: string): void {
    if (!this.known.has(step.id)) {
      this.known.add(step.id);
      this.emit({ type: 'step-added', name: this.target.name, step });
    }
    this.finished.add(step.id);
    this.emit({ type: 'run', name: this.target.name, event: { type: 'skip', stepId: step.id, reason } });
  }

  /** Every planned step that has not run is marked skipped with `reason`. */
  skipRest(planned: StepInfo[], reason: string): void {
    for (const s of planned) if (!this.finished.has(s.id)) this.skip(s, reason);
  }

  logOf(stepId: string | null): string {
    return stepId ? (this.logPaths[stepId] ?? '') : '';
  }

  finish(
    status: GuestStatus,
    reason: string,
    extra: Partial<Pick<GuestOutcome, 'snapshot' | 'rollback' | 'newFailedUnits'>> = {},
  ): GuestOutcome {
    const outcome: GuestOutcome = {
      name: this.target.name,
      vmid: this.target.vmid,
      status,
      reason,
      snapshot: extra.snapshot ?? null,
      rollback: extra.rollback ?? null,
      newFailedUnits: extra.newFailedUnits ?? [],
      failedStepId: this.failedStepId,
      logPaths: { ...this.logPaths },
    };
    this.emit({ type: 'guest-end', outcome });
    return outcome;
  }
}

/** The last non-empty line of a step's output (either stream), for a one-line reason. */
export function lastLine(run: { tail: string[] }): string {
  const lines = run.tail.filter((l) => l.trim() !== '');
  return lines[lines.length - 1]?.trim() ?? '';
}
