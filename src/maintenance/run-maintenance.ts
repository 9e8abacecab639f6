// What `nix-mox update|snapshot|backup` share: where logs and the journal go, --resume, answers as defaults,
// live panes with a terminal or plain lines without, sudo asked once before the panes, and the exit code.
import { isAbsolute, join, resolve } from 'node:path';
import { loadAnswersFile } from '../answers/load';
import type { Answers } from '../answers/schema';
import { openAnswersStore } from '../answers/store';
import type { CommandContext } from '../commands/context';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import type { Plan, Step } from '../plan/types';
import { JournalError, readJournal } from '../run/journal';
import { defaultLogBase } from '../run/logs';
import { runPlain } from '../run/plain';
import { stringEnv } from '../run/string-env';
import { ensureSudo, planNeedsSudo } from '../run/sudo';
import type { RunOptions, RunResult } from '../run/types';
import { OptionError } from './options';
import { findScriptsDir } from './scripts-dir';

/** The live panes (screens/run/RunApp runWithPanes), passed in: src/ does not import screens/. */
export type PanesRunner = (
  plan: { steps: Step[] },
  opts: RunOptions & { title: string; resumeCommand?: string },
) => Promise<RunResult>;

export type PlanBuilder = (answers: Answers | null, scriptsDir: string) => Plan;

function fail(ctx: CommandContext, name: string, message: string, code: number): number {
  ctx.io.stderr.write(`nix-mox ${name}: ${message}\n`);
  return code;
}

export function logDirFor(ctx: CommandContext, name: string): string {
  const given = ctx.global.logDir;
  if (given) return isAbsolute(given) ? given : resolve(given);
  return join(defaultLogBase(ctx.io.env), name);
}

/** --answers FILE, else the wizard's saved answers, else none (flags only). */
export function loadAnswers(ctx: CommandContext): { answers: Answers | null; errors: string[] } {
  if (ctx.global.answers) {
    const r = loadAnswersFile(ctx.global.answers);
    return r.ok ? { answers: r.answers, errors: [] } : { answers: null, errors: r.errors };
  }
  try {
    return { answers: openAnswersStore({ env: ctx.io.env }).load(), errors: [] };
  } catch {
    return { answers: null, errors: [] };
  }
}

export function exitCodeFor(result: RunResult): number {
  if (result.ok) return EXIT_OK;
  return result.cancelled ? EXIT_INTERRUPTED : EXIT_FAILED;
}

export async function runMaintenance(
  ctx: CommandContext,
  name: string,
  build: PlanBuilder,
  panes: PanesRunner,
): Promise<number> {
  const logDir = logDirFor(ctx, name);
  const resume = ctx.opts['resume'] === true;
  let plan: { steps: Step[] };
  if (resume) {
    let journal: ReturnType<typeof readJournal>;
    try {
      journal = readJournal(join(logDir, 'journal.json'));
    } catch (err) {
      if (err instanceof JournalError) return fail(ctx, name, err.message, EXIT_FAILED);
      throw err;
    }
    if (!journal) return fail(ctx, name, `nothing to resume: no earlier run in ${logDir}`, EXIT_USAGE);
    if (journal.finished) {
      ctx.io.stdout.write(`nix-mox ${name}: the last run finished; nothing to resume.\n`);
      return EXIT_OK;
    }
    plan = journal.plan;
  } else {
    const { answers, errors } = loadAnswers(ctx);
    if (errors.length > 0)
      return fail(ctx, name, `--answers ${ctx.global.answers}:\n  ${errors.join('\n  ')}`, EXIT_USAGE);
    let scripts: string;
    try {
      scripts = findScriptsDir(ctx.io.env);
      plan = build(answers, scripts);
    } catch (err) {
      if (err instanceof OptionError) return fail(ctx, name, err.message, EXIT_USAGE);
      return fail(ctx, name, (err as Error).message, EXIT_FAILED);
    }
  }
  if (plan.steps.length === 0) {
    ctx.io.stdout.write(`nix-mox ${name}: nothing to do.\n`);
    return EXIT_OK;
  }

  const env = stringEnv(ctx.io.env);
  const opts: RunOptions = { logDir, resume, env };
  const resumeCommand = `nix-mox ${name} --resume`;
  if (!ctx.io.interactive) {
    return exitCodeFor(await runPlain(plan, { ...opts, resumeCommand }, ctx.io.stdout));
  }
  if (planNeedsSudo(plan) && !(await ensureSudo({ env: ctx.io.env }))) {
    const which = plan.steps.filter((s) => s.root).map((s) => s.title);
    return fail(ctx, name, `sudo did not accept; these steps need root: ${which.join('; ')}`, EXIT_FAILED);
  }
  return exitCodeFor(await panes(plan, { ...opts, title: name, resumeCommand }));
}
