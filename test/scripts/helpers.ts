// Runs the maintenance scripts as a user or systemd would (bash, argv, no Node in between), against the
// shims on PATH, and reads back the commands they ran.
import { execa } from 'execa';
import { join } from 'node:path';
import { makeShimEnv, type ShimEnv } from '../helpers/shim-env';
import { repoRoot } from '../helpers/shared';

export const scriptsDir = join(repoRoot, 'scripts');
export const scriptNames = [
  'proxmox-update',
  'vzdump-backup',
  'zfs-snapshot',
  'nixos-flake-update',
  'install',
  'uninstall',
] as const;

/** 2026-05-01T03:00:00Z */
export const NOW = 1777604400;

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name>, or an absolute path (a script where install put it). */
export async function runScript(
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ScriptRun> {
  const r = await execa(name.startsWith('/') ? name : join(scriptsDir, name), args, {
    reject: false,
    stdin: 'ignore',
    env: { TZ: 'UTC', NIX_MOX_NOW: String(NOW), NIX_MOX_SHIM_NOW: String(NOW), ...env },
    extendEnv: true,
    stripFinalNewline: false,
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The commands the shims saw, as one string each: "zfs snapshot -r rpool@...". */
export function commands(shim: ShimEnv): string[] {
  return shim.calls().map((c) => [c.cmd, ...c.argv].join(' '));
}

export function shimWith(state: Record<string, unknown>): ShimEnv {
  return makeShimEnv({ state });
}
