// Where logs go and how a step's log file is written: one file per step, lines appended in batches
// (one write per 64 KiB or per flush interval, not per line or per chunk).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_STATE_HOME/nix-mox/logs`, or `~/.local/state/nix-mox/logs`. */
export function defaultLogBase(env: NodeJS.ProcessEnv = process.env): string {
  const state = env['XDG_STATE_HOME']?.startsWith('/') ? env['XDG_STATE_HOME'] : null;
  return join(state ?? join(env['HOME'] || homedir(), '.local', 'state'), 'nix-mox', 'logs');
}

/** A file name for a step id: ids may hold characters a file name should not. */
export function logFileName(stepId: string): string {
  return `${stepId.replace(/[^A-Za-z0-9._-]/g, '_')}.log`;
}

export function stepLogPath(logDir: string, stepId: string): string {
  return join(logDir, logFileName(stepId));
}

/** Pending log text is written once it reaches this size (and at least every flush interval of the runner). */
const FLUSH_CHARS = 64 * 1024;

export class StepLog {
  private readonly fd: number;
  private buffer: string[] = [];
  private pending = 0;

  constructor(readonly path: string) {
    mkdirSync(join(path, '..'), { recursive: true });
    this.fd = openSync(path, 'w', 0o600);
  }

  add(line: string): void {
    this.buffer.push(line);
    this.pending += line.length + 1;
  }

  /** Writes when enough has piled up: one write per 64 KiB instead of one per chunk of output. */
  flushIfLarge(): void {
    if (this.pending >= FLUSH_CHARS) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
