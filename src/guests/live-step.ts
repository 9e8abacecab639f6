// A step nix-mox drives itself rather than one command (polling Windows Update, a zfs send | zfs receive pipe):
// it emits the same events as the runner's steps, so the panes show it the same way, and writes its own log.
import { parseProgressLine } from '../run/progress';
import { StepLog, stepLogPath } from '../run/logs';
import type { RunEvent } from '../run/types';
import type { RolloutListener } from './types';

export class LiveStep {
  readonly logPath: string;
  private log: StepLog | null = null;
  private startedAt = 0;
  lastOutputAt = 0;

  constructor(
    private readonly emit: RolloutListener,
    private readonly group: string,
    readonly id: string,
    readonly title: string,
    logDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.logPath = stepLogPath(logDir, id);
  }

  private send(event: RunEvent): void {
    this.emit({ type: 'run', name: this.group, event });
  }

  start(commandShown: string): void {
    this.startedAt = this.now();
    this.lastOutputAt = this.startedAt;
    this.log = new StepLog(this.logPath);
    this.log.add(`# nix-mox step ${this.id}: ${this.title}`);
    this.log.add(`# $ ${commandShown}`);
    this.log.add(`# started ${new Date(this.startedAt).toISOString()}`);
    this.log.flush();
    this.send({
      type: 'start',
      stepId: this.id,
      title: this.title,
      logPath: this.logPath,
      at: this.startedAt,
    });
  }

  /** A line of output; `::progress`/`::step` lines become progress events, as the runner treats them. */
  line(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.lastOutputAt = this.now();
    this.log?.add(text);
    this.log?.flush();
    const p = parseProgressLine(text);
    if (p?.kind === 'progress')
      this.send({ type: 'progress', stepId: this.id, done: p.done, total: p.total, label: p.label });
    else if (p?.kind === 'step')
      this.send({ type: 'progress', stepId: this.id, done: 0, total: null, label: p.label });
    else this.send({ type: 'line', stepId: this.id, stream, text });
  }

  progress(done: number, total: number | null, label: string): void {
    this.lastOutputAt = this.now();
    this.send({ type: 'progress', stepId: this.id, done, total, label });
  }

  heartbeat(): void {
    this.send({ type: 'heartbeat', stepId: this.id, quietMs: this.now() - this.lastOutputAt });
  }

  error(message: string): void {
    this.log?.add(message);
    this.send({ type: 'error', stepId: this.id, message });
  }

  end(code: number): void {
    const ms = this.now() - this.startedAt;
    this.log?.add(`# ${code === 0 ? 'done' : 'failed'}: exit ${code} after ${ms} ms`);
    this.log?.close();
    this.log = null;
    this.send({ type: 'end', stepId: this.id, code, ms });
  }
}
