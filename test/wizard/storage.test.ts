import { describe, expect, it } from 'vitest';
import { answersProblem } from '../../src/wizard/commit';
import {
  allowedLayouts,
  checkPoolName,
  checkTypedDisk,
  diskOffer,
  diskOffers,
  layoutProblem,
  poolDraftProblems,
  removeNewPool,
  saveNewPool,
  storageStatus,
  usableBytes,
} from '../../src/wizard/storage';
import { demoAnswers, demoReport } from './fixtures';

const HDD = (s: string) => `/dev/disk/by-id/ata-ST8000VN004-3CP101_${s}`;

describe('disk offers', () => {
  it('never offers system disks; offers empty disks; asks for the by-id name of disks in use', () => {
    const report = demoReport();
    const offers = diskOffers(report);
    expect(offers.map((o) => [o.disk.name, o.kind])).toEqual([
      ['nvme0n1', 'never'],
      ['nvme1n1', 'never'],
      ['sda', 'free'],
      ['sdb', 'free'],
      ['sdc', 'free'],
      ['sdd', 'free'],
    ]);
    expect(offers[0]).toMatchObject({
      reason: 'system disk (part:nvme0n1p1, part:nvme0n1p2, part:nvme0n1p3, zfs:rpool, mounted on /)',
    });
    const used = diskOffer({ ...report.disks[2]!, holds: ['part:sda1', 'fs:ext4'], mounted: ['/mnt/old'] });
    expect(used).toMatchObject({ kind: 'in-use', reason: 'holds part:sda1, fs:ext4, mounted on /mnt/old' });
    const labelled = diskOffer({ ...report.disks[3]!, holds: ['zfs:oldtank'] });
    expect(labelled.kind).toBe('in-use');
    expect(diskOffer({ ...report.disks[2]!, byId: null })).toMatchObject({
      kind: 'never',
      reason: 'has no /dev/disk/by-id name',
    });
  });

  it('takes a disk in use only when its by-id name is typed exactly', () => {
    const report = demoReport();
    const used = diskOffer({ ...report.disks[2]!, holds: ['part:sda1'] });
    expect(checkTypedDisk(used, 'ata-ST8000VN004-3CP101_WSD0A1B1')).toEqual({
      ok: true,
      value: HDD('WSD0A1B1'),
    });
    expect(checkTypedDisk(used, HDD('WSD0A1B1')).ok).toBe(true);
    const wrong = checkTypedDisk(used, 'sda');
    expect(wrong).toEqual({
      ok: false,
      message:
        'Disk confirmation: type ata-ST8000VN004-3CP101_WSD0A1B1 exactly to use this disk (its data will be destroyed)',
    });
    expect(checkTypedDisk(diskOffer(report.disks[0]!), 'anything').ok).toBe(false);
  });
});

describe('layouts', () => {
  it('allows mirror from 2, raidz1 from 3, raidz2 from 4 disks', () => {
    expect(allowedLayouts(1)).toEqual([]);
    expect(allowedLayouts(2)).toEqual(['mirror']);
    expect(allowedLayouts(3)).toEqual(['mirror', 'raidz1']);
    expect(allowedLayouts(4)).toEqual(['mirror', 'raidz1', 'raidz2']);
    expect(layoutProblem('raidz2', 3)).toBe('raidz2 needs at least 4 disks (3 chosen)');
  });
  it('computes usable space before overhead', () => {
    const tb8 = 8e12;
    expect(usableBytes('mirror', [tb8, tb8])).toBe(tb8);
    expect(usableBytes('raidz1', [tb8, tb8, 4e12])).toBe(8e12);
    expect(usableBytes('raidz2', [tb8, tb8, tb8, tb8])).toBe(16e12);
    expect(usableBytes('mirror', [tb8, null])).toBeNull();
  });
});

describe('pool names', () => {
  it('follows the ZFS rules and refuses a name that exists', () => {
    const report = demoReport();
    for (const good of ['tank', 'data-1', 'z.pool', 'Backup_2'])
      expect(checkPoolName(good, report).ok).toBe(true);
    const bad: [string, RegExp][] = [
      ['', /^Pool name: required$/],
      ['1tank', /begins with a letter/],
      ['mirror1', /does not reserve/],
      ['raidz', /does not reserve/],
      ['c0t0d0', /does not look like a disk/],
      ['my pool', /letters, digits/],
      ['rpool', /^Pool name: a pool named rpool already exists$/],
    ];
    for (const [name, re] of bad) {
      const r = checkPoolName(name, report);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.message, name).toMatch(/^Pool name: /);
      if (!r.ok) expect(r.message, name).toMatch(re);
    }
  });
});

describe('saving and removing the new pool', () => {
  it('a saved pool becomes the dataset pool when it was the new one, and renames follow', () => {
    const report = demoReport();
    const draft = {
      name: 'tank',
      layout: 'raidz2' as const,
      disks: ['WSD0A1B1', 'WSD0A1B2', 'WSD0A1B3', 'WSD0A1B4'].map(HDD),
    };
    expect(poolDraftProblems(draft, report)).toEqual([]);
    let a = demoAnswers();
    a.storage.datasetPool = null;
    a.storage.datasets = [];
    a = saveNewPool(a, draft);
    expect(a.storage).toMatchObject({ newPool: draft, datasetPool: 'tank' });
    a.maintenance.snapshots.pools = ['rpool', 'tank'];
    a = saveNewPool(a, { ...draft, name: 'vault' });
    expect(a.storage.datasetPool).toBe('vault');
    expect(a.maintenance.snapshots.pools).toEqual(['rpool', 'vault']);
    expect(answersProblem(a)).toBeNull();
    expect(storageStatus(a, report).summary).toBe(
      'missing: at least one dataset · new vault raidz2 of 4 disks (16 TB) · 0 datasets on vault',
    );
    a = removeNewPool(a, report);
    expect(a.storage).toEqual({ newPool: null, datasetPool: 'rpool', datasets: [] });
    expect(a.maintenance.snapshots.pools).toEqual(['rpool']);
  });

  it('a draft with too few disks, a system disk, or a taken name is refused with field names', () => {
    const report = demoReport();
    const problems = poolDraftProblems(
      { name: 'rpool', layout: 'raidz1', disks: [HDD('WSD0A1B1'), report.disks[0]!.byId!] },
      report,
    );
    expect(problems).toEqual([
      'Pool name: a pool named rpool already exists',
      'Layout: raidz1 needs at least 3 disks (2 chosen)',
      `Disks: ${report.disks[0]!.byId} is not a disk nix-mox may use`,
    ]);
  });

  it('status: done with datasets on an existing pool; info on NixOS', () => {
    const a = demoAnswers();
    expect(storageStatus(a, demoReport())).toEqual({ kind: 'done', summary: '3 datasets on rpool' });
    a.storage.datasetPool = 'gone';
    expect(storageStatus(a, demoReport()).summary).toMatch(/^missing: pool gone does not exist/);
    a.machine.role = 'nixos';
    expect(storageStatus(a, demoReport()).kind).toBe('info');
  });
});
