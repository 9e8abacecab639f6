// The harness every shim runs in: records the call, applies injected failures, gives the
// tool its state files, and turns a thrown ShimExit into the tool's stderr and exit code.
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class ShimExit extends Error {
  /** @param {number} code @param {string} [stderr] @param {string} [stdout] */
  constructor(code, stderr = '', stdout = '') {
    super(stderr || `exit ${code}`);
    this.code = code;
    this.stderr = stderr;
    this.stdout = stdout;
  }
}

/** @returns {string | undefined} */
export function stateDir() {
  const dir = process.env['NIX_MOX_SHIM_STATE'];
  return dir ? dir : undefined;
}

/** @param {string} name */
function stateFile(name) {
  const dir = stateDir();
  if (!dir) return undefined;
  return join(dir, name.endsWith('.json') ? name : `${name}.json`);
}

/**
 * Reads a state file, or returns the fallback when it (or the state dir) is absent.
 * @template T
 * @param {string} name
 * @param {T} fallback
 * @returns {T}
 */
export function readState(name, fallback) {
  const file = stateFile(name);
  if (!file || !existsSync(file)) return fallback;
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Atomic write (temp file + rename) of a state file. @param {string} name @param {unknown} value */
export function writeState(name, value) {
  const file = stateFile(name);
  if (!file) throw new ShimExit(70, 'nix-mox shim: NIX_MOX_SHIM_STATE is not set, cannot record state\n');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

/** The shim's clock: NIX_MOX_SHIM_NOW (unix seconds or an ISO date) when set. @returns {Date} */
export function now() {
  const fixed = process.env['NIX_MOX_SHIM_NOW'];
  if (fixed) return /^\d+$/.test(fixed) ? new Date(Number(fixed) * 1000) : new Date(fixed);
  return new Date();
}

/** @param {string} cmd @param {string[]} argv */
function logCall(cmd, argv) {
  const log = process.env['NIX_MOX_SHIM_LOG'];
  if (!log) return;
  appendFileSync(
    log,
    `${JSON.stringify({ cmd, argv, cwd: process.cwd(), time: new Date().toISOString() })}\n`,
  );
}

/** Keys a failure can be injected under, most specific first: "zfs snapshot", "zfs". */
export function failureKeys(/** @type {string} */ cmd, /** @type {string[]} */ argv) {
  const words = argv.filter((a) => !a.startsWith('-')).slice(0, 2);
  const keys = [];
  for (let n = words.length; n > 0; n--) keys.push([cmd, ...words.slice(0, n)].join(' '));
  keys.push(cmd);
  return keys;
}

/**
 * @typedef {{ code?: number, stderr?: string, stdout?: string, hang?: boolean, times?: number }} FailSpec
 * @param {string} cmd @param {string[]} argv
 * @returns {FailSpec | undefined}
 */
function takeInjectedFailure(cmd, argv) {
  /** @type {Record<string, FailSpec>} */
  const table = readState('fail', {});
  const key = failureKeys(cmd, argv).find((k) => table[k]);
  if (!key) return undefined;
  const spec = /** @type {FailSpec} */ (table[key]);
  if (typeof spec.times === 'number') {
    if (spec.times <= 1) delete table[key];
    else table[key] = { ...spec, times: spec.times - 1 };
    writeState('fail', table);
  }
  return spec;
}

/**
 * @typedef {{ argv: string[], out: (text: string) => void, err: (text: string) => void }} ShimContext
 * @param {string} cmd
 * @param {(ctx: ShimContext) => number | void | Promise<number | void>} main
 */
export async function runShim(cmd, main) {
  const argv = process.argv.slice(2);
  logCall(cmd, argv);
  try {
    const failure = takeInjectedFailure(cmd, argv);
    if (failure) {
      if (failure.stdout) process.stdout.write(failure.stdout);
      if (failure.stderr) process.stderr.write(failure.stderr);
      if (failure.hang) {
        setInterval(() => {}, 1 << 30);
        return;
      }
      process.exitCode = failure.code ?? 1;
      return;
    }
    const code = await main({
      argv,
      out: (text) => {
        process.stdout.write(text);
      },
      err: (text) => {
        process.stderr.write(text);
      },
    });
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof ShimExit) {
      if (error.stdout) process.stdout.write(error.stdout);
      if (error.stderr) process.stderr.write(error.stderr);
      process.exitCode = error.code;
      return;
    }
    process.stderr.write(
      `nix-mox shim ${cmd}: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 70;
  }
}
