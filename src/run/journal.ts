// The journal of a run: which steps finished, and where the run stopped. Written atomically after every
// step, so that `--resume` can continue at the step that failed without running finished steps again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic';
import type { Step } from '../plan/types';

export const JOURNAL_VERSION = 1;

export type StepStatus = 'done' | 'skipped' | 'failed' | 'timeout' | 'cancelled';

export interface JournalEntry {
  id: string;
  /** Hash of what the step does; a changed step is not taken as done. */
  fingerprint: string;
  status: StepStatus;
  code: number | null;
  ms: number;
  at: string;
  logPath: string | null;
}

export interface Journal {
  version: typeof JOURNAL_VERSION;
  startedAt: string;
  updatedAt: string;
  /** The plan as it was run, so a resume can run the same steps. */
  plan: { steps: Step[] };
  entries: JournalEntry[];
  stoppedAt: { stepId: string; reason: Exclude<StepStatus, 'done' | 'skipped'>; code: number | null } | null;
  finished: boolean;
}

export function stepFingerprint(step: Step): string {
  const what = {
    argv: step.argv ?? null,
    write: step.write ?? null,
    env: step.env ?? null,
    root: step.root,
    skipIf: step.skipIf ?? null,
  };
  return createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 16);
}

export class JournalError extends Error {}

export function readJournal(path: string): Journal | null {
  if (!existsSync(path)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new JournalError(
      `journal ${path} is not valid JSON (${(err as Error).message}); remove it to start over`,
    );
  }
  const j = data as Partial<Journal>;
  if (j.version !== JOURNAL_VERSION || !Array.isArray(j.entries) || !j.plan || !Array.isArray(j.plan.steps)) {
    throw new JournalError(
      `journal ${path} is not a nix-mox journal (version ${String(j.version)}); remove it to start over`,
    );
  }
  return j as Journal;
}

/** Steps of `steps` that the journal shows finished (done or skipped) with the same definition. */
export function finishedStepIds(journal: Journal | null, steps: Step[]): Set<string> {
  const done = new Set<string>();
  if (!journal) return done;
  const byId = new Map(journal.entries.map((e) => [e.id, e]));
  for (const step of steps) {
    const e = byId.get(step.id);
    if (e && (e.status === 'done' || e.status === 'skipped') && e.fingerprint === stepFingerprint(step)) {
      done.add(step.id);
    }
  }
  return done;
}

export class JournalWriter {
  private journal: Journal;
  private readonly now: () => Date;

  /** `redact` is applied to the saved text: a step's secret environment values never reach the journal. */
  constructor(
    private readonly path: string,
    plan: { steps: Step[] },
    previous: Journal | null,
    private readonly redact: (text: string) => string = (t) => t,
    now: () => Date = () => new Date(),
  ) {
    this.now = now;
    const at = now().toISOString();
    const keep = finishedStepIds(previous, plan.steps);
    this.journal = {
      version: JOURNAL_VERSION,
      startedAt: previous?.startedAt ?? at,
      updatedAt: at,
      plan: { steps: plan.steps },
      entries: (previous?.entries ?? []).filter((e) => keep.has(e.id)),
      stoppedAt: null,
      finished: false,
    };
    mkdirSync(dirname(path), { recursive: true });
    this.save();
  }

  record(step: Step, status: StepStatus, code: number | null, ms: number, logPath: string | null): void {
    const entry: JournalEntry = {
      id: step.id,
      fingerprint: stepFingerprint(step),
      status,
      code,
      ms,
      at: this.now().toISOString(),
      logPath,
    };
    this.journal.entries = [...this.journal.entries.filter((e) => e.id !== step.id), entry];
    if (status !== 'done' && status !== 'skipped')
      this.journal.stoppedAt = { stepId: step.id, reason: status, code };
    this.save();
  }

  finish(): void {
    this.journal.finished = this.journal.stoppedAt === null;
    this.save();
  }

  get current(): Journal {
    return this.journal;
  }

  private save(): void {
    this.journal.updatedAt = this.now().toISOString();
    const text = this.redact(JSON.stringify(this.journal, null, 2)) + '\n';
    writeFileAtomic(this.path, text, { mode: 0o600, owner: null, backupTo: null });
  }
}
