// Runs a shim the way nix-mox will: an argv array, the shim environment, output kept byte for byte.
import { execa } from 'execa';
import type { ShimEnv } from '../helpers/shim-env';

export interface ShimResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runShim(
  shim: ShimEnv,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<ShimResult> {
  const r = await execa(cmd, args, {
    env: { TZ: 'UTC', ...shim.env, ...opts.env },
    cwd: opts.cwd ?? shim.dir,
    reject: false,
    stripFinalNewline: false,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
