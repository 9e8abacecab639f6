// A throw-away host for scripts/network-confirm: a staging root with a fixture's files and the generated stage,
// the ifupdown2/ip shims and the test-local systemd-run/systemctl first on PATH, and the shims' state and log.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Answers } from '../../src/answers/schema';
import { generateNetworkFiles, type NetworkFiles } from '../../src/network/generate';
import { readInterfacesFiles } from '../../src/network/probe';
import { parseIpJson } from '../../src/network/ip-json';
import { repoRoot } from '../helpers/shared';
import { type FixtureHost, fixtureDir, ipCaptures, SSH } from './fixtures';

export interface ScriptHost {
  root: string;
  state: string;
  env: NodeJS.ProcessEnv;
  files: NetworkFiles;
  read(path: string): string | null;
  calls(): { cmd: string; argv: string[] }[];
  reloads(): Record<string, string>[];
  timers(): Record<string, { pid: number }>;
  cleanup(): void;
}

export const TEST_SHIMS = join(repoRoot, 'test', 'network', 'shims', 'bin');
export const SHIMS = join(repoRoot, 'test', 'shims', 'bin');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds; never a fixed sleep. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export { alive };

/**
 * Copies the fixture's root into a temp dir, lets `edit` change files there first (as a user would), then
 * generates the change for `answers` from that tree and writes the stage under the root.
 */
export function scriptHost(name: FixtureHost, answers: Answers, edit?: (root: string) => void): ScriptHost {
  const base = mkdtempSync(join(tmpdir(), 'nix-mox-net-'));
  const root = join(base, 'root');
  const state = join(base, 'state');
  mkdirSync(state);
  cpSync(join(fixtureDir(name), 'root'), root, { recursive: true });
  edit?.(root);
  const ip = ipCaptures(name);
  const current = {
    files: readInterfacesFiles(root).files,
    links: parseIpJson(ip.link, ip.addr),
    sshServerAddress: SSH[name].server,
    sshClientAddress: SSH[name].client,
  };
  const files = generateNetworkFiles(answers, current);
  for (const e of files.stage) {
    const p = join(root, e.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, e.content, { mode: e.mode });
  }
  writeFileSync(join(state, 'ifupdown.json'), JSON.stringify({ root, reloads: [] }));
  writeFileSync(
    join(state, 'ip.json'),
    JSON.stringify({ link: JSON.parse(ip.link), addr: JSON.parse(ip.addr) }),
  );
  const log = join(state, 'calls.jsonl');
  const env = {
    ...process.env,
    PATH: `${TEST_SHIMS}:${SHIMS}:${process.env['PATH']}`,
    NIX_MOX_SHIM_STATE: state,
    NIX_MOX_SHIM_LOG: log,
  };
  const json = <T>(file: string, fallback: T): T =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
  const timers = () => json<Record<string, { pid: number }>>(join(state, 'systemd-timers.json'), {});
  return {
    root,
    state,
    env,
    files,
    read: (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { cmd: string; argv: string[] })
        : [],
    reloads: () =>
      json<{ reloads: { files: Record<string, string> }[] }>(join(state, 'ifupdown.json'), {
        reloads: [],
      }).reloads.map((r) => r.files),
    timers,
    cleanup() {
      for (const t of Object.values(timers())) if (alive(t.pid)) process.kill(-t.pid, 'SIGKILL');
      const pidFile = join(root, files.stageDir, 'revert.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8'));
        if (alive(pid)) process.kill(-pid, 'SIGKILL');
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
