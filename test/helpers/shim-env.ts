// A fresh directory of shim state per test: put `env` into a child process's environment and the
// shims in test/shims/bin answer for qm, pct, zfs, ... (see test/shims/README.md).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const shimBinDir = resolve(import.meta.dirname, '../shims/bin');

export interface ShimCall {
  cmd: string;
  argv: string[];
  cwd: string;
  time: string;
}

/** An injected failure, keyed "<cmd> <subcommand>" (or "<cmd>") in fail.json. */
export interface FailSpec {
  code?: number;
  stderr?: string;
  stdout?: string;
  /** never exit (until killed), for timeout and Ctrl-C tests */
  hang?: boolean;
  /** fail this many calls, then behave normally */
  times?: number;
}

export interface ShimEnv {
  /** the temp directory holding state/ and calls.jsonl */
  dir: string;
  stateDir: string;
  logFile: string;
  env: { PATH: string; NIX_MOX_SHIM_LOG: string; NIX_MOX_SHIM_STATE: string };
  /** every shim call so far, in order */
  calls(): ShimCall[];
  /** a state file's content (name with or without .json), undefined when absent */
  state(name: string): unknown;
  writeState(name: string, value: unknown): void;
  /** injects a failure for the next call(s) matching key, e.g. "zfs snapshot" */
  fail(key: string, spec: FailSpec): void;
  cleanup(): void;
}

const fileName = (name: string) => (name.endsWith('.json') ? name : `${name}.json`);

/**
 * @param opts.seed a directory whose *.json files are copied into the state first
 * @param opts.state state files to write (after the seed), by name: { zfs: {...}, guests: [...] }
 */
export function makeShimEnv(opts: { seed?: string; state?: Record<string, unknown> } = {}): ShimEnv {
  const dir = mkdtempSync(join(tmpdir(), 'nix-mox-shims-'));
  const stateDir = join(dir, 'state');
  const logFile = join(dir, 'calls.jsonl');
  mkdirSync(stateDir);
  writeFileSync(logFile, '');
  if (opts.seed) {
    for (const f of readdirSync(opts.seed)) {
      if (f.endsWith('.json')) copyFileSync(join(opts.seed, f), join(stateDir, f));
    }
  }
  const writeState = (name: string, value: unknown) =>
    writeFileSync(join(stateDir, fileName(name)), `${JSON.stringify(value, null, 2)}\n`);
  for (const [name, value] of Object.entries(opts.state ?? {})) writeState(name, value);

  const readState = (name: string): unknown => {
    const file = join(stateDir, fileName(name));
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  };

  return {
    dir,
    stateDir,
    logFile,
    env: {
      PATH: `${shimBinDir}:${process.env['PATH'] ?? ''}`,
      NIX_MOX_SHIM_LOG: logFile,
      NIX_MOX_SHIM_STATE: stateDir,
    },
    calls: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as ShimCall),
    state: readState,
    writeState,
    fail(key, spec) {
      const table = (readState('fail') ?? {}) as Record<string, FailSpec>;
      writeState('fail', { ...table, [key]: spec });
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
