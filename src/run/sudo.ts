// Steps that need root run through `sudo -n` when nix-mox is not root. `-n` never prompts (a prompt would
// fight the live panes for the terminal), so the caller asks once with ensureSudo() before Ink starts.
import { execa } from 'execa';
import type { Step } from '../plan/types';

export function runningAsRoot(): boolean {
  return typeof process.geteuid === 'function' && process.geteuid() === 0;
}

/**
 * The argv to spawn for a step. Through sudo, the step's environment is passed with `env NAME=value`, because
 * sudo resets the environment; secrets are never passed this way (they are files, by path).
 */
export function commandFor(
  argv: string[],
  env: Record<string, string>,
  needsRoot: boolean,
  asRoot: boolean,
): string[] {
  if (!needsRoot || asRoot) return argv;
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return ['sudo', '-n', '--', ...(assignments.length > 0 ? ['env', ...assignments] : []), ...argv];
}

export function planNeedsSudo(plan: { steps: Step[] }, asRoot = runningAsRoot()): boolean {
  return !asRoot && plan.steps.some((s) => s.root);
}

let validated = false;

/**
 * Runs `sudo -v` once (it may ask for the password on the terminal) so later `sudo -n` calls succeed.
 * True when already root or sudo accepted; call it before starting Ink. A refusal is not remembered, so the
 * caller may ask again.
 */
export async function ensureSudo(opts: { env?: NodeJS.ProcessEnv; asRoot?: boolean } = {}): Promise<boolean> {
  if (opts.asRoot ?? runningAsRoot()) return true;
  if (validated) return true;
  const r = await execa('sudo', ['-v'], { stdio: 'inherit', reject: false, env: opts.env ?? process.env });
  validated = r.exitCode === 0;
  return validated;
}
