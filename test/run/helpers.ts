// Small helpers for runner tests: temp dirs, step builders, event collection, and process liveness checks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '../../src/plan/types';
import { isProcessAlive } from '../../src/run/process-group';
import type { RunEvent } from '../../src/run/types';

export const testBin = join(import.meta.dirname, 'bin');

export function tempDir(prefix = 'nix-mox-run-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function step(id: string, argv: string[], extra: Partial<Step> = {}): Step {
  return { id, title: `Step ${id}`, argv, root: false, risk: [], timeoutMs: 10_000, ...extra };
}

/** A bash step (argv, never a shell string for nix-mox itself: the test's own commands are the script). */
export function bash(id: string, script: string, extra: Partial<Step> = {}): Step {
  return step(id, ['bash', '-c', script], extra);
}

export function collector() {
  const events: RunEvent[] = [];
  return {
    events,
    listener: (e: RunEvent) => events.push(e),
    of: <T extends RunEvent['type']>(type: T) =>
      events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type),
    lines: (stepId?: string) =>
      events
        .filter((e): e is Extract<RunEvent, { type: 'line' }> => e.type === 'line' && !e.transient)
        .filter((e) => !stepId || e.stepId === stepId)
        .map((e) => e.text),
  };
}

/** Pids written one per line by a test step (`echo $$ >> file`). */
export function readPids(file: string): number[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
}

export function alive(pids: number[]): number[] {
  return pids.filter(isProcessAlive);
}

export async function waitForFile(path: string, minLines = 1, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      if (readFileSync(path, 'utf8').split('\n').filter(Boolean).length >= minLines) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${path}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
