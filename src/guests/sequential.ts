// The per-guest update, one guest after the other: reach it, record its failed units and generation, push the
// flake, update the lock (or keep it pinned), dry-build, snapshot its disks on the host, switch, check its health,
// and roll back when that is bad. A failing guest never stops the next one.
import { readFileSync } from 'node:fs';
import type { Executor, GuestStep, StepRun } from './exec';
import { parseFailedUnits, parseGeneration } from './guest-commands';
import { GuestRun, lastLine } from './guest-run';
import { type HealthDeps, checkHealth, rollBack } from './health';
import { PRE_UPDATE_LABEL, preUpdateSnapshots, pruneCandidates } from './snapshots';
import { guestSteps, localTarball, plannedSteps } from './steps';
import { transportLabel } from './transport';
import type { GuestOutcome, GuestTarget, RolloutListener, UpdateSettings } from './types';

export interface RolloutDeps extends HealthDeps {
  exec: Executor;
  emit: RolloutListener;
  settings: UpdateSettings;
  /** Base64 of the packed flake, for a push through the guest agent. */
  readBase64?(path: string): string;
}

const readBase64 = (path: string) => readFileSync(path).toString('base64');

function failedBefore(g: GuestRun, what: string, run: StepRun): GuestOutcome {
  const detail = lastLine(run);
  return g.finish(
    'failed',
    `${what} (exit ${run.code}${detail ? `: ${detail}` : ''}); the guest was not changed. Log: ${g.logOf(g.failedStepId)}`,
  );
}

/** After a successful update: only the newest `keep` pre-update snapshots of each dataset stay. */
async function prune(g: GuestRun, steps: ReturnType<typeof guestSteps>, keep: number): Promise<string> {
  const t = g.target;
  if (t.datasets.length === 0) return '';
  const list = await g.run(steps.listSnapshots);
  if (list.code !== 0) return ' Listing the older snapshots failed, so none were pruned.';
  let destroyed = 0;
  let failed = false;
  for (const [i, ds] of t.datasets.entries()) {
    const doomed = pruneCandidates(list.stdout, ds, PRE_UPDATE_LABEL, keep);
    if (doomed.length === 0) continue;
    const r = await g.run(steps.prune(i, doomed));
    if (r.code === 0) destroyed += doomed.length;
    else failed = true;
  }
  if (failed) return ' Pruning older pre-update snapshots failed (see its log).';
  return destroyed > 0 ? ` ${destroyed} older pre-update snapshot(s) pruned (keeping ${keep}).` : '';
}

export async function updateGuest(t: GuestTarget, deps: RolloutDeps): Promise<GuestOutcome> {
  const s = deps.settings;
  const g = new GuestRun(t, deps.exec, deps.emit);
  const steps = guestSteps(t, s);
  const snapshots = preUpdateSnapshots(t.datasets, s.now);
  const planned = plannedSteps(t, steps, snapshots);
  g.begin(`${t.name} (${t.kind === 'lxc' ? 'CT' : 'VM'} ${t.vmid}, ${transportLabel(t.transport)})`, planned);
  const stopHere = (why: string) => g.skipRest(planned, why);

  const reach = await g.run(steps.reach);
  if (reach.code !== 0) {
    stopHere(`not run: ${t.name} does not answer`);
    const detail = lastLine(reach) || `exit ${reach.code}`;
    return g.finish(
      'skipped',
      `${t.name} does not answer through ${transportLabel(t.transport)} (${detail}); start it, or check how nix-mox reaches it, then run the update again.`,
    );
  }

  const unitsBefore = await g.run(steps.unitsBefore);
  if (unitsBefore.code !== 0) {
    stopHere('not run: no baseline of failed units');
    return failedBefore(
      g,
      'Reading the failed units failed, and nix-mox does not update without a baseline',
      unitsBefore,
    );
  }
  const before = parseFailedUnits(unitsBefore.stdout);
  const gen = await g.run(steps.generationBefore);
  const generationBefore = gen.code === 0 ? parseGeneration(gen.stdout) : null;

  const pack = await g.run(steps.pack);
  if (pack.code !== 0) {
    stopHere('not run: the flake could not be packed');
    return failedBefore(g, `Packing ${s.hostFlakeDir} failed`, pack);
  }
  let push: GuestStep;
  try {
    push = steps.push(
      t.transport.kind === 'agent' ? (deps.readBase64 ?? readBase64)(localTarball(s, t)) : undefined,
    );
  } catch (err) {
    stopHere('not run: the flake could not be copied');
    return g.finish('failed', `${(err as Error).message}; the guest was not changed.`);
  }
  for (const step of [steps.mkdir, push, steps.unpack]) {
    const run = await g.run(step);
    if (run.code !== 0) {
      stopHere('not run: the flake is not in the guest');
      return failedBefore(g, 'Copying the flake into the guest failed', run);
    }
  }

  if (s.inputs === 'pinned') {
    g.skip(steps.lock, 'pinned inputs: building with the lock file as pushed');
  } else {
    const lock = await g.run(steps.lock);
    if (lock.code !== 0) {
      stopHere('not run: the inputs could not be updated');
      return failedBefore(g, 'nix flake update failed', lock);
    }
  }

  const dry = await g.run(steps.dryBuild);
  if (dry.code !== 0) {
    stopHere('not run: the new configuration does not build');
    return failedBefore(g, `${t.name} does not build`, dry);
  }

  if (snapshots.length > 0) {
    const snap = await g.run(steps.snapshot(snapshots));
    if (snap.code !== 0) {
      stopHere('not run: no snapshot to fall back on');
      return failedBefore(g, 'The snapshot failed, and nix-mox does not switch without one', snap);
    }
  } else {
    g.skip(
      { id: steps.snapshot(['-']).id, title: "Snapshot the guest's disks on the host" },
      t.noSnapshotReason ?? 'no ZFS dataset holds this guest',
    );
  }
  if (g.cancelled) {
    stopHere('not run: stopped');
    return g.finish('failed', 'Stopped before the switch; the guest was not changed.', {
      snapshot: snapshots[0] ?? null,
    });
  }

  const sw = await g.run(steps.switch);
  const health = await checkHealth(g, steps.answersAfter, steps.unitsAfter, before, deps);
  if (sw.code === 0 && health.answers && health.newFailed.length === 0) {
    const pruned = await prune(g, steps, s.snapshotKeep);
    g.skipRest(planned, 'not needed');
    const snapNote = snapshots[0]
      ? ` Snapshot ${snapshots[0]} kept.`
      : ` No snapshot: ${t.noSnapshotReason ?? 'not on ZFS'}.`;
    return g.finish('updated', `Switched and healthy.${snapNote}${pruned}`, {
      snapshot: snapshots[0] ?? null,
    });
  }
  g.skipRest(planned, 'not run: rolling back');
  const problem =
    sw.code !== 0
      ? `nixos-rebuild switch failed (exit ${sw.code}${lastLine(sw) ? `: ${lastLine(sw)}` : ''})`
      : !health.answers
        ? `${t.name} stopped answering after the switch`
        : `the switch left ${health.newFailed.join(', ')} failed`;
  return rollBack(
    g,
    { steps, health, switchCode: sw.code, unitsBefore: before, generationBefore, snapshots, problem },
    deps,
  );
}

export async function updateSequentially(
  targets: GuestTarget[],
  deps: RolloutDeps,
  signal?: AbortSignal,
): Promise<GuestOutcome[]> {
  const outcomes: GuestOutcome[] = [];
  for (const t of targets) {
    if (signal?.aborted) break;
    try {
      outcomes.push(await updateGuest(t, deps));
    } catch (err) {
      // A bug or an unexpected error in one guest is reported as that guest's failure; the next one still runs.
      const outcome: GuestOutcome = {
        name: t.name,
        vmid: t.vmid,
        status: 'failed',
        reason: `nix-mox hit an error: ${(err as Error).message}`,
        snapshot: null,
        rollback: null,
        newFailedUnits: [],
        failedStepId: null,
        logPaths: {},
      };
      deps.emit({ type: 'guest-end', outcome });
      outcomes.push(outcome);
    }
  }
  return outcomes;
}
