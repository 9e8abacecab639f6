import { execa } from 'execa';
import type { CommandResult } from '../host/types';
import { commandFor } from './sudo';

/**
 * Runs argv as root (through `sudo -n` unless already root) with `env` added to this process's environment,
 * without a shell and without stdin, and captures its exit code and output; it never throws for a failed exit.
 */
export function captureAsRoot(env: Record<string, string>, asRoot: boolean) {
  return async (argv: string[]): Promise<CommandResult> => {
    const full = commandFor(argv, {}, true, asRoot);
    const r = await execa(full[0]!, full.slice(1), {
      env: { ...process.env, ...env },
      reject: false,
      stdin: 'ignore',
    });
    return { code: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
}
