// Runs a built plan for `nix-mox apply` and for the wizard's Review & apply: live panes with a terminal, plain
// lines without; records the applied answers on success and ends with what was done, reboot, and where logs are.
import { join } from 'node:path';
import type { Answers } from '../answers/schema';
import { openAnswersStore } from '../answers/store';
import { exitCodeFor, logDirFor, type PanesRunner } from '../maintenance/run-maintenance';
import type { BuiltPlan } from '../plan/build';
import type { Plan } from '../plan/types';
import { runPlain } from '../run/plain';
import { stringEnv } from '../run/string-env';
import { ensureSudo, planNeedsSudo } from '../run/sudo';
import type { RunOptions, RunResult } from '../run/types';
import type { CommandContext } from './context';

export const APPLY_RESUME = 'nix-mox apply --resume';

export function applyLogDir(ctx: CommandContext): string {
  return logDirFor(ctx, 'apply');
}

export function applyJournal(ctx: CommandContext): string {
  return join(applyLogDir(ctx), 'journal.json');
}

/** The closing lines after a run: what was done, whether to reboot, where the logs are. */
export function applySummary(plan: Plan, result: RunResult, logDir: string): string[] {
  const lines: string[] = [];
  if (result.ok) {
    lines.push(
      `Applied: ${result.completed.length} steps done` +
        (result.skipped.length > 0 ? `, ${result.skipped.length} already in place` : '') +
        '.',
    );
    if (plan.rebootNeeded) {
      lines.push('Reboot needed: the kernel command line or early modules changed. Reboot when convenient.');
    }
  } else if (result.cancelled) {
    lines.push(
      `Stopped at ${result.failedStepId ?? 'a step'}; nothing after it ran. Continue with: ${APPLY_RESUME}`,
    );
  } else {
    lines.push(
      `Failed at ${result.failedStepId ?? 'a step'}. Fix the cause, then continue with: ${APPLY_RESUME}`,
    );
  }
  for (const note of plan.notes ?? []) lines.push(`Note: ${note}`);
  lines.push(`Logs: ${logDir}`);
  return lines;
}

export interface ExecuteOptions {
  resume: boolean;
  /** Answers to record as applied when the run succeeds (null when resuming a journal). */
  answers: Answers | null;
  panes: PanesRunner | null;
}

export async function executePlan(ctx: CommandContext, plan: Plan, opts: ExecuteOptions): Promise<number> {
  const logDir = applyLogDir(ctx);
  const staged = ctx.global.root !== '/';
  const runOpts: RunOptions = {
    logDir,
    journalPath: applyJournal(ctx),
    resume: opts.resume,
    root: ctx.global.root,
    env: stringEnv(ctx.io.env),
    // Under --root everything is staged in a directory the user owns: no step needs sudo.
    ...(staged ? { asRoot: true } : {}),
  };
  let result: RunResult;
  if (opts.panes && ctx.io.interactive) {
    if (!staged && planNeedsSudo(plan) && !(await ensureSudo({ env: ctx.io.env }))) {
      ctx.io.stderr.write('nix-mox apply: sudo did not accept; the plan needs root for some steps.\n');
      return 1;
    }
    result = await opts.panes(plan, { ...runOpts, title: 'nix-mox apply', resumeCommand: APPLY_RESUME });
  } else {
    result = await runPlain(plan, { ...runOpts, resumeCommand: APPLY_RESUME }, ctx.io.stdout);
  }
  if (result.ok && opts.answers) openAnswersStore({ env: ctx.io.env }).saveApplied(opts.answers);
  for (const line of applySummary(plan, result, logDir)) ctx.io.stdout.write(`${line}\n`);
  return exitCodeFor(result);
}

/** What the wizard hands over when the user confirmed Review & apply: the hub closes, then this runs. */
export interface PendingApply {
  built: BuiltPlan;
  answers: Answers;
}
