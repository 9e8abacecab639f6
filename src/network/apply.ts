// The wizard's side of apply-and-confirm. scripts/network-confirm does the work (check, back up, arm the revert,
// apply, count down); this module builds its argv, answers its countdown (y writes STAGE/confirm, n writes
// STAGE/reject), reads its countdown lines, and can run it as a step runner would (own process group).
import { spawn } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NETWORK_APPLY_STEP_ID = 'network-apply';
export const DEFAULT_COUNTDOWN_S = 60;
/** The armed revert fires this long after the countdown ends, so a last-second "yes" still wins. */
export const REVERT_GRACE_S = 5;
export const REVERT_UNIT = 'nix-mox-net-revert';

/** The script ships beside dist/ (and beside src/ in a checkout): walk up from this module to find it. */
export function networkConfirmScript(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'scripts', 'network-confirm');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`scripts/network-confirm not found above ${from}`);
    dir = up;
  }
}

export interface ApplyArgvOptions {
  stageDir: string;
  countdownS?: number;
  graceS?: number;
  /** Staging root (--root); '' or '/' for the live system. */
  root?: string;
  /** systemd timer, detached process, or systemd when it runs and detached otherwise (default). */
  arm?: 'auto' | 'systemd' | 'detached';
  script?: string;
}

const rootArgs = (root: string | undefined): string[] => (root && root !== '/' ? ['--root', root] : []);

export function networkApplyArgv(o: ApplyArgvOptions): string[] {
  return [
    o.script ?? networkConfirmScript(),
    'apply',
    '--timeout',
    String(o.countdownS ?? DEFAULT_COUNTDOWN_S),
    '--grace',
    String(o.graceS ?? REVERT_GRACE_S),
    ...(o.arm && o.arm !== 'auto' ? ['--arm', o.arm] : []),
    ...rootArgs(o.root),
    o.stageDir,
  ];
}

export function networkRevertArgv(o: Pick<ApplyArgvOptions, 'stageDir' | 'root' | 'script'>): string[] {
  return [o.script ?? networkConfirmScript(), 'revert', ...rootArgs(o.root), o.stageDir];
}

function mark(stageDir: string, root: string | undefined, name: 'confirm' | 'reject'): void {
  const dir = root && root !== '/' ? join(root, stageDir) : stageDir;
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, `${new Date().toISOString()}\n`, { mode: 0o600 });
  renameSync(tmp, join(dir, name));
}

/** The user pressed y in the countdown: keep the change. */
export const confirmNetworkApply = (stageDir: string, root?: string): void => mark(stageDir, root, 'confirm');
/** The user pressed n: revert now instead of waiting for the countdown. */
export const rejectNetworkApply = (stageDir: string, root?: string): void => mark(stageDir, root, 'reject');

export interface Countdown {
  elapsed: number;
  total: number;
  left: number;
}

/** Reads the script's `::progress DONE/TOTAL confirm within N s ...` line. */
export function parseCountdown(line: string): Countdown | null {
  const m = /^::progress (\d+)\/(\d+) confirm within (\d+) s/.exec(line);
  if (!m) return null;
  return { elapsed: Number(m[1]), total: Number(m[2]), left: Number(m[3]) };
}

export interface RunningApply {
  pid: number;
  confirm(): void;
  reject(): void;
  /** Exit code: 0 kept, 1 stopped before any change, 3 reverted; null when killed by a signal. */
  done: Promise<number | null>;
}

/**
 * Runs the apply step the way the step runner does: argv (no shell), its own process group, output line by
 * line to `onLine`.
 */
export function startNetworkApply(
  o: ApplyArgvOptions & { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void },
): RunningApply {
  const argv = networkApplyArgv(o);
  const child = spawn(argv[0]!, argv.slice(1), {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: o.env ?? process.env,
  });
  let buffered = '';
  const feed = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      o.onLine?.(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (buffered) o.onLine?.(buffered);
      resolve(code);
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${argv[0]}`);
  return {
    pid: child.pid,
    confirm: () => confirmNetworkApply(o.stageDir, o.root),
    reject: () => rejectNetworkApply(o.stageDir, o.root),
    done,
  };
}
