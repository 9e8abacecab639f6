import { afterEach, describe, expect, it } from 'vitest';
import { makeShimEnv, type ShimEnv } from '../helpers/shim-env';
import { TiB } from './host-fixture';
import { runShim } from './run-shim';

let shim: ShimEnv;
afterEach(() => shim?.cleanup());

type Zfs = {
  pools: { name: string; layout: string; sizeBytes: number }[];
  datasets: { name: string; properties?: Record<string, unknown> }[];
  snapshots: { name: string; creation: number }[];
};
const A = '/dev/disk/by-id/ata-WDC_WD40EFRX_A';
const B = '/dev/disk/by-id/ata-WDC_WD40EFRX_B';
const C = '/dev/disk/by-id/ata-OLD_EXT4_C';

function tank(): Record<string, unknown> {
  return {
    zfs: {
      // 3.625 TiB: printf rounds the tie to the even digit, 3.62T
      pools: [
        {
          name: 'tank',
          health: 'ONLINE',
          sizeBytes: 3985729650688,
          allocBytes: TiB,
          layout: 'mirror',
          disks: [A, B],
          fragmentation: 3,
        },
      ],
      datasets: [
        { name: 'tank' },
        { name: 'tank/vm', properties: { compression: 'zstd' } },
        { name: 'tank/vm/disk', properties: { type: 'volume', volsize: 1024 } },
      ],
      snapshots: [{ name: 'tank@nix-mox_daily_2026-05-01T03:00', creation: 1777604400 }],
    },
  };
}

describe('zpool shim', () => {
  it('creates a mirror by /dev/disk/by-id with ashift, sized from disks.json, and shows it in zpool list -H -p', async () => {
    shim = makeShimEnv({
      state: { disks: { [A]: 4 * TiB, [B]: 4 * TiB, [C]: { sizeBytes: TiB, inUse: 'ext4' } } },
    });
    expect(await runShim(shim, 'zpool', ['create', '-o', 'ashift=12', 'tank', 'mirror', A, B])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const z = shim.state('zfs') as Zfs;
    expect(z.pools[0]).toMatchObject({
      name: 'tank',
      layout: 'mirror',
      sizeBytes: 4 * TiB,
      properties: { ashift: '12' },
    });
    expect(z.datasets).toEqual([
      { name: 'tank', properties: expect.objectContaining({ creation: expect.any(Number) }) },
    ]);
    expect((await runShim(shim, 'zpool', ['list', '-H', '-p'])).stdout).toBe(
      `tank\t${4 * TiB}\t0\t${4 * TiB}\t-\t-\t0\t0\t1.00\tONLINE\t-\n`,
    );
  });

  it('refuses disks in a pool, disks holding a filesystem (unless -f), short mirrors and bad pool names', async () => {
    shim = makeShimEnv({
      state: { ...tank(), disks: { [A]: 4 * TiB, [B]: 4 * TiB, [C]: { sizeBytes: TiB, inUse: 'ext4' } } },
    });
    expect(await runShim(shim, 'zpool', ['create', 'tank2', A])).toEqual({
      code: 1,
      stdout: '',
      stderr: `invalid vdev specification\nthe following errors must be manually repaired:\n${A} is part of active pool 'tank'\n`,
    });
    expect((await runShim(shim, 'zpool', ['create', 'old', C])).stderr).toBe(
      `invalid vdev specification\nuse '-f' to override the following errors:\n${C} contains a filesystem of type 'ext4'\n`,
    );
    expect((await runShim(shim, 'zpool', ['create', '-f', 'old', C])).code).toBe(0);
    expect((await runShim(shim, 'zpool', ['create', 'm', 'mirror', C])).stderr).toBe(
      'invalid vdev specification: mirror requires at least 2 devices\n',
    );
    expect((await runShim(shim, 'zpool', ['create', '2fast', C])).stderr).toBe(
      "cannot create '2fast': name must begin with a letter\n",
    );
    expect((await runShim(shim, 'zpool', ['create', 'mirror', C])).stderr).toBe(
      "cannot create 'mirror': name is reserved\n",
    );
    expect((await runShim(shim, 'zpool', ['create', 'x', '/dev/disk/by-id/nope'])).stderr).toBe(
      "cannot open '/dev/disk/by-id/nope': no such device in /dev\nmust be a full path or shorthand device name\n",
    );
  });

  it('prints zpool list and zpool status in zpool_main.c layout, and refuses unknown pools', async () => {
    shim = makeShimEnv({ state: tank() });
    expect((await runShim(shim, 'zpool', ['list'])).stdout).toBe(
      'NAME   SIZE  ALLOC   FREE  CKPOINT  EXPANDSZ   FRAG    CAP  DEDUP    HEALTH  ALTROOT\n' +
        'tank  3.62T     1T  2.62T        -         -     3%    27%  1.00x    ONLINE  -\n',
    );
    expect((await runShim(shim, 'zpool', ['status', 'tank'])).stdout).toBe(
      '  pool: tank\n state: ONLINE\nconfig:\n\n' +
        '\tNAME                    STATE     READ WRITE CKSUM\n' +
        '\ttank                    ONLINE       0     0     0\n' +
        '\t  mirror-0              ONLINE       0     0     0\n' +
        '\t    ata-WDC_WD40EFRX_A  ONLINE       0     0     0\n' +
        '\t    ata-WDC_WD40EFRX_B  ONLINE       0     0     0\n' +
        '\nerrors: No known data errors\n',
    );
    expect(await runShim(shim, 'zpool', ['list', 'nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "cannot open 'nope': no such pool\n",
    });
  });
});

describe('zfs shim', () => {
  it('snapshots recursively with the creation time, and lists snapshots with -H -p -o name,creation -s creation', async () => {
    shim = makeShimEnv({ state: tank() });
    const r = await runShim(shim, 'zfs', ['snapshot', '-r', 'tank@nix-mox_hourly_2026-05-02T10:00'], {
      env: { NIX_MOX_SHIM_NOW: '1777716000' },
    });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((shim.state('zfs') as Zfs).snapshots.map((s) => s.name)).toEqual([
      'tank@nix-mox_daily_2026-05-01T03:00',
      'tank@nix-mox_hourly_2026-05-02T10:00',
      'tank/vm@nix-mox_hourly_2026-05-02T10:00',
      'tank/vm/disk@nix-mox_hourly_2026-05-02T10:00',
    ]);
    expect(
      (
        await runShim(shim, 'zfs', [
          'list',
          '-H',
          '-p',
          '-t',
          'snapshot',
          '-o',
          'name,creation',
          '-s',
          'creation',
        ])
      ).stdout,
    ).toBe(
      'tank@nix-mox_daily_2026-05-01T03:00\t1777604400\n' +
        'tank@nix-mox_hourly_2026-05-02T10:00\t1777716000\n' +
        'tank/vm@nix-mox_hourly_2026-05-02T10:00\t1777716000\n' +
        'tank/vm/disk@nix-mox_hourly_2026-05-02T10:00\t1777716000\n',
    );
  });

  it('refuses an existing snapshot, an unknown dataset and an invalid name like zfs does', async () => {
    shim = makeShimEnv({ state: tank() });
    expect(await runShim(shim, 'zfs', ['snapshot', 'tank@nix-mox_daily_2026-05-01T03:00'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "cannot create snapshot 'tank@nix-mox_daily_2026-05-01T03:00': dataset already exists\n",
    });
    expect(await runShim(shim, 'zfs', ['snapshot', 'tank/nope@x'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "cannot open 'tank/nope': dataset does not exist\nusage:\n\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...\n",
    });
    expect((await runShim(shim, 'zfs', ['snapshot', 'tank@bad*name'])).stderr).toBe(
      "cannot create snapshot 'tank@bad*name': invalid character '*' in name\n",
    );
    expect(await runShim(shim, 'zfs', ['list', 'tank/nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "cannot open 'tank/nope': dataset does not exist\n",
    });
    expect((shim.state('zfs') as Zfs).snapshots).toHaveLength(1);
  });

  it('destroys snapshots (dry run first), and says when none matched', async () => {
    shim = makeShimEnv({ state: tank() });
    expect(
      (await runShim(shim, 'zfs', ['destroy', '-nv', 'tank@nix-mox_daily_2026-05-01T03:00'])).stdout,
    ).toBe('would destroy tank@nix-mox_daily_2026-05-01T03:00\nwould reclaim 0B\n');
    expect((shim.state('zfs') as Zfs).snapshots).toHaveLength(1);
    expect((await runShim(shim, 'zfs', ['destroy', 'tank@nix-mox_daily_2026-05-01T03:00'])).code).toBe(0);
    expect((shim.state('zfs') as Zfs).snapshots).toEqual([]);
    expect(await runShim(shim, 'zfs', ['destroy', 'tank@nix-mox_daily_2026-05-01T03:00'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'could not find any snapshots to destroy; check snapshot names.\n',
    });
  });

  it('refuses to destroy a dataset with children without -r, and a pool root at all', async () => {
    shim = makeShimEnv({ state: tank() });
    expect((await runShim(shim, 'zfs', ['destroy', 'tank/vm'])).stderr).toBe(
      "cannot destroy 'tank/vm': filesystem has children\nuse '-r' to destroy the following datasets:\ntank/vm/disk\n",
    );
    expect((await runShim(shim, 'zfs', ['destroy', 'tank'])).stderr).toMatch(
      /^cannot destroy 'tank': operation does not apply to pools\n/,
    );
    expect((await runShim(shim, 'zfs', ['destroy', '-r', 'tank/vm'])).code).toBe(0);
    expect((shim.state('zfs') as Zfs).datasets.map((d) => d.name)).toEqual(['tank']);
  });

  it('creates datasets with properties, refusing missing parents, pools and duplicates', async () => {
    shim = makeShimEnv({ state: tank() });
    expect((await runShim(shim, 'zfs', ['create', '-o', 'compression=zstd', 'tank/backup'])).code).toBe(0);
    expect((shim.state('zfs') as Zfs).datasets.at(-1)).toEqual({
      name: 'tank/backup',
      properties: { compression: 'zstd', creation: expect.any(Number) },
    });
    expect((await runShim(shim, 'zfs', ['create', 'tank/a/b'])).stderr).toBe(
      "cannot create 'tank/a/b': parent does not exist\n",
    );
    expect((await runShim(shim, 'zfs', ['create', '-p', 'tank/a/b'])).code).toBe(0);
    expect((await runShim(shim, 'zfs', ['create', 'pool2/x'])).stderr).toBe(
      "cannot create 'pool2/x': no such pool 'pool2'\n",
    );
    expect((await runShim(shim, 'zfs', ['create', 'tank/vm'])).stderr).toBe(
      "cannot create 'tank/vm': dataset already exists\n",
    );
  });

  it('lists datasets in columns and reads properties with zfs get', async () => {
    shim = makeShimEnv({ state: tank() });
    expect((await runShim(shim, 'zfs', ['list'])).stdout).toBe(
      'NAME           USED  AVAIL  REFER  MOUNTPOINT\n' +
        'tank            96K  2.62T    96K  /tank\n' +
        'tank/vm         96K  2.62T    96K  /tank/vm\n' +
        'tank/vm/disk     1K  2.62T    56K  -\n',
    );
    expect(
      (await runShim(shim, 'zfs', ['get', '-H', '-o', 'value', 'compression', 'tank/vm/disk'])).stdout,
    ).toBe('zstd\n');
    expect((await runShim(shim, 'zfs', ['get', '-H', 'compression', 'tank/vm'])).stdout).toBe(
      'tank/vm\tcompression\tzstd\tlocal\n',
    );
    expect((await runShim(shim, 'zfs', ['set', 'used=1', 'tank/vm'])).stderr).toBe(
      "cannot set property for 'tank/vm': 'used' is readonly\n",
    );
    expect((await runShim(shim, 'zfs', ['list', '-o', 'name,bogus'])).code).toBe(2);
  });
});
