// After a switch: does the guest answer, and did systemd units fail that did not fail before? On a bad answer,
// back to the generation recorded before the switch while the guest still answers, else (or when that does not
// help) back to the ZFS snapshot taken on the host before the switch.
import type { GuestSteps } from './steps';
import { newFailures, parseFailedUnits, parseGeneration } from './guest-commands';
import type { GuestRun } from './guest-run';
import type { GuestOutcome } from './types';

export interface HealthDeps {
  sleep(ms: number): Promise<void>;
  /** Tries of "does it answer" right after a switch or a restore (networking may be restarting). */
  answerTries: number;
  answerDelayMs: number;
}

export interface Health {
  answers: boolean;
  newFailed: string[];
}

async function answersWithRetry(
  g: GuestRun,
  step: GuestSteps['answersAfter'],
  deps: HealthDeps,
): Promise<boolean> {
  for (let i = 0; i < Math.max(1, deps.answerTries); i++) {
    if (i > 0) await deps.sleep(deps.answerDelayMs);
    const r = await g.run(step);
    if (r.cancelled) return false;
    if (r.code === 0) return true;
  }
  return false;
}

export async function checkHealth(
  g: GuestRun,
  answersStep: GuestSteps['answersAfter'],
  unitsStep: GuestSteps['unitsAfter'],
  before: string[],
  deps: HealthDeps,
): Promise<Health> {
  const answers = await answersWithRetry(g, answersStep, deps);
  if (!answers) return { answers: false, newFailed: [] };
  const units = await g.run(unitsStep);
  // systemctl list-units exits 0 with failed units listed; a non-zero exit means it could not tell.
  if (units.code !== 0) return { answers: true, newFailed: ['(systemctl could not list the units)'] };
  return { answers: true, newFailed: newFailures(before, parseFailedUnits(units.stdout)) };
}

export interface RollbackInput {
  steps: GuestSteps;
  health: Health;
  switchCode: number;
  unitsBefore: string[];
  generationBefore: number | null;
  snapshots: string[];
  /** What went wrong, in words, for the reason line. */
  problem: string;
}

const manualRestore = (g: GuestRun, snapshots: string[]) => {
  const t = g.target;
  const tool = t.kind === 'lxc' ? 'pct' : 'qm';
  const rollbacks = snapshots.map((s) => `zfs rollback -r ${s}`).join(' && ');
  return `${tool} stop ${t.vmid} && ${rollbacks} && ${tool} start ${t.vmid}`;
};

export async function rollBack(g: GuestRun, input: RollbackInput, deps: HealthDeps): Promise<GuestOutcome> {
  const { steps, health, unitsBefore, generationBefore, snapshots, problem } = input;
  const snapshot = snapshots[0] ?? null;
  const keepSnap = snapshot ? ` The snapshot ${snapshot} is kept.` : '';
  let afterGeneration: string | null = null;

  if (health.answers && generationBefore !== null) {
    const now = await g.run(steps.generationNow);
    const current = now.code === 0 ? parseGeneration(now.stdout) : null;
    if (current !== null && current === generationBefore) {
      // The profile never moved: nothing was activated, the guest runs what it ran before.
      const still =
        health.newFailed.length === 0
          ? ''
          : ` (${health.newFailed.join(', ')} failed without the update being active, so nothing was restored)`;
      return g.finish(
        'failed',
        `${problem}; the switch stopped before activating anything, so ${g.target.name} still runs generation ${generationBefore}${still}.${keepSnap}`,
        { snapshot, newFailedUnits: health.newFailed },
      );
    } else if (current !== null) {
      const moved = await g.run(steps.rollbackGeneration(generationBefore));
      if (moved.code === 0) {
        await g.run(steps.rollbackActivate);
        const again = await checkHealth(g, steps.recheckAnswers, steps.recheckUnits, unitsBefore, deps);
        if (again.answers && again.newFailed.length === 0) {
          return g.finish(
            'rolled-back',
            `${problem}; rolled back to generation ${generationBefore}, and ${g.target.name} is healthy again.${keepSnap}`,
            { snapshot, rollback: 'generation', newFailedUnits: health.newFailed },
          );
        }
        afterGeneration = again.answers
          ? `generation ${generationBefore} still shows ${again.newFailed.join(', ')} failed`
          : `${g.target.name} stopped answering after going back to generation ${generationBefore}`;
      } else {
        afterGeneration = `going back to generation ${generationBefore} failed`;
      }
    } else {
      afterGeneration = 'the current generation could not be read';
    }
  }

  if (snapshots.length === 0) {
    const why = g.target.noSnapshotReason ?? 'there is no snapshot';
    return g.finish(
      'rollback-failed',
      `${problem}; ${afterGeneration ?? 'no generation to go back to'}, and ${why}. Look at the guest: its log is ${g.logOf(g.failedStepId)}`,
      { rollback: afterGeneration ? 'generation' : null, newFailedUnits: health.newFailed },
    );
  }

  // Restore the disks: the guest must be stopped while ZFS rolls them back.
  if (g.cancelled)
    return g.finish(
      'failed',
      `${problem}; stopped before rolling back. To restore by hand: ${manualRestore(g, snapshots)}`,
      { snapshot },
    );
  const stop = await g.run(steps.stop);
  let failedAt: string | null = stop.code === 0 ? null : steps.stop.title;
  for (const [i, snap] of snapshots.entries()) {
    if (failedAt) break;
    const r = await g.run(steps.zfsRollback(i, snap));
    if (r.code !== 0) failedAt = `zfs rollback of ${snap}`;
  }
  if (!failedAt) {
    const start = await g.run(steps.start);
    if (start.code !== 0) failedAt = steps.start.title;
  }
  if (failedAt) {
    return g.finish(
      'rollback-failed',
      `${problem}; restoring the snapshot failed at "${failedAt}". By hand: ${manualRestore(g, snapshots)}`,
      { snapshot, rollback: 'snapshot', newFailedUnits: health.newFailed },
    );
  }
  const answers = await answersWithRetry(g, steps.bootAnswers, deps);
  return g.finish(
    answers ? 'rolled-back' : 'rollback-failed',
    answers
      ? `${problem}${afterGeneration ? `; ${afterGeneration}` : ''}; restored the disks from ${snapshot} and ${g.target.name} answers again.`
      : `${problem}; restored the disks from ${snapshot}, but ${g.target.name} does not answer yet: open its console (${g.target.kind === 'lxc' ? 'pct enter' : 'qm terminal'} ${g.target.vmid}).`,
    { snapshot, rollback: 'snapshot', newFailedUnits: health.newFailed },
  );
}
