// `nix-mox update --guests`: updates every NixOS guest. One guest at a time by default; with more than one target
// and colmena on PATH, the build and switch go to colmena (the flake's `colmena` hive) and nix-mox keeps the
// snapshots, health checks and rollbacks around it. Either way a failing guest never stops the others.
import { mkdirSync } from 'node:fs';
import { type ColmenaDeps, updateWithColmena } from './colmena-rollout';
import { createExecutor, type ExecutorOptions } from './exec';
import type { HealthDeps } from './health';
import { updateSequentially } from './sequential';
import type {
  GuestOutcome,
  GuestTarget,
  RolloutEvent,
  RolloutListener,
  RolloutResult,
  UpdateSettings,
} from './types';

export type StrategyChoice = 'auto' | 'sequential' | 'colmena';

export interface RolloutOptions extends ExecutorOptions, Partial<HealthDeps> {
  strategy: StrategyChoice;
  colmenaOnPath: boolean;
}

export function chooseStrategy(
  targets: number,
  choice: StrategyChoice,
  colmenaOnPath: boolean,
): { strategy: 'sequential' | 'colmena'; why: string } {
  if (choice === 'sequential')
    return { strategy: 'sequential', why: 'one guest at a time, as asked (--sequential)' };
  if (choice === 'colmena') {
    if (!colmenaOnPath)
      throw new Error(
        '--colmena: colmena is not on PATH (install it, e.g. nix profile install nixpkgs#colmena)',
      );
    return { strategy: 'colmena', why: 'colmena deploys the targets together, as asked (--colmena)' };
  }
  if (targets <= 1) return { strategy: 'sequential', why: targets === 1 ? 'one target' : 'no targets' };
  if (!colmenaOnPath) {
    return {
      strategy: 'sequential',
      why: `${targets} targets, but colmena is not on PATH, so one guest at a time (install colmena to deploy them together)`,
    };
  }
  return { strategy: 'colmena', why: `${targets} targets: colmena deploys them together over SSH` };
}

function skipped(t: GuestTarget, emit: RolloutListener): GuestOutcome {
  emit({
    type: 'guest-start',
    name: t.name,
    title: `${t.name} (${t.kind === 'lxc' ? 'CT' : 'VM'} ${t.vmid})`,
    steps: [],
  });
  const outcome: GuestOutcome = {
    name: t.name,
    vmid: t.vmid,
    status: 'skipped',
    reason: t.skipReason ?? 'skipped',
    snapshot: null,
    rollback: null,
    newFailedUnits: [],
    failedStepId: null,
    logPaths: {},
  };
  emit({ type: 'guest-end', outcome });
  return outcome;
}

export async function runRollout(
  targets: GuestTarget[],
  settings: UpdateSettings,
  opts: RolloutOptions,
  emit: RolloutListener,
): Promise<RolloutResult> {
  mkdirSync(settings.workDir, { recursive: true, mode: 0o700 });
  const reachable = targets.filter((t) => !t.skipReason);
  const { strategy, why } = chooseStrategy(reachable.length, opts.strategy, opts.colmenaOnPath);
  emit({ type: 'note', text: `Updating ${reachable.length} NixOS guest(s): ${why}.` });
  let tap: RolloutListener | null = null;
  const all = (e: RolloutEvent) => {
    emit(e);
    tap?.(e);
  };
  const exec = createExecutor(opts, all);
  const deps: ColmenaDeps = {
    exec,
    emit: all,
    settings,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    answerTries: opts.answerTries ?? 3,
    answerDelayMs: opts.answerDelayMs ?? 5000,
    tap: (l) => {
      tap = l;
    },
  };
  const outcomes: GuestOutcome[] = targets.filter((t) => t.skipReason).map((t) => skipped(t, all));
  const done =
    strategy === 'colmena'
      ? await updateWithColmena(reachable, deps)
      : await updateSequentially(reachable, deps, opts.signal);
  const order = new Map(targets.map((t, i) => [t.name, i]));
  const result = [...outcomes, ...done].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { strategy, why, outcomes: result, cancelled: opts.signal?.aborted === true };
}
