// From answers and the detected machine to what the review shows and apply runs: read what is on the machine
// under `root`, generate the FileSet, plan against it. One function for `nix-mox plan`, the review screen and apply.
import type { Answers } from '../answers/schema';
import { generate } from '../generate/index';
import type { FileSet } from '../generate/types';
import type { HostReport } from '../host/types';
import { plan } from './plan';
import { readCurrent, readGenerateInputs } from './read-current';
import type { Plan } from './types';

export interface BuiltPlan {
  files: FileSet;
  /** What is on the machine now for every FileSet path (null: absent), for diffs. */
  current: Map<string, string | null>;
  plan: Plan;
}

export type BuildResult = { ok: true; built: BuiltPlan } | { ok: false; error: string };

/** Never throws for bad answers: generate() names the field, and that message comes back as `error`. */
export function buildPlan(
  root: string,
  answers: Answers,
  report: HostReport,
  now: Date = new Date(),
): BuildResult {
  try {
    const files = generate(answers, report, readGenerateInputs(root, answers, report));
    const current = readCurrent(root, files);
    return { ok: true, built: { files, current, plan: plan(answers, report, files, current, { now }) } };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export function planHeading(answers: Answers, report: HostReport): string {
  const p = report.platform;
  const what =
    p.kind === 'proxmox'
      ? `Proxmox VE ${p.version ?? '(version unknown)'}, ${p.bootloader}`
      : p.kind === 'nixos'
        ? `NixOS ${p.version ?? ''}`.trim()
        : (p.version ?? 'not Proxmox or NixOS');
  return `nix-mox plan for ${answers.machine.hostname} (${what}), as ${answers.machine.role === 'proxmox-host' ? 'a Proxmox host' : 'a NixOS machine'}`;
}
