// From answers and the detected machine to what the review shows and apply runs: read what is on the machine
// under `root`, generate the FileSet, plan against it. One function for `nix-mox plan`, the review screen and apply.
import type { Answers } from '../answers/schema';
import { generate, sortFileSet } from '../generate/index';
import type { FileSet } from '../generate/types';
import type { HostReport } from '../host/types';
import { plan } from './plan';
import { generateNetworkFiles, type ProbedNetwork } from '../network/index';
import { readCurrent, readGenerateInputs } from './read-current';
import type { Plan } from './types';

export interface BuiltPlan {
  files: FileSet;
  /** What is on the machine now for every FileSet path (null: absent), for diffs. */
  current: Map<string, string | null>;
  plan: Plan;
}

export type BuildResult = { ok: true; built: BuiltPlan } | { ok: false; error: string };

/**
 * Never throws for bad answers: generate() names the field, and that message comes back as `error`. With the
 * probed network (`probeNetwork`), the bridges change is planned too; its staging files join the FileSet.
 */
export function buildPlan(
  root: string,
  answers: Answers,
  report: HostReport,
  now: Date = new Date(),
  network: ProbedNetwork | null = null,
): BuildResult {
  try {
    const generated = generate(answers, report, readGenerateInputs(root, answers, report));
    const bridges = network ? generateNetworkFiles(answers, network) : null;
    const files = bridges ? sortFileSet([...generated, ...bridges.stage]) : generated;
    const current = readCurrent(root, files);
    const opts = { now, root, ...(bridges?.changed ? { network: bridges } : {}) };
    return { ok: true, built: { files, current, plan: plan(answers, report, files, current, opts) } };
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
