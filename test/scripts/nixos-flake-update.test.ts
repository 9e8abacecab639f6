import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShimEnv } from '../helpers/shim-env';
import { commands, NOW, runScript, shimWith } from './helpers';

let shim: ShimEnv | null = null;
let flake = '';
beforeEach(() => {
  flake = mkdtempSync(join(tmpdir(), 'nix-mox-flake-'));
  writeFileSync(join(flake, 'flake.nix'), '{ outputs = { self }: { }; }\n');
  const lock = {
    nodes: {
      root: { inputs: { nixpkgs: 'nixpkgs' } },
      nixpkgs: { locked: { type: 'github', url: 'github:NixOS/nixpkgs/aaa' } },
    },
    root: 'root',
    version: 7,
  };
  writeFileSync(join(flake, 'flake.lock'), JSON.stringify(lock));
});
afterEach(() => {
  shim?.cleanup();
  rmSync(flake, { recursive: true, force: true });
});

const day = 86_400;
const zfs = (snapshots: [string, number][] = []) => ({
  zfs: {
    pools: [
      { name: 'rpool', health: 'ONLINE', sizeBytes: 1e12, allocBytes: 1e9, layout: 'mirror', disks: [] },
    ],
    datasets: [
      { name: 'rpool', properties: {} },
      { name: 'rpool/root', properties: {} },
    ],
    snapshots: snapshots.map(([name, creation]) => ({ name, creation })),
  },
  nix: {
    updates: {
      nixpkgs: {
        from: 'github:NixOS/nixpkgs/aaa',
        fromDate: '2026-04-01',
        to: 'github:NixOS/nixpkgs/bbb',
        toDate: '2026-04-30',
      },
    },
  },
});

describe('nixos-flake-update', () => {
  it('updates the lock, dry-builds, snapshots the system dataset, then switches', async () => {
    shim = shimWith(zfs());
    const r = await runScript(
      'nixos-flake-update',
      ['--flake', flake, '--host', 'media', '--dataset', 'rpool/root'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      `nix flake update --flake ${flake}`,
      `nixos-rebuild dry-build --flake ${flake}#media`,
      'zfs list -H -p -t snapshot -o name,creation -s creation -d 1 rpool/root',
      'zfs snapshot rpool/root@nix-mox_pre-switch_2026-05-01T03:00',
      `nixos-rebuild switch --flake ${flake}#media`,
    ]);
    expect(r.stderr).toContain("• Updated input 'nixpkgs':");
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::progress'))).toEqual([
      '::progress 0/4 nix flake update',
      '::progress 1/4 nixos-rebuild dry-build',
      '::progress 2/4 snapshot of the system',
      '::progress 3/4 nixos-rebuild switch',
      '::progress 4/4 done',
    ]);
  });

  it('passes the JSON log format to nixos-rebuild for the live panes, and prunes old pre-switch snapshots', async () => {
    shim = shimWith(
      zfs([
        ['rpool/root@nix-mox_pre-switch_2026-04-01T03:00', NOW - 30 * day],
        ['rpool/root@nix-mox_pre-switch_2026-04-15T03:00', NOW - 16 * day],
        ['rpool/root@nix-mox_daily_2026-04-01T03:00', NOW - 30 * day],
      ]),
    );
    const r = await runScript(
      'nixos-flake-update',
      [
        '--flake',
        flake,
        '--host',
        'media',
        '--dataset',
        'rpool/root',
        '--json-log',
        '--keep-snapshots',
        '2',
        '--no-lock-update',
      ],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      `nixos-rebuild dry-build --flake ${flake}#media --log-format internal-json -v`,
      'zfs list -H -p -t snapshot -o name,creation -s creation -d 1 rpool/root',
      'zfs snapshot rpool/root@nix-mox_pre-switch_2026-05-01T03:00',
      'zfs destroy -r rpool/root@nix-mox_pre-switch_2026-04-01T03:00',
      `nixos-rebuild switch --flake ${flake}#media --log-format internal-json -v`,
    ]);
  });

  it('on a failed switch says how to roll back and exits 1', async () => {
    shim = shimWith(zfs());
    shim.fail('nixos-rebuild switch', { code: 1, stderr: 'error: activation script failed\n' });
    const r = await runScript(
      'nixos-flake-update',
      ['--flake', flake, '--host', 'media', '--dataset', 'rpool/root'],
      shim.env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'nixos-flake-update: to go back: nixos-rebuild switch --rollback   (or pick the previous generation in the boot menu)',
    );
    expect(r.stderr).toContain(
      'the system dataset was snapshotted before the switch: rpool/root@nix-mox_pre-switch_2026-05-01T03:00',
    );
  });

  it('stops before touching the system when the dry-build fails', async () => {
    shim = shimWith(zfs());
    shim.fail('nixos-rebuild dry-build', { code: 1, stderr: "error: attribute 'media' missing\n" });
    const r = await runScript(
      'nixos-flake-update',
      ['--flake', flake, '--host', 'media', '--dataset', 'rpool/root'],
      shim.env,
    );
    expect(r.code).toBe(1);
    expect(commands(shim)).toEqual([
      `nix flake update --flake ${flake}`,
      `nixos-rebuild dry-build --flake ${flake}#media`,
    ]);
    expect(r.stderr).toContain(`${flake}#media does not build; the system was not touched`);
  });

  it('with --dry-run runs nothing that changes the system', async () => {
    shim = shimWith(zfs());
    const r = await runScript(
      'nixos-flake-update',
      ['--flake', flake, '--host', 'media', '--dataset', 'rpool/root', '--dry-run'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      'zfs list -H -p -t snapshot -o name,creation -s creation -d 1 rpool/root',
    ]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('would run'))).toEqual([
      `would run: nix flake update --flake ${flake}`,
      `would run: nixos-rebuild dry-build --flake '${flake}#media'`,
      'would run: zfs snapshot rpool/root@nix-mox_pre-switch_2026-05-01T03:00',
      `would run: nixos-rebuild switch --flake '${flake}#media'`,
    ]);
  });

  it('needs a flake (exit 3) and a valid host name (exit 2)', async () => {
    shim = shimWith({});
    const missing = await runScript(
      'nixos-flake-update',
      ['--flake', join(flake, 'nope'), '--host', 'media'],
      shim.env,
    );
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`nixos-flake-update: no flake.nix in ${join(flake, 'nope')}\n`);
    const bad = await runScript('nixos-flake-update', ['--flake', flake, '--host', 'bad_name'], shim.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--host 'bad_name' is not a host name");
  });
});
