// zfs-snapshot against the zfs shim: the exact commands, the dry-run output, and pruning that never names a
// snapshot outside its own prefix and label, nor one of the newest N.
import { execa } from 'execa';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShimEnv } from '../helpers/shim-env';
import { commands, NOW, runScript, scriptsDir, shimWith } from './helpers';

let shim: ShimEnv | null = null;
afterEach(() => shim?.cleanup());

const LIST = 'zfs list -H -p -t snapshot -o name,creation -s creation -d 1';
const day = 86_400;

function zfsState(snapshots: [string, number][], extraPools: string[] = []) {
  const pools = ['rpool', ...extraPools];
  return {
    zfs: {
      pools: pools.map((name) => ({
        name,
        health: 'ONLINE',
        sizeBytes: 1e12,
        allocBytes: 1e9,
        layout: 'mirror',
        disks: [],
      })),
      datasets: [...pools.map((name) => ({ name, properties: {} })), { name: 'rpool/data', properties: {} }],
      snapshots: snapshots.map(([name, creation]) => ({ name, creation })),
    },
  };
}

const snapNames = (s: ShimEnv) =>
  ((s.state('zfs') as { snapshots: { name: string }[] }).snapshots ?? []).map((x) => x.name).sort();

describe('zfs-snapshot', () => {
  it('takes a recursive snapshot per pool, named by label and UTC minute', async () => {
    shim = shimWith(zfsState([], ['tank']));
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--pool', 'tank', '--label', 'daily'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      `${LIST} rpool`,
      'zfs snapshot -r rpool@nix-mox_daily_2026-05-01T03:00',
      `${LIST} tank`,
      'zfs snapshot -r tank@nix-mox_daily_2026-05-01T03:00',
    ]);
    expect(snapNames(shim)).toEqual([
      'rpool/data@nix-mox_daily_2026-05-01T03:00',
      'rpool@nix-mox_daily_2026-05-01T03:00',
      'tank@nix-mox_daily_2026-05-01T03:00',
    ]);
    expect(r.stdout.split('\n')).toEqual([
      '::progress 0/2 rpool',
      '::step snapshot rpool@nix-mox_daily_2026-05-01T03:00',
      '$ zfs snapshot -r rpool@nix-mox_daily_2026-05-01T03:00',
      '::progress 1/2 tank',
      '::step snapshot tank@nix-mox_daily_2026-05-01T03:00',
      '$ zfs snapshot -r tank@nix-mox_daily_2026-05-01T03:00',
      '::progress 2/2 done',
      '',
    ]);
  });

  it('prunes its own snapshots of the label to the newest N, after the new one', async () => {
    shim = shimWith(
      zfsState([
        ['rpool@nix-mox_daily_2026-04-27T03:00', NOW - 4 * day],
        ['rpool@nix-mox_daily_2026-04-28T03:00', NOW - 3 * day],
        ['rpool@nix-mox_daily_2026-04-29T03:00', NOW - 2 * day],
        ['rpool@nix-mox_daily_2026-04-30T03:00', NOW - day],
        ['rpool@nix-mox_hourly_2026-04-27T03:00', NOW - 4 * day],
      ]),
    );
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--label', 'daily', '--keep', '3'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      `${LIST} rpool`,
      'zfs snapshot -r rpool@nix-mox_daily_2026-05-01T03:00',
      'zfs destroy -r rpool@nix-mox_daily_2026-04-27T03:00',
      'zfs destroy -r rpool@nix-mox_daily_2026-04-28T03:00',
    ]);
    expect(r.stdout).toContain(
      "will destroy 2 snapshot(s) of rpool labelled 'daily' (keeping the newest 3):\n" +
        '  rpool@nix-mox_daily_2026-04-27T03:00\n' +
        '  rpool@nix-mox_daily_2026-04-28T03:00\n' +
        '$ zfs destroy -r rpool@nix-mox_daily_2026-04-27T03:00\n',
    );
    expect(snapNames(shim)).toEqual([
      'rpool/data@nix-mox_daily_2026-05-01T03:00',
      'rpool@nix-mox_daily_2026-04-29T03:00',
      'rpool@nix-mox_daily_2026-04-30T03:00',
      'rpool@nix-mox_daily_2026-05-01T03:00',
      'rpool@nix-mox_hourly_2026-04-27T03:00',
    ]);
  });

  it('with --dry-run changes nothing and previews what it would destroy, counting the snapshot it would take', async () => {
    shim = shimWith(
      zfsState([
        ['rpool@nix-mox_weekly_2026-04-10T03:00', NOW - 21 * day],
        ['rpool@nix-mox_weekly_2026-04-17T03:00', NOW - 14 * day],
        ['rpool@nix-mox_weekly_2026-04-24T03:00', NOW - 7 * day],
      ]),
    );
    const before = snapNames(shim);
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--label', 'weekly', '--keep', '2', '--dry-run'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([`${LIST} rpool`]);
    expect(snapNames(shim)).toEqual(before);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('::'))).toEqual([
      'would run: zfs snapshot -r rpool@nix-mox_weekly_2026-05-01T03:00',
      "would destroy 2 snapshot(s) of rpool labelled 'weekly' (keeping the newest 2):",
      '  rpool@nix-mox_weekly_2026-04-10T03:00',
      '  rpool@nix-mox_weekly_2026-04-17T03:00',
      'would run: zfs destroy -r rpool@nix-mox_weekly_2026-04-10T03:00',
      'would run: zfs destroy -r rpool@nix-mox_weekly_2026-04-17T03:00',
      '',
    ]);
  });

  it('never touches other tools snapshots, other labels, odd names or other datasets', async () => {
    const ours = [
      ['rpool@nix-mox_daily_2026-04-01T03:00', NOW - 30 * day],
      ['rpool@nix-mox_daily_2026-04-02T03:00', NOW - 29 * day],
    ] as [string, number][];
    const foreign = [
      ['rpool@zfs-auto-snap_daily-2026-04-01-0300', NOW - 30 * day],
      ['rpool@autosnap_2026-04-01_03:00:00_daily', NOW - 30 * day],
      ['rpool@nix-mox_dailyx_2026-04-01T03:00', NOW - 30 * day],
      ['rpool@nix-mox_weekly_2026-04-01T03:00', NOW - 30 * day],
      ['rpool@nix-mox_daily_2026-04-01T03:00-keep', NOW - 30 * day],
      ['rpool@nix-mox_daily_2026-4-1T3:00', NOW - 30 * day],
      ['rpool@nix-mox_daily_', NOW - 30 * day],
      ['rpool@NIX-MOX_daily_2026-04-01T03:00', NOW - 30 * day],
      ['rpool@before nix-mox_daily_2026-04-01T03:00', NOW - 30 * day],
      ['rpool@nix-mox_daily_2026-04-01T03:00 copy', NOW - 30 * day],
      ['rpool/data@nix-mox_daily_2026-03-01T03:00', NOW - 60 * day],
      ['rpool2@nix-mox_daily_2026-03-01T03:00', NOW - 60 * day],
    ] as [string, number][];
    shim = shimWith(zfsState([...ours, ...foreign], ['rpool2']));
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--label', 'daily', '--keep', '1'],
      shim.env,
    );
    expect(r.code).toBe(0);
    const destroyed = commands(shim).filter((c) => c.startsWith('zfs destroy'));
    expect(destroyed).toEqual([
      'zfs destroy -r rpool@nix-mox_daily_2026-04-01T03:00',
      'zfs destroy -r rpool@nix-mox_daily_2026-04-02T03:00',
    ]);
    for (const [name] of foreign) expect(snapNames(shim)).toContain(name);
  });

  it('breaks equal creation times by name, so the same snapshots are kept on every run', async () => {
    const same = NOW - day;
    shim = shimWith(
      zfsState([
        ['rpool@nix-mox_hourly_2026-04-30T03:02', same],
        ['rpool@nix-mox_hourly_2026-04-30T03:00', same],
        ['rpool@nix-mox_hourly_2026-04-30T03:01', same],
      ]),
    );
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--label', 'hourly', '--keep', '2', '--prune-only'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([`${LIST} rpool`, 'zfs destroy -r rpool@nix-mox_hourly_2026-04-30T03:00']);
  });

  it('keeps everything when there are at most N', async () => {
    shim = shimWith(zfsState([['rpool@nix-mox_daily_2026-04-30T03:00', NOW - day]]));
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--label', 'daily', '--keep', '2'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim).filter((c) => c.startsWith('zfs destroy'))).toEqual([]);
    expect(r.stdout).toContain("nothing to prune: rpool has at most 2 'daily' snapshot(s) of nix-mox");
  });

  it('does not take the same snapshot twice in one minute', async () => {
    shim = shimWith(zfsState([['rpool@nix-mox_daily_2026-05-01T03:00', NOW]]));
    const r = await runScript('zfs-snapshot', ['--pool', 'rpool', '--label', 'daily'], shim.env);
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([`${LIST} rpool`]);
    expect(r.stdout).toContain(
      'rpool@nix-mox_daily_2026-05-01T03:00 already exists (taken earlier this minute)',
    );
  });

  it('goes on with the other pools when one fails, and exits 1', async () => {
    shim = shimWith(zfsState([], ['tank']));
    shim.fail('zfs snapshot', {
      code: 1,
      stderr: "cannot create snapshot 'rpool@x': out of space\n",
      times: 1,
    });
    const r = await runScript(
      'zfs-snapshot',
      ['--pool', 'rpool', '--pool', 'missing', '--pool', 'tank', '--label', 'daily'],
      shim.env,
    );
    expect(r.code).toBe(1);
    expect(commands(shim)).toEqual([
      `${LIST} rpool`,
      'zfs snapshot -r rpool@nix-mox_daily_2026-05-01T03:00',
      `${LIST} missing`,
      `${LIST} tank`,
      'zfs snapshot -r tank@nix-mox_daily_2026-05-01T03:00',
    ]);
    expect(r.stderr).toContain('zfs-snapshot: could not take rpool@nix-mox_daily_2026-05-01T03:00');
    expect(r.stderr).toContain("cannot open 'missing': dataset does not exist");
    expect(r.stderr).toContain('zfs-snapshot: cannot list the snapshots of missing; skipping it');
    expect(snapNames(shim)).toContain('tank@nix-mox_daily_2026-05-01T03:00');
  });

  it('rejects bad input with exit 2, naming the option', async () => {
    const cases: [string[], string][] = [
      [['--label', 'daily'], '--pool is required'],
      [['--pool', 'rpool'], '--label is required'],
      [['--pool', 'rpool', '--label', 'my_label'], "--label 'my_label': use a-z, 0-9 and -"],
      [['--pool', 'rpool@x', '--label', 'daily'], "--pool 'rpool@x' is not a ZFS pool or dataset name"],
      [['--pool', 'rpool', '--label', 'daily', '--keep', '0'], "--keep '0': a whole number, at least 1"],
      [['--pool', 'rpool', '--label', 'daily', '--keep', 'x'], "--keep 'x': a whole number, at least 1"],
      [['--pool', 'rpool', '--label', 'daily', '--prune-only'], '--prune-only needs --keep N'],
    ];
    for (const [args, message] of cases) {
      const r = await runScript('zfs-snapshot', args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});

describe('the pruning filter (lib/nix-mox.sh nm_prune_candidates)', () => {
  async function candidates(dataset: string, label: string, keep: number, lines: string[]) {
    const r = await execa(
      'bash',
      [
        '-c',
        'source "$1" && nm_prune_candidates "$2" "$3" "$4"',
        'test',
        join(scriptsDir, 'lib/nix-mox.sh'),
        dataset,
        label,
        String(keep),
      ],
      { input: lines.join('\n') + '\n' },
    );
    return r.stdout.split('\n').filter(Boolean);
  }

  it('names only exact matches of the dataset, prefix and label, oldest first, never the newest N', async () => {
    const lines = [
      'rpool@nix-mox_daily_2026-01-03T00:00\t300',
      'rpool@nix-mox_daily_2026-01-01T00:00\t100',
      'rpool@nix-mox_daily_2026-01-02T00:00\t200',
      'rpool2@nix-mox_daily_2026-01-01T00:00\t50',
      'rpool/data@nix-mox_daily_2026-01-01T00:00\t50',
      'xrpool@nix-mox_daily_2026-01-01T00:00\t50',
      'rpool@nix-mox_daily_2026-01-01T00:00.bak\t50',
      'rpool@nix-mox_daily_2026-01-01T00:00\tnot-a-number',
      'rpool@nix-mox_daily_2026-01-01T00:00',
      'rpool@nix-mox_daily.2026-01-01T00:00\t50',
      'rpool@nix-mox_daily_2026-01-01T00:00\t50\textra',
      '',
    ];
    expect(await candidates('rpool', 'daily', 1, lines)).toEqual([
      'rpool@nix-mox_daily_2026-01-01T00:00',
      'rpool@nix-mox_daily_2026-01-02T00:00',
    ]);
    expect(await candidates('rpool', 'daily', 3, lines)).toEqual([]);
    expect(await candidates('rpool', 'daily', 10, lines)).toEqual([]);
  });

  it('treats a dataset name with regex characters literally', async () => {
    const lines = [
      'a.b@nix-mox_daily_2026-01-01T00:00\t1',
      'aXb@nix-mox_daily_2026-01-01T00:00\t1',
      'a.b@nix-mox_daily_2026-01-02T00:00\t2',
    ];
    expect(await candidates('a.b', 'daily', 1, lines)).toEqual(['a.b@nix-mox_daily_2026-01-01T00:00']);
  });
});
