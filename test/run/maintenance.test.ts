import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/maintenance/options';
import { backupPlan, snapshotPlan, updatePlan } from '../../src/maintenance/plans';
import {
  resolveBackupOptions,
  resolveSnapshotOptions,
  resolveUpdateOptions,
} from '../../src/maintenance/resolve';
import { findScriptsDir } from '../../src/maintenance/scripts-dir';
import { sampleAnswers } from '../helpers/sample';
import { repoRoot } from '../helpers/shared';

const host = { proxmox: false, nixos: false, hostname: 'box' };

describe('resolveUpdateOptions', () => {
  it('follows the flags first, then the answers role, then what the host is', () => {
    expect(resolveUpdateOptions({ proxmox: true }, null, host, false)).toMatchObject({
      proxmox: true,
      flake: null,
    });
    const nixos = sampleAnswers();
    nixos.machine.role = 'nixos';
    nixos.machine.hostname = 'media';
    expect(resolveUpdateOptions({}, nixos, { ...host, proxmox: true }, false)).toMatchObject({
      proxmox: false,
      flake: { dir: '/etc/nixos', host: 'media', dataset: null, snapshot: true },
    });
    expect(resolveUpdateOptions({}, null, { ...host, proxmox: true }, false).proxmox).toBe(true);
    expect(resolveUpdateOptions({}, null, { ...host, nixos: true }, false).flake).toMatchObject({
      host: 'box',
    });
    expect(() => resolveUpdateOptions({}, null, host, false)).toThrow(/nothing to update here/);
    expect(() => resolveUpdateOptions({ flake: 'rel/dir' }, null, host, false)).toThrow(
      "--flake 'rel/dir' must be an absolute path",
    );
  });

  it('builds one step per thing to update, with root only when changing something', () => {
    const p = updatePlan(
      {
        proxmox: true,
        templates: false,
        flake: { dir: '/f', host: 'h', dataset: 'rpool/root', snapshot: true },
        dryRun: false,
      },
      '/s',
    );
    expect(p.steps.map((s) => [s.id, s.argv, s.root])).toEqual([
      ['proxmox-update', ['/s/proxmox-update', '--no-templates'], true],
      [
        'nixos-flake-update',
        ['/s/nixos-flake-update', '--flake', '/f', '--host', 'h', '--dataset', 'rpool/root', '--json-log'],
        true,
      ],
    ]);
    const dry = updatePlan({ proxmox: true, templates: true, flake: null, dryRun: true }, '/s');
    expect(dry.steps[0]).toMatchObject({ argv: ['/s/proxmox-update', '--dry-run'], root: false });
  });
});

describe('resolveSnapshotOptions and snapshotPlan', () => {
  it('uses the policy keep for policy labels only, and dedupes pools', () => {
    const a = sampleAnswers();
    a.maintenance.snapshots.pools = ['rpool', 'tank'];
    expect(resolveSnapshotOptions({ label: 'hourly' }, a, false)).toMatchObject({
      pools: ['rpool', 'tank'],
      keep: 24,
    });
    expect(resolveSnapshotOptions({ label: 'manual' }, a, false).keep).toBeNull();
    expect(resolveSnapshotOptions({ pool: ['x', 'x'], keep: '3' }, a, false)).toMatchObject({
      pools: ['x'],
      keep: 3,
    });
    expect(() => resolveSnapshotOptions({ pool: ['x'], pruneOnly: true }, null, false)).toThrow(OptionError);
  });

  it('makes one step per pool with ids safe for file names', () => {
    const p = snapshotPlan(
      { pools: ['rpool/data'], label: 'daily', keep: 7, pruneOnly: false, dryRun: false },
      '/s',
    );
    expect(p.steps[0]).toMatchObject({
      id: 'snapshot-rpool_data',
      title: 'Snapshot rpool/data (daily, keep 7)',
      argv: ['/s/zfs-snapshot', '--pool', 'rpool/data', '--label', 'daily', '--keep', '7'],
      risk: ['D'],
      root: true,
    });
  });
});

describe('resolveBackupOptions and backupPlan', () => {
  it('refuses --all with --vmid and a bad mode', () => {
    expect(() => resolveBackupOptions({ all: true, vmid: ['100'], storage: 'local' }, null, false)).toThrow(
      'give --all or --vmid, not both',
    );
    expect(() => resolveBackupOptions({ storage: 'local', mode: 'live' }, null, false)).toThrow(
      "--mode 'live': one of snapshot, suspend, stop",
    );
  });

  it('makes one step per guest', () => {
    const o = resolveBackupOptions({ vmid: ['101', '100'], storage: 'nas' }, null, false);
    expect(backupPlan(o, '/s').steps.map((s) => s.id)).toEqual(['backup-101', 'backup-100']);
  });
});

describe('findScriptsDir', () => {
  it('finds scripts/ above the module, or takes NIX_MOX_SCRIPTS_DIR', () => {
    expect(findScriptsDir({})).toBe(join(repoRoot, 'scripts'));
    expect(findScriptsDir({}, join(repoRoot, 'dist'))).toBe(join(repoRoot, 'scripts'));
    expect(findScriptsDir({ NIX_MOX_SCRIPTS_DIR: join(repoRoot, 'scripts') })).toBe(
      join(repoRoot, 'scripts'),
    );
    const empty = mkdtempSync(join(tmpdir(), 'nix-mox-empty-'));
    try {
      expect(() => findScriptsDir({ NIX_MOX_SCRIPTS_DIR: empty })).toThrow(/has no zfs-snapshot/);
      expect(() => findScriptsDir({}, empty)).toThrow(/cannot find nix-mox's scripts\/ directory/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
