// `nix-mox apply`: build the plan from the answers and run it. With a terminal and without --yes it opens the
// wizard on Review & apply; without a terminal it needs --yes, and --confirm NAME for each destructive step.
import { loadAnswersFile } from '../answers/load';
import type { Answers } from '../answers/schema';
import { openAnswersStore } from '../answers/store';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { detect } from '../host/detect';
import { createHost } from '../host/host';
import { NETWORK_APPLY_STEP_ID, probeNetwork } from '../network/index';
import { buildPlan, planHeading } from '../plan/build';
import { renderPlanText } from '../plan/render-text';
import type { Plan } from '../plan/types';
import { planOnlyReason } from '../plan-only';
import { JournalError, readJournal } from '../run/journal';
import { applyJournal, executePlan } from './apply-run';
import { type CommandContext, type CommandModule, writeLine } from './context';

function fail(ctx: CommandContext, message: string, code: number): number {
  writeLine(ctx.io.stderr, `nix-mox apply: ${message}`);
  return code;
}

function confirmedNames(ctx: CommandContext): string[] {
  const raw = ctx.opts['confirm'];
  return Array.isArray(raw) ? raw.map(String) : [];
}

/** Destructive steps whose name the user did not give with --confirm. */
export function unconfirmed(plan: Plan, names: string[]): string[] {
  return plan.steps.flatMap((s) => (s.confirm && !names.includes(s.confirm) ? [s.confirm] : []));
}

async function panes() {
  const { runWithPanes } = await import('../../screens/run/RunApp');
  return runWithPanes;
}

async function resume(ctx: CommandContext): Promise<number> {
  let journal: ReturnType<typeof readJournal>;
  try {
    journal = readJournal(applyJournal(ctx));
  } catch (err) {
    if (err instanceof JournalError) return fail(ctx, err.message, EXIT_FAILED);
    throw err;
  }
  if (!journal) return fail(ctx, `nothing to resume: no earlier run in ${applyJournal(ctx)}`, EXIT_USAGE);
  if (journal.finished) {
    writeLine(ctx.io.stdout, 'nix-mox apply: the last run finished; nothing to resume.');
    return EXIT_OK;
  }
  const plan: Plan = { steps: journal.plan.steps, rebootNeeded: false, disksTouched: [] };
  const answers = openAnswersStore({ env: ctx.io.env }).load();
  return executePlan(ctx, plan, { resume: true, answers, panes: ctx.io.interactive ? await panes() : null });
}

function loadAnswers(ctx: CommandContext, report: Parameters<typeof loadAnswersFile>[1]): Answers | string[] {
  if (ctx.global.answers) {
    const loaded = loadAnswersFile(ctx.global.answers, report);
    return loaded.ok ? loaded.answers : loaded.errors.map((e) => `${ctx.global.answers}: ${e}`);
  }
  const store = openAnswersStore({ env: ctx.io.env });
  const saved = store.load();
  if (saved) return saved;
  return [
    ...store.problems(),
    `no saved answers in ${store.path}; run nix-mox setup, or pass --answers FILE`,
  ];
}

export const applyCommand: CommandModule = {
  name: 'apply',
  summary: 'run the plan (add --yes to run without a terminal; --resume continues at a failed step)',
  configure(cmd) {
    cmd
      .option(
        '--resume',
        'continue the last apply at the step that stopped, without rerunning finished steps',
      )
      .option(
        '--confirm <names...>',
        'without a terminal: the pool or disk names that destructive steps need typed',
      )
      .addHelpText(
        'after',
        `
With a terminal and without --yes, apply opens the wizard on Review & apply. Without a terminal it prints plain
lines and never asks: pass --yes, and --confirm NAME for every destructive step (for example a new pool).
Each step's log is in --log-dir (default $XDG_STATE_HOME/nix-mox/logs/apply); the journal there lets
--resume continue where a run stopped.

Examples:
  nix-mox apply --dry-run                          show the plan, change nothing
  nix-mox apply --answers answers.json --yes --confirm tank
  nix-mox apply --resume`,
      );
  },
  async run(ctx) {
    if (ctx.opts['resume'] === true) return resume(ctx);
    const host = createHost(ctx.global.root, ctx.io.env);
    const report = await detect(host);
    const answers = loadAnswers(ctx, { report });
    if (Array.isArray(answers)) {
      for (const e of answers) writeLine(ctx.io.stderr, `nix-mox apply: ${e}`);
      return EXIT_USAGE;
    }
    const network = report.platform.kind === 'proxmox' ? await probeNetwork(host, ctx.io.env) : null;
    const built = buildPlan(ctx.global.root, answers, report, new Date(), network);
    if (!built.ok) return fail(ctx, built.error, EXIT_USAGE);
    const { plan, current } = built.built;

    if (ctx.global.dryRun) {
      ctx.io.stdout.write(renderPlanText(plan, current, planHeading(answers, report)));
      writeLine(ctx.io.stdout, '--dry-run: nothing was changed.');
      return EXIT_OK;
    }
    const planOnly = planOnlyReason(report, ctx);
    if (planOnly) return fail(ctx, `nothing was changed: ${planOnly}`, EXIT_FAILED);

    if (!ctx.global.yes) {
      if (!ctx.io.interactive) {
        return fail(
          ctx,
          'without a terminal, add --yes to run the plan (and --confirm NAME for each destructive step); ' +
            'nix-mox plan shows it first',
          EXIT_USAGE,
        );
      }
      const { startHub } = await import('../../screens/start');
      return startHub(ctx, { initialRoute: 'review' });
    }
    const missing = unconfirmed(plan, confirmedNames(ctx));
    if (missing.length > 0) {
      return fail(
        ctx,
        `destructive steps need their name typed: add ${missing.map((n) => `--confirm ${n}`).join(' ')} ` +
          '(nix-mox plan shows what they destroy)',
        EXIT_USAGE,
      );
    }
    if (!ctx.io.interactive && plan.steps.some((s) => s.id === NETWORK_APPLY_STEP_ID)) {
      return fail(
        ctx,
        'the bridges change waits for a confirmation typed in a terminal, or reverts; run apply in a ' +
          'terminal, or turn vmbr1/vmbr2 off in the answers',
        EXIT_USAGE,
      );
    }
    if (plan.steps.length === 0) {
      writeLine(ctx.io.stdout, 'nix-mox apply: nothing to do; the machine already matches the answers.');
      openAnswersStore({ env: ctx.io.env }).saveApplied(answers);
      return EXIT_OK;
    }
    return executePlan(ctx, plan, {
      resume: false,
      answers,
      panes: ctx.io.interactive ? await panes() : null,
    });
  },
};
