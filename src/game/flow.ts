// The setup's phases over the runner: prefix, dependencies and installer; undo of a failed step; the game's
// executable; launcher and entries; the answers on NixOS. The command and the screens both drive these.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openAnswersStore } from '../answers/store';
import type { Step } from '../plan/types';
import type { RunEventListener, RunOptions, RunResult } from '../run/types';
import { withGame } from './answers';
import { type FinishPlan, buildFinishPlan } from './finish';
import { findExecutables, pickExecutable, rankExecutables } from './executables';
import { lutrisDirs } from './paths';
import { type RestoreResult, restoreSnapshot } from './snapshot';
import { type SetupPlan, buildSetupPlan } from './steps';
import type { GameSetup } from './types';

export type RunPlanFn = (
  plan: { steps: Step[] },
  opts: RunOptions,
  onEvent: RunEventListener,
) => Promise<RunResult>;

export interface PhaseContext {
  setup: GameSetup;
  /** Unique per run: names the snapshots and the log directory. */
  stamp: string;
  logDir: string;
  /** Extra environment for every step (tests put shims on PATH here). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  runPlan: RunPlanFn;
}

export function runOptions(ctx: PhaseContext, phase: string): RunOptions {
  return {
    logDir: join(ctx.logDir, phase),
    ...(ctx.env ? { env: ctx.env } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}

export async function runSetupPhase(
  ctx: PhaseContext,
  onEvent: RunEventListener,
): Promise<{ plan: SetupPlan; result: RunResult }> {
  const plan = buildSetupPlan(ctx.setup, ctx.stamp);
  const result = await ctx.runPlan(plan, runOptions(ctx, 'setup'), onEvent);
  return { plan, result };
}

/** The snapshot that undoes the failed step, when that step changed the prefix. */
export function undoFor(plan: SetupPlan, result: RunResult) {
  return result.failedStepId ? (plan.undo[result.failedStepId] ?? null) : null;
}

export async function undoFailedStep(
  ctx: PhaseContext,
  plan: SetupPlan,
  result: RunResult,
): Promise<RestoreResult | null> {
  const ref = undoFor(plan, result);
  if (!ref) return null;
  return restoreSnapshot(ref, {
    env: { ...process.env, ...(ctx.env ?? {}) },
    wineserver: ctx.setup.runner === 'wine' ? ctx.setup.tools.wineserver : null,
  });
}

export async function executableCandidates(
  setup: GameSetup,
): Promise<{ ranked: string[]; picked: string | null }> {
  const ranked = rankExecutables(await findExecutables(setup.prefix), setup.needs.exeNames);
  return { ranked, picked: pickExecutable(ranked, setup.needs.exeNames) };
}

export const currentOwner = (): string =>
  typeof process.getuid === 'function' && typeof process.getgid === 'function'
    ? `${process.getuid()}:${process.getgid()}`
    : 'root';

export function finishPlanFor(ctx: PhaseContext, plan: SetupPlan, exe: string, now: Date): FinishPlan {
  const { setup } = ctx;
  const lutris = setup.tools.lutris
    ? lutrisDirs({ home: setup.home, dataHome: setup.dataHome, configHome: setup.configHome }, existsSync)
    : null;
  return buildFinishPlan(setup, exe, {
    stamp: ctx.stamp,
    snapshots: plan.snapshots,
    owner: currentOwner(),
    epochSeconds: Math.floor(now.getTime() / 1000),
    lutris,
  });
}

export async function runFinishPhase(
  ctx: PhaseContext,
  finish: FinishPlan,
  onEvent: RunEventListener,
): Promise<RunResult> {
  return ctx.runPlan(finish, runOptions(ctx, 'finish'), onEvent);
}

export interface AnswersOutcome {
  saved: boolean;
  message: string;
}

/** On NixOS: records the game and its gaming settings in the saved answers (never creates answers from nothing). */
export function recordInAnswers(env: NodeJS.ProcessEnv, setup: GameSetup): AnswersOutcome {
  const packages =
    setup.runner === 'wine'
      ? 'pkgs.wineWow64Packages.stable pkgs.winetricks pkgs.mangohud'
      : 'pkgs.umu-launcher pkgs.mangohud';
  try {
    const store = openAnswersStore({ env });
    const answers = store.load();
    if (!answers) {
      return {
        saved: false,
        message:
          `No saved nix-mox answers on this machine: add programs.gamemode.enable = true; and ` +
          `environment.systemPackages = [ ${packages} ]; to your configuration.nix, ` +
          'or run nix-mox first and set up this game again.',
      };
    }
    const record = { slug: setup.slug, prefix: setup.prefix, runner: setup.runner };
    const next = withGame(answers, record, setup.tools.lutris !== null);
    store.save(next);
    return {
      saved: true,
      message: `Saved in the answers (${store.path}): gaming ${next.gaming.join(', ')}; the flake carries them at the next apply.`,
    };
  } catch (err) {
    return { saved: false, message: `The answers were not updated: ${(err as Error).message}` };
  }
}
