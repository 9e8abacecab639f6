// Runs the messaging backup as one group of panes: copy the app data out of the guests, snapshot and prune the
// messaging dataset, and send the snapshots to the chosen target through a pipe.
import type { CommandResult } from '../host/types';
import type { Executor, GuestStep } from '../guests/exec';
import { GuestRun, lastLine } from '../guests/guest-run';
import { LiveStep } from '../guests/live-step';
import { listSnapshotsArgv } from '../guests/snapshots';
import type { GuestOutcome, RolloutListener, StepInfo } from '../guests/types';
import {
  type MessagingBackupSettings,
  type MessagingSource,
  RSYNC_VANISHED,
  copySteps,
  snapshotStep,
} from './plan';
import { parseEstimate, planSend, receiveArgv, runPipe, sendArgv, snapshotNames } from './send';

export const MESSAGING_GROUP = 'messaging';

export interface MessagingDeps {
  exec: Executor;
  emit: RolloutListener;
  /** A quick read-only command (zfs list of the target, the size estimate), as root. */
  run(argv: string[]): Promise<CommandResult>;
  logDir: string;
  env: Record<string, string>;
  asRoot: boolean;
  signal?: AbortSignal;
  now?(): number;
}

const MIN = 60_000;

export async function runMessagingBackup(
  sources: MessagingSource[],
  s: MessagingBackupSettings,
  deps: MessagingDeps,
): Promise<GuestOutcome> {
  const g = new GuestRun(
    {
      name: MESSAGING_GROUP,
      vmid: 0,
      kind: 'vm',
      transport: { kind: 'ssh', destination: '' },
      datasets: [s.dataset],
    },
    deps.exec,
    deps.emit,
  );
  const copy = copySteps(sources, s);
  const snap = snapshotStep(s);
  const list: GuestStep = {
    id: 'messaging.snapshots',
    title: `List the snapshots of ${s.dataset}`,
    argv: listSnapshotsArgv([s.dataset]),
    timeoutMs: MIN,
    risk: [],
    root: true,
    capture: true,
  };
  const send: StepInfo = {
    id: 'messaging.send',
    title: s.target ? `Send the snapshots to ${s.target} (zfs send | zfs receive)` : 'Send the snapshots',
  };
  const planned: StepInfo[] = [...copy.steps, snap, ...(s.target ? [list, send] : [])].map((x) => ({
    id: x.id,
    title: x.title,
  }));
  g.begin(`messaging data → ${s.dataset}${s.target ? ` → ${s.target}` : ''}`, planned);
  for (const n of copy.notes) deps.emit({ type: 'note', text: `messaging backup: ${n}` });

  const warnings: string[] = [];
  for (const step of copy.steps) {
    const r = await g.run(step);
    if (r.code === RSYNC_VANISHED) {
      warnings.push(
        `${step.id.replace('messaging.copy-', '')}: some files changed while copying (the app was running)`,
      );
      g.failedStepId = null;
      continue;
    }
    if (r.code !== 0) {
      g.skipRest(planned, 'not run: the copy failed');
      return g.finish(
        'failed',
        `${step.title} failed (exit ${r.code}: ${lastLine(r)}); nothing was snapshotted. Log: ${r.logPath ?? ''}`,
      );
    }
  }
  const taken = await g.run(snap);
  if (taken.code !== 0) {
    g.skipRest(planned, 'not run: no snapshot');
    return g.finish('failed', `Snapshotting ${s.dataset} failed (exit ${taken.code}: ${lastLine(taken)}).`);
  }
  const note = [...copy.notes, ...warnings].map((x) => ` (${x})`).join('');
  if (!s.target)
    return g.finish('updated', `Copied and snapshotted ${s.dataset} (${s.label}, keeping ${s.keep}).${note}`);

  const pool = s.target.split('/')[0]!;
  const imported = await deps.run(['zpool', 'list', '-H', '-o', 'name', pool]);
  if (imported.code !== 0) {
    g.skipRest(planned, 'not run: the target pool is not there');
    return g.finish(
      'failed',
      `The pool '${pool}' of ${s.target} is not imported: plug in the disk and run zpool import ${pool}, then run the backup again. The snapshot on ${s.dataset} was taken.`,
    );
  }
  const src = await g.run(list);
  const tgt = await deps.run(listSnapshotsArgv([s.target]));
  const plan = planSend(
    snapshotNames(src.stdout, s.dataset),
    tgt.code === 0 ? snapshotNames(tgt.stdout, s.target) : null,
    s.dataset,
    s.target,
  );
  if (plan.kind === 'error') {
    g.skip(send, plan.message);
    return g.finish('failed', `${plan.message}. The snapshot on ${s.dataset} was taken.`);
  }
  if (plan.kind === 'up-to-date') {
    g.skip(send, `${s.target} already has ${plan.to}`);
    return g.finish('updated', `Snapshotted ${s.dataset}; ${s.target} was already up to date.${note}`);
  }
  const estimate = parseEstimate((await deps.run(sendArgv(plan, s.dataset, true))).stdout);
  const live = new LiveStep(deps.emit, MESSAGING_GROUP, send.id, send.title, deps.logDir, deps.now);
  const shown = `${sendArgv(plan, s.dataset).join(' ')} | ${receiveArgv(plan, s.target).join(' ')}`;
  live.start(shown);
  live.line(
    `${plan.kind === 'full' ? 'full send of' : `incremental from ${plan.from} to`} ${plan.to}${estimate ? ` (about ${estimate} bytes)` : ''}`,
  );
  let lastShown = 0;
  const r = await runPipe(sendArgv(plan, s.dataset), receiveArgv(plan, s.target), {
    env: deps.env,
    asRoot: deps.asRoot,
    signal: deps.signal,
    onBytes: (bytes) => {
      const now = Date.now();
      if (now - lastShown < 200) return;
      lastShown = now;
      live.progress(estimate ? Math.min(bytes, estimate) : bytes, estimate, 'bytes sent');
    },
    onLine: (text, from) => live.line(`${from}: ${text}`, 'stderr'),
  });
  if (r.cancelled || r.sendCode !== 0 || r.receiveCode !== 0) {
    const why = r.cancelled ? 'stopped' : `zfs send exit ${r.sendCode}, zfs receive exit ${r.receiveCode}`;
    live.error(why);
    live.end(r.cancelled ? 130 : r.receiveCode || r.sendCode || 1);
    return g.finish('failed', `Sending to ${s.target} failed (${why}). Log: ${live.logPath}`);
  }
  live.progress(r.bytes, r.bytes, 'bytes sent');
  live.line(`received ${plan.to} into ${s.target} (${r.bytes} bytes)`);
  live.end(0);
  return g.finish(
    'updated',
    `Snapshotted ${s.dataset} and sent it to ${s.target} (${plan.kind}, ${r.bytes} bytes).${note}`,
  );
}
