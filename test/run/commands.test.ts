// nix-mox update / snapshot / backup without a terminal: the scripts run as plan steps against the shims,
// the events print as plain lines, failures say how to resume, and --resume continues at the failed step.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli';
import { captureIo } from '../helpers/cli-io';
import { sampleAnswers } from '../helpers/sample';
import { makeShimEnv, type ShimEnv } from '../helpers/shim-env';
import { repoRoot } from '../helpers/shared';

let shim: ShimEnv;
let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nix-mox-home-'));
  shim = makeShimEnv({
    state: {
      zfs: {
        pools: [
          { name: 'rpool', health: 'ONLINE', sizeBytes: 1e12, allocBytes: 1e9, layout: 'mirror', disks: [] },
        ],
        datasets: [{ name: 'rpool', properties: {} }],
        snapshots: [
          { name: 'rpool@nix-mox_daily_2026-04-29T03:00', creation: 1777604400 - 2 * 86400 },
          { name: 'rpool@nix-mox_daily_2026-04-30T03:00', creation: 1777604400 - 86400 },
        ],
      },
      guests: [{ vmid: 100, kind: 'lxc', name: 'nixos', status: 'running', node: 'pve', config: {} }],
    },
  });
});
afterEach(() => {
  shim.cleanup();
  rmSync(home, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const io = captureIo({
    env: {
      ...process.env,
      ...shim.env,
      HOME: home,
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CONFIG_HOME: join(home, 'config'),
      TZ: 'UTC',
      NIX_MOX_NOW: '1777604400',
      NIX_MOX_SHIM_NOW: '1777604400',
    },
  });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const calls = () => shim.calls().map((c) => [c.cmd, ...c.argv].join(' '));
const logs = (name: string) => join(home, 'state', 'nix-mox', 'logs', name);

describe('nix-mox snapshot', () => {
  it('runs zfs-snapshot per pool and prints the steps as plain lines', async () => {
    const r = await cli(['snapshot', '--pool', 'rpool', '--label', 'daily', '--keep', '2']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(calls()).toEqual([
      'zfs list -H -p -t snapshot -o name,creation -s creation -d 1 rpool',
      'zfs snapshot -r rpool@nix-mox_daily_2026-05-01T03:00',
      'zfs destroy -r rpool@nix-mox_daily_2026-04-29T03:00',
    ]);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('==> [1/1] Snapshot rpool (daily, keep 2)');
    expect(lines[1]).toBe(`    log: ${join(logs('snapshot'), 'snapshot-rpool.log')}`);
    expect(lines).toContain('    -- 0/1 snapshot rpool@nix-mox_daily_2026-05-01T03:00');
    expect(lines).toContain('      rpool@nix-mox_daily_2026-04-29T03:00');
    expect(r.out.trim().split('\n').at(-1)).toBe('All done: 1 ran, 0 skipped.');
    expect(readFileSync(join(logs('snapshot'), 'snapshot-rpool.log'), 'utf8')).toContain(
      '$ zfs destroy -r rpool@nix-mox_daily_2026-04-29T03:00',
    );
  });

  it('says how to resume after a failure, and --resume runs only what is left', async () => {
    const r = await cli(['snapshot', '--pool', 'rpool', '--pool', 'tank', '--label', 'weekly']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('<== FAILED: [2/2] Snapshot tank (weekly) (exit 1 after');
    expect(r.out).toContain(
      'Next: read the log, fix the cause, then continue from this step: nix-mox snapshot --resume',
    );
    expect(r.out).toContain(`Full log: ${join(logs('snapshot'), 'snapshot-tank.log')}`);

    const zfs = shim.state('zfs') as { pools: { name: string }[]; datasets: { name: string }[] };
    zfs.pools.push({ ...zfs.pools[0]!, name: 'tank' });
    zfs.datasets.push({ name: 'tank' });
    shim.writeState('zfs', zfs);
    const before = calls().length;
    const again = await cli(['snapshot', '--resume']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('--- [1/2] Snapshot rpool (weekly): skipped, finished in an earlier run');
    expect(calls().slice(before)).toEqual([
      'zfs list -H -p -t snapshot -o name,creation -s creation -d 1 tank',
      'zfs snapshot -r tank@nix-mox_weekly_2026-05-01T03:00',
    ]);
    const done = await cli(['snapshot', '--resume']);
    expect(done).toMatchObject({
      code: 0,
      out: 'nix-mox snapshot: the last run finished; nothing to resume.\n',
    });
  });

  it('takes pools and keeps from the answers', async () => {
    const answers = sampleAnswers();
    answers.maintenance.snapshots.pools = ['rpool'];
    answers.maintenance.snapshots.keep.daily = 1;
    const file = join(home, 'answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const r = await cli(['snapshot', '--answers', file, '--label', 'daily', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('==> [1/1] Snapshot rpool (daily, keep 1)');
    expect(r.out).toContain("would destroy 2 snapshot(s) of rpool labelled 'daily' (keeping the newest 1):");
    expect(calls()).toEqual(['zfs list -H -p -t snapshot -o name,creation -s creation -d 1 rpool']);
  });

  it('rejects bad options with exit 2, naming the option', async () => {
    expect(await cli(['snapshot', '--pool', 'rpool', '--label', 'my_label'])).toMatchObject({
      code: 2,
      err: "nix-mox snapshot: --label 'my_label': use a-z, 0-9 and -, at most 32 characters, no underscore\n",
    });
    expect((await cli(['snapshot', '--label', 'daily'])).err).toBe(
      'nix-mox snapshot: --pool: give at least one pool or dataset (or choose snapshot pools in the wizard)\n',
    );
    expect((await cli(['snapshot', '--pool', 'rpool', '--keep', '0'])).err).toBe(
      "nix-mox snapshot: --keep '0': a whole number from 1 to 1000000\n",
    );
    expect(await cli(['snapshot', '--resume'])).toMatchObject({
      code: 2,
      err: `nix-mox snapshot: nothing to resume: no earlier run in ${logs('snapshot')}\n`,
    });
    expect(calls()).toEqual([]);
  });

  it('has its own --help', async () => {
    const r = await cli(['snapshot', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: nix-mox snapshot [options]');
    expect(r.out).toContain('--keep <n>');
    expect(r.out).toContain('nix-mox snapshot --pool rpool --label daily --keep 7');
  });
});

describe('nix-mox backup', () => {
  it('backs up each named guest as its own step, storage and keeps from the answers', async () => {
    const answers = sampleAnswers();
    answers.maintenance.backup.keepDaily = 3;
    const file = join(home, 'answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const r = await cli(['backup', '--answers', file, '--vmid', '100']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(calls()).toEqual([
      'vzdump 100 --mode snapshot --compress zstd --storage local --prune-backups keep-daily=3,keep-weekly=4,keep-monthly=6',
    ]);
    expect(r.out).toContain('==> [1/1] Back up guest 100 to local');
    expect(r.out).toMatch(/ {4}-- 1\/1 guest 100 done/);
    expect(r.out).toMatch(/ {6}guest 100: ok \(\d\d:\d\d:\d\d\)/);
  });

  it('backs up all guests by default and needs a storage', async () => {
    expect((await cli(['backup'])).err).toBe(
      'nix-mox backup: --storage is required (or choose a backup storage in the wizard)\n',
    );
    const r = await cli(['backup', '--storage', 'local', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('==> [1/1] Back up all guests to local');
    expect(r.out).toContain(
      'would run: vzdump --all 1 --mode snapshot --compress zstd --storage local --prune-backups keep-daily=7,keep-weekly=4,keep-monthly=6',
    );
    expect(calls()).toEqual([]);
  });
});

describe('nix-mox update', () => {
  it('updates the Proxmox host when pveversion is there', async () => {
    const r = await cli(['update', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('==> [1/1] Update the Proxmox host (apt-get dist-upgrade, templates)');
    expect(r.out).toContain('would run: apt-get update');
    expect(calls()).toEqual(['pveversion']);
  });

  it('updates a NixOS flake with --flake, passing the JSON log format for progress', async () => {
    const flake = join(home, 'flake');
    const r = await cli(['update', '--flake', flake, '--host', 'media', '--no-snapshot', '--dry-run']);
    // no flake.nix there: the script refuses with exit 3, and the step fails
    expect(r.code).toBe(1);
    expect(r.out).toContain(`==> [1/1] Update NixOS from ${flake}#media`);
    expect(r.out).toContain(`nixos-flake-update: no flake.nix in ${flake}`);
    expect(readFileSync(join(logs('update'), 'nixos-flake-update.log'), 'utf8')).toMatch(
      /# \$ \S+\/scripts\/nixos-flake-update --flake \S+ --host media --no-snapshot --json-log --dry-run\n/,
    );
  });

  it('rejects --host without --flake', async () => {
    expect(await cli(['update', '--proxmox', '--host', 'x'])).toMatchObject({
      code: 2,
      err: 'nix-mox update: --host goes with --flake DIR\n',
    });
  });

  it('finds the scripts next to the source tree', () => {
    expect(existsSync(join(repoRoot, 'scripts', 'proxmox-update'))).toBe(true);
  });
});
