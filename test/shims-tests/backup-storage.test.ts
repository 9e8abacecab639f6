import { afterEach, describe, expect, it } from 'vitest';
import { sharedAvailable } from '../helpers/shared';
import { makeShimEnv, type ShimEnv } from '../helpers/shim-env';
import { TiB, hostState } from './host-fixture';
import { runShim } from './run-shim';

let shim: ShimEnv;
afterEach(() => shim?.cleanup());

const guests = [
  {
    vmid: 100,
    kind: 'qemu',
    name: 'windows',
    status: 'running',
    config: { scsi0: 'local-zfs:vm-100-disk-0,size=64G' },
  },
  {
    vmid: 101,
    kind: 'lxc',
    name: 'nixos',
    status: 'stopped',
    config: { rootfs: 'local-zfs:subvol-101-disk-0,size=8G' },
    backupSizeBytes: 734003200,
  },
];
type Backup = { volid: string; vmid: number; ctime: number };

describe.skipIf(!sharedAvailable())('vzdump shim', () => {
  it('backs up every guest with the task log vzdump prints on stderr', async () => {
    shim = makeShimEnv({ state: hostState({ guests }) });
    const r = await runShim(
      shim,
      'vzdump',
      [
        '--all',
        '1',
        '--mode',
        'snapshot',
        '--compress',
        'zstd',
        '--storage',
        'local',
        '--prune-backups',
        'keep-daily=7,keep-weekly=4,keep-monthly=6',
      ],
      { env: { NIX_MOX_SHIM_NOW: '1780000000' } },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'INFO: starting new backup job: vzdump --all 1 --mode snapshot --compress zstd --storage local --prune-backups keep-daily=7,keep-monthly=6,keep-weekly=4',
        'INFO: Starting Backup of VM 100 (qemu)',
        'INFO: Backup started at 2026-05-28 20:26:40',
        'INFO: status = running',
        'INFO: VM Name: windows',
        "INFO: include disk 'scsi0' 'local-zfs:vm-100-disk-0' 64G",
        'INFO: backup mode: snapshot',
        'INFO: ionice priority: 7',
        "INFO: creating vzdump archive '/var/lib/vz/dump/vzdump-qemu-100-2026_05_28-20_26_40.vma.zst'",
        'INFO: archive file size: 1.00GB',
        'INFO: prune older backups with retention: keep-daily=7, keep-monthly=6, keep-weekly=4',
        'INFO: pruned 0 backup(s)',
        'INFO: Finished Backup of VM 100 (00:00:00)',
        'INFO: Backup finished at 2026-05-28 20:26:40',
        'INFO: Starting Backup of VM 101 (lxc)',
        'INFO: Backup started at 2026-05-28 20:26:40',
        'INFO: status = stopped',
        'INFO: backup mode: stop',
        'INFO: ionice priority: 7',
        'INFO: CT Name: nixos',
        "INFO: including mount point rootfs ('/') in backup",
        "INFO: creating vzdump archive '/var/lib/vz/dump/vzdump-lxc-101-2026_05_28-20_26_40.tar.zst'",
        'INFO: archive file size: 700MB',
        'INFO: prune older backups with retention: keep-daily=7, keep-monthly=6, keep-weekly=4',
        'INFO: pruned 0 backup(s)',
        'INFO: Finished Backup of VM 101 (00:00:00)',
        'INFO: Backup finished at 2026-05-28 20:26:40',
        'INFO: Backup job finished successfully',
        '',
      ].join('\n'),
    );
    expect((shim.state('backups') as Backup[]).map((b) => b.volid)).toEqual([
      'local:backup/vzdump-qemu-100-2026_05_28-20_26_40.vma.zst',
      'local:backup/vzdump-lxc-101-2026_05_28-20_26_40.tar.zst',
    ]);
  });

  it('prunes by the retention policy: keep-daily keeps one backup per day', async () => {
    const day = 86400;
    const old = [0, 1, 2].map((d) => ({
      volid: `local:backup/old-${d}`,
      storage: 'local',
      vmid: 100,
      kind: 'qemu',
      ctime: 1780000000 - (d + 1) * day,
      size: 1,
      path: '',
    }));
    shim = makeShimEnv({ state: hostState({ guests, backups: old }) });
    const r = await runShim(
      shim,
      'vzdump',
      ['100', '--storage', 'local', '--prune-backups', 'keep-daily=2'],
      { env: { NIX_MOX_SHIM_NOW: '1780000000' } },
    );
    expect(r.stderr).toContain('INFO: pruned 2 backup(s) not covered by keep-retention policy\n');
    expect((shim.state('backups') as Backup[]).map((b) => b.ctime)).toEqual([1780000000 - day, 1780000000]);
  });

  it('fails a missing guest, finishing the job with errors (exit 255)', async () => {
    shim = makeShimEnv({ state: hostState({ guests }) });
    const r = await runShim(shim, 'vzdump', ['999', '--storage', 'local'], {
      env: { NIX_MOX_SHIM_NOW: '1780000000' },
    });
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      "INFO: starting new backup job: vzdump 999 --storage local\nERROR: Backup of VM 999 failed - unable to find VM '999'\nINFO: Failed at 2026-05-28 20:26:40\nINFO: Backup job finished with errors\njob errors\n",
    );
  });

  it('refuses storages that do not exist or hold no backups, and conflicting guest selections', async () => {
    shim = makeShimEnv({ state: hostState({ guests }) });
    expect((await runShim(shim, 'vzdump', ['100', '--storage', 'local-zfs'])).stderr).toBe(
      "could not get storage information for 'local-zfs': can't use storage 'local-zfs' for backups - wrong content type\n",
    );
    expect((await runShim(shim, 'vzdump', ['100', '--storage', 'nas'])).stderr).toBe(
      "could not activate storage 'nas': storage 'nas' does not exist\ncould not get storage information for 'nas': storage 'nas' does not exist\n",
    );
    expect(await runShim(shim, 'vzdump', ['100', '--all', '1'])).toMatchObject({
      code: 255,
      stderr:
        "400 Parameter verification failed.\nall: option conflicts with option 'vmid'\nvzdump {<vmid>} [OPTIONS]\n",
    });
  });
});

describe.skipIf(!sharedAvailable())('pvesm, pvesh, pveam shims', () => {
  it('adds a zfspool storage and reports status in pvesm.pm columns', async () => {
    shim = makeShimEnv({
      state: hostState({
        zfs: {
          pools: [
            {
              name: 'tank',
              health: 'ONLINE',
              sizeBytes: 4 * TiB,
              allocBytes: TiB,
              layout: 'mirror',
              disks: [],
            },
          ],
          datasets: [{ name: 'tank' }, { name: 'tank/vm' }],
          snapshots: [],
        },
      }),
    });
    expect(
      await runShim(shim, 'pvesm', [
        'add',
        'zfspool',
        'tank-vm',
        '--pool',
        'tank/vm',
        '--content',
        'images,rootdir',
      ]),
    ).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((shim.state('storage') as { id: string }[]).at(-1)).toEqual({
      id: 'tank-vm',
      type: 'zfspool',
      pool: 'tank/vm',
      content: 'images,rootdir',
    });
    expect((await runShim(shim, 'pvesm', ['add', 'zfspool', 'tank-vm', '--pool', 'tank/vm'])).stderr).toBe(
      "create storage failed: storage ID 'tank-vm' already defined\n",
    );
    expect((await runShim(shim, 'pvesm', ['add', 'zfspool', 'tank-ct', '--pool', 'tank/ct'])).stderr).toBe(
      "create storage failed: zfs error: cannot open 'tank/ct': dataset does not exist\n",
    );
    expect((await runShim(shim, 'pvesm', ['status'])).stdout).toBe(
      'Name             Type     Status           Total            Used       Available        %\n' +
        'local             dir     active               0               0               0    0.00%\n' +
        'local-zfs     zfspool     active               0               0               0    0.00%\n' +
        'tank-vm       zfspool     active      4294967296      1073741824      3221225472   25.00%\n',
    );
  });

  it('answers pvesh get /cluster/resources as compact canonical JSON', async () => {
    shim = makeShimEnv({ state: hostState({ guests: [guests[0]] }) });
    const r = await runShim(shim, 'pvesh', [
      'get',
      '/cluster/resources',
      '--type',
      'vm',
      '--output-format',
      'json',
    ]);
    expect(r.stdout).toBe(
      '[{"cpu":0,"disk":0,"diskread":0,"diskwrite":0,"id":"qemu/100","maxcpu":1,"maxdisk":68719476736,"maxmem":536870912,"mem":0,"name":"windows","netin":0,"netout":0,"node":"pve","status":"running","template":0,"type":"qemu","uptime":0,"vmid":100}]\n',
    );
    expect(await runShim(shim, 'pvesh', ['get', '/cluster/resources'])).toMatchObject({ code: 70 });
    expect(await runShim(shim, 'pvesh', ['get', '/cluster/nonsense'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "No 'get' handler defined for '/cluster/nonsense'\n",
    });
  });

  it('creates, changes and deletes a backup job under /cluster/backup', async () => {
    shim = makeShimEnv({ state: hostState() });
    const create = await runShim(shim, 'pvesh', [
      'create',
      '/cluster/backup',
      '--id',
      'nix-mox-nightly',
      '--schedule',
      '03:00',
      '--all',
      '1',
      '--storage',
      'local',
      '--mode',
      'snapshot',
      '--compress',
      'zstd',
      '--prune-backups',
      'keep-daily=7,keep-weekly=4,keep-monthly=6',
    ]);
    expect(create).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(shim.state('backup-jobs')).toEqual([
      {
        id: 'nix-mox-nightly',
        type: 'vzdump',
        enabled: 1,
        schedule: '03:00',
        all: 1,
        storage: 'local',
        mode: 'snapshot',
        compress: 'zstd',
        'prune-backups': 'keep-daily=7,keep-weekly=4,keep-monthly=6',
      },
    ]);
    await runShim(shim, 'pvesh', ['set', '/cluster/backup/nix-mox-nightly', '--schedule', '02:30']);
    const pretty = await runShim(shim, 'pvesh', [
      'get',
      '/cluster/backup/nix-mox-nightly',
      '--output-format',
      'json-pretty',
    ]);
    expect(pretty.stdout).toContain('   "schedule" : "02:30",\n');
    expect((await runShim(shim, 'pvesh', ['create', '/cluster/backup', '--schedule', '03:00'])).stderr).toBe(
      '400 Parameter verification failed.\nvmid: property is missing\npvesh create <api_path> [OPTIONS]\n',
    );
    await runShim(shim, 'pvesh', ['delete', '/cluster/backup/nix-mox-nightly']);
    expect(shim.state('backup-jobs')).toEqual([]);
  });

  it('updates the appliance index, lists and downloads templates (pveam.pm formats)', async () => {
    shim = makeShimEnv({ state: hostState() });
    expect((await runShim(shim, 'pveam', ['update'])).stdout).toBe('update successful\n');
    expect((await runShim(shim, 'pveam', ['available', '--section', 'system'])).stdout).toMatch(
      /^system {10}alpine-3\.21-default_20241217_amd64\.tar\.xz\n/,
    );
    const dl = await runShim(shim, 'pveam', ['download', 'local', 'debian-12-standard_12.7-1_amd64.tar.zst']);
    expect(dl.stdout).toMatch(/finished\n$/);
    expect((await runShim(shim, 'pveam', ['list', 'local'])).stdout).toBe(
      `${'NAME'.padEnd(60)} SIZE  \n${'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'.padEnd(60)} 128.00MB\n`,
    );
    expect((await runShim(shim, 'pveam', ['download', 'local', 'nope.tar.zst'])).stderr).toBe(
      '400 Parameter verification failed.\ntemplate: no such template\npveam download <storage> <template>\n',
    );
  });
});

describe('pveversion and pvecm shims', () => {
  it('prints pveversion from platform.json', async () => {
    shim = makeShimEnv({ state: hostState() });
    expect((await runShim(shim, 'pveversion', [])).stdout).toBe(
      'pve-manager/9.1.3/f157a38b211595d6 (running kernel: 6.17.2-1-pve)\n',
    );
    expect((await runShim(shim, 'pveversion', ['-v'])).stdout).toBe(
      'proxmox-ve: 9.1.0 (running kernel: 6.17.2-1-pve)\npve-manager: 9.1.3 (running version: 9.1.3/f157a38b211595d6)\n',
    );
  });

  it('says a standalone node is not part of a cluster, and lists the members of one', async () => {
    shim = makeShimEnv({ state: hostState() });
    expect(await runShim(shim, 'pvecm', ['status'])).toEqual({
      code: 255,
      stdout: '',
      stderr:
        "Error: Corosync config '/etc/pve/corosync.conf' does not exist - is this node part of a cluster?\n",
    });
    shim.writeState('platform', {
      cluster: {
        name: 'lab',
        nodes: [
          { name: 'pve', ip: '10.0.0.2', local: true },
          { name: 'pve2', ip: '10.0.0.3' },
        ],
      },
    });
    expect((await runShim(shim, 'pvecm', ['nodes'])).stdout).toBe(
      '\nMembership information\n----------------------\n    Nodeid      Votes Name\n         1          1 10.0.0.2 (local)\n         2          1 10.0.0.3\n',
    );
    expect((await runShim(shim, 'pvecm', ['status'])).stdout).toMatch(
      /^Cluster information\n-------------------\nName: {13}lab\n[\s\S]*Quorate: {10}Yes\n/,
    );
  });
});
