import { describe, expect, it } from 'vitest';
import { answersProblem } from '../../src/wizard/commit';
import {
  backupStorageChoices,
  checkKeep,
  checkStorageId,
  maintenanceStatus,
  snapshotPoolChoices,
} from '../../src/wizard/maintenance';
import { demoAnswers, demoReport } from './fixtures';

const msg = (c: { ok: boolean; message?: string }) => (c.ok ? 'ok' : c.message);

describe('maintenance checks', () => {
  it('storage IDs follow pve-storage-id', () => {
    for (const good of ['local', 'backups', 'tank-backups', 'nfs.1', 'a1'])
      expect(checkStorageId(good).ok).toBe(true);
    for (const bad of ['1local', 'tank/backups', 'x', 'back ups', 'ends-']) {
      expect(msg(checkStorageId(bad))).toMatch(/^Backup storage: expected a Proxmox storage ID/);
    }
    expect(msg(checkStorageId(''))).toBe('Backup storage: required');
  });
  it('keep counts are 0..1000', () => {
    expect(checkKeep('Keep daily', '7')).toEqual({ ok: true, value: 7 });
    expect(msg(checkKeep('Keep daily', '-1'))).toBe('Keep daily: expected a whole number, got "-1"');
    expect(msg(checkKeep('Keep hourly', '1001'))).toBe('Keep hourly: at most 1000');
  });
  it('offers the backups dataset as storage once it is chosen, and the new pool for snapshots', () => {
    const a = demoAnswers();
    expect(backupStorageChoices(a)).toEqual(['rpool-backups', 'local']);
    a.storage.datasets = ['vm-disks'];
    expect(backupStorageChoices(a)).toEqual(['local']);
    a.storage.newPool = { name: 'tank', layout: 'mirror', disks: [] };
    expect(snapshotPoolChoices(a, demoReport())).toEqual(['rpool', 'tank']);
  });
});

describe('maintenanceStatus', () => {
  it('summarises the schedules and keeps', () => {
    const a = demoAnswers();
    expect(maintenanceStatus(a, demoReport())).toEqual({
      kind: 'done',
      summary: 'updates sun 04:00 · snapshots 24h/7d/4w/6m · backups daily 03:00 → local keep 7/4/6',
    });
  });
  it('is missing when a policy keeps nothing or has no pool', () => {
    const a = demoAnswers();
    a.maintenance.snapshots.keep = { hourly: 0, daily: 0, weekly: 0, monthly: 0 };
    a.maintenance.snapshots.pools = [];
    a.maintenance.backup.keepDaily = 0;
    a.maintenance.backup.keepWeekly = 0;
    a.maintenance.backup.keepMonthly = 0;
    expect(answersProblem(a)).toBeNull();
    expect(maintenanceStatus(a, demoReport()).summary).toMatch(
      /^missing: snapshot counts \(all are 0\); a pool to snapshot; backup keeps \(all are 0\) · /,
    );
  });
  it('leaves backups out on a NixOS machine', () => {
    const a = demoAnswers();
    a.machine.role = 'nixos';
    a.maintenance.backup.keepDaily = 0;
    a.maintenance.backup.keepWeekly = 0;
    a.maintenance.backup.keepMonthly = 0;
    expect(maintenanceStatus(a, demoReport())).toMatchObject({
      kind: 'done',
      summary: expect.stringMatching(/backups: Proxmox only$/),
    });
  });
});
