// Several NixOS targets: the rollout is handed to colmena, which builds and switches them together from the flake's
// `colmena` hive. nix-mox keeps what colmena does not do: before, each guest's baseline (failed units, generation)
// and a ZFS snapshot of its disks on the host; after, each guest's health check and, for a guest that failed or is
// unhealthy, the same rollback as the one-at-a-time update. colmena's output is split into each guest's pane.
import { type ColmenaLine, colmenaApplyArgv, nodeResults, parseColmenaLine } from './colmena-output';
import type { GuestStep, StepRun } from './exec';
import { guestCommands, parseFailedUnits, parseGeneration } from './guest-commands';
import { GuestRun, lastLine } from './guest-run';
import { checkHealth, rollBack } from './health';
import type { RolloutDeps } from './sequential';
import { preUpdateSnapshots, PRE_UPDATE_LABEL, pruneCandidates } from './snapshots';
import { guestSteps, stepId } from './steps';
import { transportLabel } from './transport';
import type { GuestOutcome, GuestTarget, RolloutEvent, RolloutListener, StepInfo } from './types';

const MIN = 60_000;
export const COLMENA_GROUP = 'colmena';

export interface ColmenaDeps extends RolloutDeps {
  /** Lets this module see the executor's events as they happen (to split colmena's output per guest). */
  tap(listener: RolloutListener | null): void;
}

interface Prepared {
  g: GuestRun;
  steps: ReturnType<typeof guestSteps>;
  planned: StepInfo[];
  before: string[];
  generationBefore: number | null;
  snapshots: string[];
}

const deployId = (t: GuestTarget) => stepId(t, 'deploy');

function plannedFor(t: GuestTarget, steps: ReturnType<typeof guestSteps>, snapshots: string[]): StepInfo[] {
  const info = (s: { id: string; title: string }): StepInfo => ({ id: s.id, title: s.title });
  return [
    info(steps.reach),
    info(steps.unitsBefore),
    info(steps.generationBefore),
    snapshots.length > 0
      ? info(steps.snapshot(snapshots))
      : { id: stepId(t, 'snapshot'), title: "Snapshot the guest's disks on the host" },
    { id: deployId(t), title: 'Build and switch with colmena' },
    info(steps.answersAfter),
    info(steps.unitsAfter),
    ...(t.datasets.length > 0 ? [info(steps.listSnapshots)] : []),
  ];
}

async function prepare(t: GuestTarget, deps: ColmenaDeps): Promise<Prepared | GuestOutcome> {
  const g = new GuestRun(t, deps.exec, deps.emit);
  const steps = guestSteps(t, deps.settings);
  const snapshots = preUpdateSnapshots(t.datasets, deps.settings.now);
  const planned = plannedFor(t, steps, snapshots);
  g.begin(
    `${t.name} (${t.kind === 'lxc' ? 'CT' : 'VM'} ${t.vmid}, health through ${transportLabel(t.transport)})`,
    planned,
  );
  const stop = (why: string) => g.skipRest(planned, why);
  const reach = await g.run(steps.reach);
  if (reach.code !== 0) {
    stop(`not run: ${t.name} does not answer`);
    return g.finish(
      'skipped',
      `${t.name} does not answer through ${transportLabel(t.transport)} (${lastLine(reach) || `exit ${reach.code}`}); it was left out of the deployment.`,
    );
  }
  const units = await g.run(steps.unitsBefore);
  if (units.code !== 0) {
    stop('not run: no baseline of failed units');
    return g.finish(
      'failed',
      `Reading the failed units failed; ${t.name} was left out of the deployment and not changed.`,
    );
  }
  const gen = await g.run(steps.generationBefore);
  if (snapshots.length > 0) {
    const snap = await g.run(steps.snapshot(snapshots));
    if (snap.code !== 0) {
      stop('not run: no snapshot to fall back on');
      return g.finish(
        'failed',
        `The snapshot failed (${lastLine(snap) || `exit ${snap.code}`}); ${t.name} was left out of the deployment and not changed.`,
      );
    }
  } else {
    g.skip(
      { id: stepId(t, 'snapshot'), title: "Snapshot the guest's disks on the host" },
      t.noSnapshotReason ?? 'no ZFS dataset holds this guest',
    );
  }
  return {
    g,
    steps,
    planned,
    before: parseFailedUnits(units.stdout),
    generationBefore: gen.code === 0 ? parseGeneration(gen.stdout) : null,
    snapshots,
  };
}

/** Turns the events of the one colmena process into events of each guest's "deploy" step. */
function splitter(ready: Prepared[], emit: RolloutListener, applyId: string) {
  const byName = new Map(ready.map((p) => [p.g.target.name, p]));
  const lines: string[] = [];
  const listener: RolloutListener = (e: RolloutEvent) => {
    if (e.type !== 'run' || e.name !== COLMENA_GROUP || e.event.stepId !== applyId) return;
    const ev = e.event;
    if (ev.type === 'start') {
      for (const p of ready) {
        emit({
          type: 'run',
          name: p.g.target.name,
          event: { ...ev, stepId: deployId(p.g.target), title: 'Build and switch with colmena' },
        });
      }
    } else if (ev.type === 'line' && !ev.transient) {
      lines.push(ev.text);
      const l: ColmenaLine | null = parseColmenaLine(ev.text);
      const targets =
        l && byName.has(l.label) ? [byName.get(l.label)!] : l && l.label === '(...)' ? ready : [];
      for (const p of targets) {
        emit({
          type: 'run',
          name: p.g.target.name,
          event: { type: 'line', stepId: deployId(p.g.target), stream: ev.stream, text: l!.text },
        });
      }
    } else if (ev.type === 'heartbeat') {
      for (const p of ready)
        emit({ type: 'run', name: p.g.target.name, event: { ...ev, stepId: deployId(p.g.target) } });
    }
  };
  return { listener, lines };
}

export async function updateWithColmena(targets: GuestTarget[], deps: ColmenaDeps): Promise<GuestOutcome[]> {
  const s = deps.settings;
  const outcomes: GuestOutcome[] = [];
  const ready: Prepared[] = [];
  for (const t of targets) {
    const p = await prepare(t, deps);
    if ('status' in p) outcomes.push(p);
    else ready.push(p);
  }
  if (ready.length === 0) return outcomes;

  const group: GuestTarget = {
    name: COLMENA_GROUP,
    vmid: 0,
    kind: 'vm',
    transport: { kind: 'ssh', destination: '' },
    datasets: [],
  };
  const c = new GuestRun(group, deps.exec, deps.emit);
  const lock: GuestStep = {
    id: `${COLMENA_GROUP}.lock`,
    title: `Update the flake inputs on the host (nix flake update in ${s.hostFlakeDir})`,
    argv: guestCommands.lockUpdate(s.hostFlakeDir),
    timeoutMs: 15 * MIN,
    risk: ['F', 'N'],
    root: true,
  };
  const nodes = ready.map((p) => p.g.target.name);
  const apply: GuestStep = {
    id: `${COLMENA_GROUP}.apply`,
    title: `colmena apply switch --on ${nodes.join(',')}`,
    argv: colmenaApplyArgv(s.hostFlakeDir, nodes),
    timeoutMs: 120 * MIN,
    risk: ['S', 'N'],
    root: false,
  };
  c.begin(
    `colmena: ${nodes.length} guests together`,
    [lock, apply].map((x) => ({ id: x.id, title: x.title })),
  );

  let deployed = true;
  let why = '';
  if (s.inputs === 'pinned') c.skip(lock, 'pinned inputs: building with the lock file as it is');
  else {
    const r = await c.run(lock);
    if (r.code !== 0) {
      deployed = false;
      why = `nix flake update failed on the host (exit ${r.code})`;
      c.skip(apply, 'not run: the inputs could not be updated');
    }
  }
  let results = new Map<string, { ok: boolean; last: string }>();
  if (deployed && !c.cancelled) {
    const split = splitter(ready, deps.emit, apply.id);
    deps.tap(split.listener);
    const started = Date.now();
    let r: StepRun;
    try {
      r = await c.run(apply);
    } finally {
      deps.tap(null);
    }
    results = nodeResults(split.lines, nodes);
    for (const p of ready) {
      const res = results.get(p.g.target.name)!;
      deps.emit({
        type: 'run',
        name: p.g.target.name,
        event: { type: 'end', stepId: deployId(p.g.target), code: res.ok ? 0 : 1, ms: Date.now() - started },
      });
    }
    c.finish(
      r.code === 0 ? 'updated' : 'failed',
      r.code === 0
        ? `colmena switched ${nodes.length} guests.`
        : `colmena exited ${r.code}; see each guest below. Log: ${c.logOf(apply.id)}`,
    );
  } else {
    c.finish('failed', why || 'Stopped before the deployment.');
  }

  for (const p of ready) {
    const t = p.g.target;
    const res = results.get(t.name);
    if (!res) {
      p.g.skipRest(p.planned, 'not run: no deployment');
      outcomes.push(
        p.g.finish('failed', `${why || 'Stopped before the deployment'}; ${t.name} was not changed.`, {
          snapshot: p.snapshots[0] ?? null,
        }),
      );
      continue;
    }
    const health = await checkHealth(p.g, p.steps.answersAfter, p.steps.unitsAfter, p.before, deps);
    if (res.ok && health.answers && health.newFailed.length === 0) {
      let pruned = '';
      if (t.datasets.length > 0) {
        const list = await p.g.run(p.steps.listSnapshots);
        if (list.code === 0) {
          for (const [i, ds] of t.datasets.entries()) {
            const doomed = pruneCandidates(list.stdout, ds, PRE_UPDATE_LABEL, s.snapshotKeep);
            if (doomed.length > 0 && (await p.g.run(p.steps.prune(i, doomed))).code === 0)
              pruned += ` ${doomed.length} older snapshot(s) pruned.`;
          }
        }
      }
      p.g.skipRest(p.planned, 'not needed');
      outcomes.push(
        p.g.finish(
          'updated',
          `Switched by colmena and healthy.${p.snapshots[0] ? ` Snapshot ${p.snapshots[0]} kept.` : ''}${pruned}`,
          { snapshot: p.snapshots[0] ?? null },
        ),
      );
      continue;
    }
    p.g.skipRest(p.planned, 'not run: rolling back');
    const problem = !res.ok
      ? `colmena did not switch ${t.name} (${res.last})`
      : !health.answers
        ? `${t.name} stopped answering after the switch`
        : `the switch left ${health.newFailed.join(', ')} failed`;
    outcomes.push(
      await rollBack(
        p.g,
        {
          steps: p.steps,
          health,
          switchCode: res.ok ? 0 : 1,
          unitsBefore: p.before,
          generationBefore: p.generationBefore,
          snapshots: p.snapshots,
          problem,
        },
        deps,
      ),
    );
  }
  return outcomes;
}
