// Maintenance section: update schedule, snapshot policy, vzdump backups; checks and the hub status.
import { storageIdFor } from '../generate/storage-ids';
import type { Answers } from '../answers/schema';
import type { HostReport } from '../host/types';
import { backupPresets, checkCalendar, describeSchedule, updatePresets } from './calendar';
import { type Check, checkInteger, fail, ok } from './check';
import { labels } from './retention';
import { type WizardStatus, missingOr } from './status';

export type Maintenance = Answers['maintenance'];

// Proxmox's storage ID format (pve-storage-id).
const storageIdRe = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;

export function checkStorageId(raw: string): Check<string> {
  const id = raw.trim();
  if (id === '') return fail('Backup storage', 'required');
  if (!storageIdRe.test(id)) {
    return fail(
      'Backup storage',
      `expected a Proxmox storage ID (a letter, then letters, digits, - _ .), got "${id}"`,
    );
  }
  return ok(id);
}

export const checkKeep = (field: string, raw: string): Check<number> => checkInteger(field, raw, 0, 1000);

/** Storage IDs offered for backups: Proxmox's own `local`, and the backups dataset's storage when it is chosen. */
export function backupStorageChoices(answers: Answers): string[] {
  const pool = answers.storage.datasetPool;
  return pool && answers.storage.datasets.includes('backups')
    ? [storageIdFor(pool, 'backups'), 'local']
    : ['local'];
}

/** Pools snapshots may cover: existing ones and the new pool. */
export function snapshotPoolChoices(answers: Answers, report: HostReport): string[] {
  const names = (report.zfs?.pools ?? []).map((p) => p.name);
  const fresh = answers.storage.newPool?.name;
  return fresh && !names.includes(fresh) ? [...names, fresh] : names;
}

export function maintenanceProblems(answers: Answers, report: HostReport): string[] {
  const m = answers.maintenance;
  const problems: string[] = [];
  if (m.updateSchedule !== null && !checkCalendar('Update schedule', m.updateSchedule).ok) {
    problems.push('a valid update schedule');
  }
  if (m.snapshots.enabled) {
    if (labels.every((l) => m.snapshots.keep[l] === 0)) problems.push('snapshot counts (all are 0)');
    if (m.snapshots.pools.length === 0) problems.push('a pool to snapshot');
    const known = snapshotPoolChoices(answers, report);
    for (const p of m.snapshots.pools)
      if (!known.includes(p)) problems.push(`snapshot pool ${p} does not exist`);
  }
  if (m.backup.enabled && answers.machine.role === 'proxmox-host') {
    if (!checkCalendar('Backup schedule', m.backup.schedule).ok) problems.push('a valid backup schedule');
    if (!checkStorageId(m.backup.storage).ok) problems.push('a backup storage');
    if (m.backup.keepDaily + m.backup.keepWeekly + m.backup.keepMonthly === 0)
      problems.push('backup keeps (all are 0)');
  }
  return problems;
}

export function maintenanceStatus(answers: Answers, report: HostReport): WizardStatus {
  const m = answers.maintenance;
  const k = m.snapshots.keep;
  const b = m.backup;
  const parts = [
    `updates ${describeSchedule(m.updateSchedule, updatePresets, true)}`,
    m.snapshots.enabled ? `snapshots ${k.hourly}h/${k.daily}d/${k.weekly}w/${k.monthly}m` : 'no snapshots',
    answers.machine.role !== 'proxmox-host'
      ? 'backups: Proxmox only'
      : b.enabled
        ? `backups ${describeSchedule(b.schedule, backupPresets, true)} → ${b.storage} keep ${b.keepDaily}/${b.keepWeekly}/${b.keepMonthly}`
        : 'no backups',
  ];
  return missingOr(maintenanceProblems(answers, report), { kind: 'done', summary: parts.join(' · ') });
}
