import { afterEach, describe, expect, it } from 'vitest';
import { type Wizard, flat, focus, hubLine, openSection, openWizard, retype } from '../wizard/hub';

let w: Wizard | null = null;
afterEach(() => {
  w?.s.unmount();
  w = null;
});

describe('Maintenance section', () => {
  it('sets the update schedule from a preset, a checked custom expression, or never', async () => {
    w = await openWizard({ columns: 140 });
    expect(hubLine(w.s.frame(), 'Maintenance')).toContain(
      '✓ updates sun 04:00 · snapshots 24h/7d/4w/6m · backups daily 03:00 → local keep 7/4/6',
    );
    let f = await openSection(w, 'Maintenance');
    expect(f).toMatch(/Update schedule\s+sun 04:00/);
    f = await w.s.press('enter');
    expect(f).toMatch(/every Sunday at 04:00\s+Sun \*-\*-\* 04:00:00/);
    expect(f).toMatch(/› custom…\s+sun 04:00/);
    await focus(w, 'every day at 04:00');
    f = await w.s.press('enter');
    expect(f).toMatch(/Update schedule\s+every day at 04:00/);
    expect(w.current().maintenance.updateSchedule).toBe('*-*-* 04:00:00');
    await w.s.press('enter');
    await focus(w, 'custom…');
    f = await w.s.press('enter');
    expect(f).toContain('Update schedule:');
    await w.s.type('25:00');
    f = await w.s.press('enter');
    expect(flat(f)).toContain('✗ Update schedule: hour "25" is outside 0..23');
    await retype(w, 'mon..fri 05:30');
    f = await w.s.press('enter');
    expect(f).toMatch(/Update schedule\s+mon\.\.fri 05:30/);
    await w.s.press('enter');
    await focus(w, 'never');
    f = await w.s.press('enter');
    expect(f).toMatch(/Update schedule\s+never/);
    expect(w.current().maintenance.updateSchedule).toBeNull();
  });

  it('edits the snapshot counts and previews what the policy keeps', async () => {
    w = await openWizard({ columns: 140, rows: 40 });
    await openSection(w, 'Maintenance');
    await focus(w, 'Snapshots');
    let f = await w.s.press('enter');
    expect(f).toContain('Maintenance › Snapshots');
    expect(f).toMatch(/after\s+hourly\s+daily\s+weekly\s+monthly\s+total\s+reaches back/);
    expect(f).toMatch(/1 week\s+24\s+7\s+1\s+[01]\s+3[23]\s+\d+ days/);
    expect(f).toMatch(/12 weeks\s+24\s+7\s+4\s+[23]\s+3[78]/);
    expect(f).toContain('Later: at most 41 snapshots per pool, reaching back about 6 months.');
    await focus(w, 'Keep hourly');
    await w.s.press('enter');
    await retype(w, '48');
    f = await w.s.press('enter');
    expect(f).toMatch(/Keep hourly\s+48/);
    expect(f).toMatch(/1 week\s+48\s+7\s+1/);
    expect(w.current().maintenance.snapshots.keep.hourly).toBe(48);
    await focus(w, 'Keep daily');
    await w.s.press('enter');
    await retype(w, '-1');
    f = await w.s.press('enter');
    expect(f).toContain('✗ Keep daily: expected a whole number, got "-1"');
    await w.s.press('escape');
    await focus(w, 'Pools');
    f = await w.s.press('enter');
    expect(f).toContain('[x] rpool');
    f = await w.s.press('space');
    expect(f).toContain('[ ] rpool');
    await w.s.press('escape');
    await w.s.press('escape');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Maintenance')).toContain('! missing: a pool to snapshot');
  });

  it('sets the vzdump job: schedule, storage (checked ID) and prune-backups keeps; turns it off', async () => {
    w = await openWizard({ columns: 140 });
    await openSection(w, 'Maintenance');
    await focus(w, 'Backups');
    let f = await w.s.press('enter');
    expect(flat(f)).toContain(
      'vzdump --all 1 --mode snapshot --compress zstd --storage local --prune-backups keep-daily=7,keep-weekly=4,keep-monthly=6, at 03:00',
    );
    await focus(w, 'Schedule');
    await w.s.press('enter');
    await focus(w, 'every Saturday at 03:00');
    f = await w.s.press('enter');
    expect(f).toMatch(/Schedule\s+every Saturday at 03:00/);
    await focus(w, 'Storage');
    f = await w.s.press('enter');
    expect(f).toMatch(/backups\s+the backups dataset/);
    await focus(w, 'another storage ID');
    await w.s.press('enter');
    await w.s.type('tank/backups');
    f = await w.s.press('enter');
    expect(flat(f)).toContain('✗ Backup storage: expected a Proxmox storage ID');
    await retype(w, 'nas-backups');
    f = await w.s.press('enter');
    expect(f).toMatch(/Storage\s+nas-backups/);
    await focus(w, 'Keep daily');
    await w.s.press('enter');
    await retype(w, '14');
    await w.s.press('enter');
    expect(w.current().maintenance.backup).toMatchObject({
      schedule: 'sat 03:00',
      storage: 'nas-backups',
      keepDaily: 14,
    });
    await focus(w, 'Enabled');
    f = await w.s.press('enter');
    expect(f).toMatch(/Enabled\s+no/);
    await w.s.press('escape');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Maintenance')).toContain('✓ updates sun 04:00 · snapshots 24h/7d/4w/6m · no backups');
  });
});
