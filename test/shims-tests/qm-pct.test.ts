import { afterEach, describe, expect, it } from 'vitest';
import { sharedAvailable } from '../helpers/shared';
import { makeShimEnv, type ShimEnv } from '../helpers/shim-env';
import { hostState } from './host-fixture';
import { runShim } from './run-shim';

type Guest = {
  vmid: number;
  kind: string;
  name: string;
  status: string;
  config: Record<string, string>;
  snapshots?: { name: string }[];
};

let shim: ShimEnv;
afterEach(() => shim?.cleanup());

describe.skipIf(!sharedAvailable())('qm shim', () => {
  it('creates a VM, allocating its disks as zvols and printing what qemu-server prints', async () => {
    shim = makeShimEnv({ state: hostState() });
    const r = await runShim(shim, 'qm', [
      'create',
      '100',
      '--name',
      'windows',
      '--machine',
      'q35',
      '--bios',
      'ovmf',
      '--efidisk0',
      'local-zfs:1,efitype=4m',
      '--scsi0',
      'local-zfs:64,iothread=1',
      '--memory',
      '16384',
      '--cores',
      '8',
      '--net0',
      'virtio,bridge=vmbr1',
    ]);
    expect(r).toEqual({
      code: 0,
      stdout:
        "efidisk0: successfully created disk 'local-zfs:vm-100-disk-0,efitype=4m,size=1M'\n" +
        "scsi0: successfully created disk 'local-zfs:vm-100-disk-1,iothread=1,size=64G'\n",
      stderr: '',
    });
    const [g] = shim.state('guests') as Guest[];
    expect(g).toMatchObject({ vmid: 100, kind: 'qemu', name: 'windows', status: 'stopped' });
    expect(g?.config['scsi0']).toBe('local-zfs:vm-100-disk-1,iothread=1,size=64G');
    const zfs = shim.state('zfs') as { datasets: { name: string }[] };
    expect(zfs.datasets.map((d) => d.name)).toContain('rpool/data/vm-100-disk-1');
    expect(shim.calls().map((c) => c.cmd)).toEqual(['qm']);
  });

  it('lists VMs in qm.pm printf columns, and prints config and status', async () => {
    shim = makeShimEnv({
      state: hostState({
        guests: [
          {
            vmid: 100,
            kind: 'qemu',
            name: 'windows',
            status: 'running',
            config: {
              memory: '16384',
              scsi0: 'local-zfs:vm-100-disk-1,size=64G',
              name: 'windows',
              cores: '8',
            },
          },
          { vmid: 101, kind: 'lxc', name: 'nixos', status: 'running', config: {} },
        ],
      }),
    });
    const list = await runShim(shim, 'qm', ['list']);
    expect(list.stdout).toBe(
      '      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID       \n' +
        '       100 windows              running    16384             64.00 10100     \n',
    );
    expect((await runShim(shim, 'qm', ['config', '100'])).stdout).toBe(
      'cores: 8\nmemory: 16384\nname: windows\nscsi0: local-zfs:vm-100-disk-1,size=64G\n',
    );
    expect((await runShim(shim, 'qm', ['status', '100'])).stdout).toBe('status: running\n');
  });

  it('attaches a GPU with qm set, printing the update line, and refuses to start it without q35', async () => {
    shim = makeShimEnv({
      state: hostState({ guests: [{ vmid: 100, kind: 'qemu', name: 'w', status: 'stopped', config: {} }] }),
    });
    const set = await runShim(shim, 'qm', [
      'set',
      '100',
      '--hostpci0',
      '0000:01:00,pcie=1,x-vga=1',
      '--bios',
      'ovmf',
    ]);
    expect(set).toEqual({
      code: 0,
      stdout: 'update VM 100: -bios ovmf -hostpci0 0000:01:00,pcie=1,x-vga=1\n',
      stderr: '',
    });
    expect((shim.state('guests') as Guest[])[0]?.config['hostpci0']).toBe('0000:01:00,pcie=1,x-vga=1');
    const start = await runShim(shim, 'qm', ['start', '100']);
    expect(start).toEqual({
      code: 255,
      stdout: '',
      stderr: 'q35 machine model is not enabled at /usr/share/perl5/PVE/QemuServer/PCI.pm line 514.\n',
    });
    await runShim(shim, 'qm', ['set', '100', '--machine', 'q35']);
    expect((await runShim(shim, 'qm', ['start', '100'])).code).toBe(0);
    expect((shim.state('guests') as Guest[])[0]?.status).toBe('running');
    expect(await runShim(shim, 'qm', ['start', '100'])).toMatchObject({
      code: 255,
      stderr: 'VM 100 already running\n',
    });
  });

  it('rejects what the API rejects, without touching the state', async () => {
    shim = makeShimEnv({
      state: hostState({ guests: [{ vmid: 100, kind: 'qemu', name: 'w', status: 'stopped', config: {} }] }),
    });
    const r = await runShim(shim, 'qm', ['set', '100', '--hostpci0', '0000:01:00,pcie=1,xvga=1']);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr:
        '400 Parameter verification failed.\nhostpci0: invalid format - format error\n' +
        'hostpci0.xvga: property is not defined in schema and the schema does not allow additional properties\n\n' +
        'qm set <vmid> [OPTIONS]\n',
    });
    expect((shim.state('guests') as Guest[])[0]?.config).toEqual({});
    expect(await runShim(shim, 'qm', ['set', '150', '--cores', '2'])).toMatchObject({
      code: 255,
      stderr: "Configuration file 'nodes/pve/qemu-server/150.conf' does not exist\n",
    });
    expect(await runShim(shim, 'qm', ['create', '100'])).toMatchObject({
      code: 255,
      stderr: "VM 100 already exists on node 'pve'\n",
    });
  });

  it('runs guest agent commands: exec prints the exec-status JSON, --synchronous 0 a pid', async () => {
    shim = makeShimEnv({
      state: hostState({
        guests: [{ vmid: 100, kind: 'qemu', name: 'w', status: 'running', config: { agent: '1' } }],
        agent: {
          '100': {
            running: true,
            commands: [{ argv: ['cmd', '/c', 'ver'], exitcode: 0, 'out-data': 'Windows 11\r\n' }],
          },
        },
      }),
    });
    const sync = await runShim(shim, 'qm', ['guest', 'exec', '100', '--', 'cmd', '/c', 'ver']);
    expect(sync.stdout).toBe(
      '{\n   "exitcode" : 0,\n   "exited" : 1,\n   "out-data" : "Windows 11\\r\\n"\n}\n',
    );
    const started = await runShim(shim, 'qm', [
      'guest',
      'exec',
      '100',
      '--synchronous',
      '0',
      '--',
      'cmd',
      '/c',
      'ver',
    ]);
    expect(started.stdout).toBe('{\n   "pid" : 1000\n}\n');
    expect((await runShim(shim, 'qm', ['guest', 'exec-status', '100', '1000'])).stdout).toBe(sync.stdout);
    expect(await runShim(shim, 'qm', ['agent', '100', 'ping'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('says why the agent cannot answer', async () => {
    shim = makeShimEnv({
      state: hostState({
        guests: [
          { vmid: 100, kind: 'qemu', name: 'a', status: 'running', config: {} },
          { vmid: 102, kind: 'qemu', name: 'c', status: 'running', config: { agent: 'enabled=1' } },
        ],
      }),
    });
    expect((await runShim(shim, 'qm', ['agent', '100', 'ping'])).stderr).toBe(
      'No QEMU guest agent configured\n',
    );
    expect((await runShim(shim, 'qm', ['guest', 'exec', '102', '--', 'whoami'])).stderr).toBe(
      'QEMU guest agent is not running\n',
    );
  });

  it('takes, refuses to duplicate and rolls back snapshots; destroy frees the zvols', async () => {
    shim = makeShimEnv({ state: hostState() });
    await runShim(shim, 'qm', ['create', '100', '--scsi0', 'local-zfs:8']);
    expect((await runShim(shim, 'qm', ['snapshot', '100', 'before_gpu'])).code).toBe(0);
    expect((await runShim(shim, 'qm', ['snapshot', '100', 'before_gpu'])).stderr).toBe(
      "snapshot name 'before_gpu' already used\n",
    );
    expect((await runShim(shim, 'qm', ['rollback', '100', 'nope'])).stderr).toBe(
      "snapshot 'nope' does not exist\n",
    );
    expect((await runShim(shim, 'qm', ['rollback', '100', 'before_gpu'])).code).toBe(0);
    expect((await runShim(shim, 'qm', ['destroy', '100'])).code).toBe(0);
    expect(shim.state('guests')).toEqual([]);
    expect((shim.state('zfs') as { datasets: { name: string }[] }).datasets.map((d) => d.name)).toEqual([
      'rpool',
      'rpool/data',
    ]);
  });
});

describe.skipIf(!sharedAvailable())('pct shim', () => {
  it('creates a NixOS container from a stored template, on a ZFS subvolume, and lists it', async () => {
    shim = makeShimEnv({
      state: hostState({
        templates: { available: [], stored: [{ storage: 'local', template: 'nixos-26.05.tar.xz' }] },
      }),
    });
    const r = await runShim(shim, 'pct', [
      'create',
      '101',
      'local:vztmpl/nixos-26.05.tar.xz',
      '--hostname',
      'nixos',
      '--ostype',
      'nixos',
      '--unprivileged',
      '1',
      '--features',
      'nesting=1',
      '--net0',
      'name=eth0,bridge=vmbr0,ip=dhcp',
      '--rootfs',
      'local-zfs:8',
      '--password',
      'hunter22',
    ]);
    expect(r).toEqual({
      code: 0,
      stdout:
        "extracting archive '/var/lib/vz/template/cache/nixos-26.05.tar.xz'\nTotal bytes read: 536870912 (512MiB, 256MiB/s)\nDetected container architecture: amd64\n",
      stderr: '',
    });
    const [ct] = shim.state('guests') as Guest[];
    expect(ct?.config).toMatchObject({
      rootfs: 'local-zfs:subvol-101-disk-0,size=8G',
      ostype: 'nixos',
      features: 'nesting=1',
    });
    expect(JSON.stringify(shim.state('guests'))).not.toContain('hunter22');
    expect((await runShim(shim, 'pct', ['list'])).stdout).toBe(
      'VMID       Status     Lock         Name                \n101        stopped                 nixos               \n',
    );
  });

  it('refuses a template that is not on the storage, and runs scripted commands in a running container', async () => {
    shim = makeShimEnv({
      state: hostState({
        guests: [{ vmid: 101, kind: 'lxc', name: 'nixos', status: 'running', config: {} }],
        agent: {
          '101': {
            commands: [
              { argv: ['nixos-version'], 'out-data': '26.05 (Yarara)\n' },
              { exitcode: 1, 'err-data': 'no such command\n' },
            ],
          },
        },
      }),
    });
    expect(await runShim(shim, 'pct', ['create', '102', 'local:vztmpl/missing.tar.xz'])).toMatchObject({
      code: 255,
      stderr: "unable to create CT 102 - volume 'local:vztmpl/missing.tar.xz' does not exist\n",
    });
    expect(await runShim(shim, 'pct', ['exec', '101', '--', 'nixos-version'])).toEqual({
      code: 0,
      stdout: '26.05 (Yarara)\n',
      stderr: '',
    });
    expect(await runShim(shim, 'pct', ['exec', '101', '--', 'frob'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'no such command\n',
    });
    expect((await runShim(shim, 'pct', ['status', '101'])).stdout).toBe('status: running\n');
  });
});
