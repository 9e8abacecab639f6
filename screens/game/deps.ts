// What the game wizard needs from the world, in one place: tests build the same thing over a fixture root and
// shims on PATH, so the screens run the real pre-flight, the real runner and real undo.
import { join } from 'node:path';
import type { CommandContext } from '../../src/commands/context';
import {
  type AnswersOutcome,
  type PhaseContext,
  type RunPlanFn,
  executableCandidates,
  recordInAnswers,
} from '../../src/game/flow';
import { createGameHost } from '../../src/game/host';
import { type UserDirs, gamesDir, userDirs } from '../../src/game/paths';
import { runPreflight } from '../../src/game/preflight/index';
import { type GameChoice, prepareSetup } from '../../src/game/setup';
import type { GameSetup, PreflightReport, ToolInfo } from '../../src/game/types';
import { defaultLogBase } from '../../src/run/logs';
import { runPlan } from '../../src/run/runner';

export interface GameWizardDeps {
  dirs: UserDirs;
  preflight(prefix: string): Promise<PreflightReport>;
  prepare(choice: GameChoice, tools: ToolInfo): Promise<GameSetup>;
  runPlan: RunPlanFn;
  /** Base directory of the logs; each run gets game-<slug>-<stamp> below it. */
  logBase: string;
  /** Environment for every step. */
  env: Record<string, string>;
  now(): Date;
  /** On NixOS: puts the game into the answers. */
  recordAnswers(setup: GameSetup): AnswersOutcome;
  executables(setup: GameSetup): Promise<{ ranked: string[]; picked: string | null }>;
  cwd: string;
}

export function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export function realDeps(ctx: CommandContext): GameWizardDeps {
  const env = ctx.io.env;
  const host = createGameHost(ctx.global.root, env);
  const dirs = userDirs(env);
  const cwd = process.cwd();
  return {
    dirs,
    preflight: (prefix) => runPreflight(host, prefix),
    prepare: (choice, tools) => prepareSetup({ host, dirs, tools, cwd }, choice),
    runPlan,
    logBase: ctx.global.logDir ?? defaultLogBase(env),
    env: definedEnv(env),
    now: () => new Date(),
    recordAnswers: (setup) => recordInAnswers(env, setup),
    executables: executableCandidates,
    cwd,
  };
}

export function phaseContext(deps: GameWizardDeps, setup: GameSetup, stamp: string): PhaseContext {
  return {
    setup,
    stamp,
    logDir: join(deps.logBase, `game-${setup.slug}-${stamp}`),
    env: deps.env,
    runPlan: deps.runPlan,
  };
}

/** Where the disk check looks before a game is chosen. */
export const preflightTarget = (dirs: UserDirs): string => gamesDir(dirs.home);
