// Finding the targets: which NixOS guests exist and run, the ZFS datasets of their disks, and how a VM is reached
// (SSH at the address its guest agent reports, else the guest agent itself). Then an update through the agent, and
// the pruning of older pre-update snapshots.
import { afterEach, describe, expect, it } from 'vitest';
import { probeTargets } from '../../src/guests/probe';
import { runRollout } from '../../src/guests/rollout';
import {
  diskVolumes,
  guestDatasets,
  guestIpv4,
  parseStorages,
  updateCandidates,
} from '../../src/guests/targets';
import { createHost } from '../../src/host/host';
import { sampleAnswers, sampleReport } from '../helpers/sample';
import { sharedAvailable } from '../helpers/shared';
import { type GuestSpec, dataset, hostState, line, setup } from './fixture';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const storages = parseStorages(
  JSON.stringify([
    { storage: 'local', type: 'dir', path: '/var/lib/vz' },
    { storage: 'local-zfs', type: 'zfspool', pool: 'rpool/data' },
    { storage: 'local-lvm', type: 'lvmthin', vgname: 'pve', thinpool: 'data' },
  ]),
);

describe('reading what the host knows about a guest', () => {
  it("finds the volumes of a guest's disks, leaving out CD-ROMs, empty drives and bind mounts", () => {
    const qm =
      'boot: order=scsi0\nefidisk0: local-zfs:vm-102-disk-1,efitype=4m,size=1M\nide2: local:iso/nixos.iso,media=cdrom,size=1G\nsata1: none,media=cdrom\nscsi0: local-zfs:vm-102-disk-0,iothread=1,size=32G\ntpmstate0: local-zfs:vm-102-disk-2,size=4M,version=v2.0\nunused0: local-zfs:vm-102-disk-9\n';
    expect(diskVolumes(qm, 'qemu')).toEqual([
      'local-zfs:vm-102-disk-1',
      'local-zfs:vm-102-disk-0',
      'local-zfs:vm-102-disk-2',
    ]);
    const pct =
      'arch: amd64\nmp0: /tank/shared,mp=/srv/shared\nmp1: local-zfs:subvol-101-disk-1,mp=/var/lib,size=16G\nrootfs: local-zfs:subvol-101-disk-0,size=8G\n';
    expect(diskVolumes(pct, 'lxc')).toEqual(['local-zfs:subvol-101-disk-1', 'local-zfs:subvol-101-disk-0']);
  });

  it('maps volumes on a ZFS pool storage to datasets, and refuses half a guest when one disk is elsewhere', () => {
    expect(guestDatasets('rootfs: local-zfs:subvol-101-disk-0,size=8G\n', 'lxc', storages)).toEqual({
      datasets: ['rpool/data/subvol-101-disk-0'],
    });
    expect(
      guestDatasets(
        'scsi0: local-zfs:vm-102-disk-0,size=32G\nscsi1: local-lvm:vm-102-disk-1,size=100G\n',
        'qemu',
        storages,
      ),
    ).toEqual({
      datasets: [],
      reason:
        "disk local-lvm:vm-102-disk-1 is on storage 'local-lvm' (lvmthin), not ZFS, so there is no snapshot to fall back on",
    });
  });

  it('takes the first IPv4 address the guest agent reports that is not loopback or link-local', () => {
    const nics = [
      { name: 'lo', 'ip-addresses': [{ 'ip-address-type': 'ipv4', 'ip-address': '127.0.0.1', prefix: 8 }] },
      {
        name: 'ens18',
        'hardware-address': 'bc:24:11:aa:bb:cc',
        'ip-addresses': [
          { 'ip-address-type': 'ipv6', 'ip-address': 'fe80::be24:11ff:feaa:bbcc', prefix: 64 },
          { 'ip-address-type': 'ipv4', 'ip-address': '192.168.1.50', prefix: 24 },
        ],
      },
    ];
    expect(guestIpv4(JSON.stringify(nics))).toBe('192.168.1.50');
    expect(guestIpv4('not json')).toBeNull();
  });

  it('lists the NixOS guests of the answers that exist, and says why a missing or stopped one is skipped', () => {
    const answers = sampleAnswers();
    const report = sampleReport({
      guests: [
        { vmid: 100, kind: 'lxc', name: 'nixos-lxc', status: 'running' },
        { vmid: 102, kind: 'qemu', name: 'nixos-vm', status: 'stopped' },
      ],
    });
    expect(updateCandidates(answers, report)).toEqual([
      { name: 'nixos-lxc', vmid: 100, kind: 'lxc' },
      {
        name: 'nixos-vm',
        vmid: 102,
        kind: 'vm',
        skipReason: 'VM 102 (nixos-vm) is stopped; start it to update it',
      },
    ]);
    expect(updateCandidates(answers, sampleReport())[0]!.skipReason).toBe(
      'CT 100 (nixos-lxc) does not exist on this host yet; run nix-mox apply first',
    );
  });
});

describe.skipIf(!sharedAvailable())('probing and updating through the shims', () => {
  const lxc: GuestSpec = { name: 'nixos-lxc', vmid: 100, kind: 'lxc' };
  const vm: GuestSpec = { name: 'nixos-vm', vmid: 102, kind: 'vm', address: '192.168.1.50' };

  it('reaches the container with pct and the VM over SSH at the address its agent reports; the agent when SSH fails', async () => {
    const s = setup([lxc, vm]);
    cleanups.push(s.shim.cleanup);
    const agent = s.shim.state('agent') as Record<string, Record<string, unknown>>;
    agent['102']!['results'] = {
      ping: {},
      'network-get-interfaces': [
        {
          name: 'ens18',
          'ip-addresses': [{ 'ip-address-type': 'ipv4', 'ip-address': '192.168.1.50', prefix: 24 }],
        },
      ],
    };
    s.shim.writeState('agent', agent);
    const answers = sampleAnswers();
    const report = sampleReport({
      guests: [
        { vmid: 100, kind: 'lxc', name: 'nixos-lxc', status: 'running' },
        { vmid: 102, kind: 'qemu', name: 'nixos-vm', status: 'running' },
      ],
    });
    const host = createHost('/', { ...process.env, ...s.env });
    const targets = await probeTargets(answers, report, host);
    expect(targets).toEqual([
      {
        name: 'nixos-lxc',
        vmid: 100,
        kind: 'lxc',
        transport: { kind: 'pct', vmid: 100 },
        datasets: [dataset(lxc)],
      },
      {
        name: 'nixos-vm',
        vmid: 102,
        kind: 'vm',
        transport: { kind: 'ssh', destination: 'root@192.168.1.50' },
        datasets: [dataset(vm)],
      },
    ]);
    // The VM's network is down: SSH cannot reach it, its agent still answers.
    const model = s.shim.state('nixos-guests') as Record<
      string,
      { generations: { id: number; unreachable?: boolean }[] }
    >;
    for (const g of model['nixos-vm']!.generations) g.unreachable = true;
    s.shim.writeState('nixos-guests', model);
    const again = await probeTargets(answers, report, host);
    expect(again[1]!.transport).toEqual({ kind: 'agent', vmid: 102, node: 'localhost' });
  });

  it('updates a VM through its guest agent: commands by qm guest exec, the flake by file-write, exit codes from the JSON', async () => {
    const viaAgent: GuestSpec = { ...vm, via: 'agent' };
    const s = setup([viaAgent]);
    cleanups.push(s.shim.cleanup);
    const result = await runRollout(
      s.targets,
      s.settings,
      {
        strategy: 'auto',
        colmenaOnPath: false,
        logDir: s.logDir,
        env: s.env,
        asRoot: true,
        sleep: async () => {},
        answerTries: 1,
        answerDelayMs: 0,
      },
      () => {},
    );
    expect(result.outcomes[0]).toMatchObject({ status: 'updated' });
    const calls = s.shim.calls().map(line);
    expect(calls[0]).toBe('qm guest exec 102 --timeout 0 -- true');
    const write = s.shim.calls().find((c) => c.cmd === 'pvesh')!;
    expect(write.argv.slice(0, 5)).toEqual([
      'create',
      '/nodes/localhost/qemu/102/agent/file-write',
      '--file',
      '/tmp/nix-mox-flake.tar.gz',
      '--content',
    ]);
    expect(write.argv.slice(6)).toEqual(['--encode', '0']);
    expect(Buffer.from(write.argv[5]!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(calls).toContain(
      'qm guest exec 102 --timeout 0 -- nixos-rebuild switch --flake /etc/nix-mox/flake#nixos-vm',
    );
    // The base64 flake stays out of the step's log.
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(result.outcomes[0]!.logPaths['nixos-vm.push']!, 'utf8')).not.toContain(
      write.argv[5]!.slice(0, 40),
    );
  });

  it('fails a step through the agent when the guest command fails, though qm itself exits 0', async () => {
    const bad: GuestSpec = {
      ...vm,
      via: 'agent',
      faults: { dryBuild: { code: 1, stderr: 'error: infinite recursion encountered\n' } },
    };
    const s = setup([bad]);
    cleanups.push(s.shim.cleanup);
    const result = await runRollout(
      s.targets,
      s.settings,
      {
        strategy: 'auto',
        colmenaOnPath: false,
        logDir: s.logDir,
        env: s.env,
        asRoot: true,
        sleep: async () => {},
        answerTries: 1,
        answerDelayMs: 0,
      },
      () => {},
    );
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', failedStepId: 'nixos-vm.dry-build' });
    expect(result.outcomes[0]!.reason).toContain('error: infinite recursion encountered');
  });

  it('keeps only the newest pre-update snapshots after a good update, and never touches other snapshots', async () => {
    const s = setup([lxc]);
    cleanups.push(s.shim.cleanup);
    const ds = dataset(lxc);
    const zfs = hostState([lxc]).zfs as { snapshots: { name: string; creation: number }[] };
    zfs.snapshots = [
      { name: `${ds}@nix-mox_pre-update_2026-01-01T04:00`, creation: 1767240000 },
      { name: `${ds}@nix-mox_daily_2026-01-02T03:00`, creation: 1767322800 },
      { name: `${ds}@nix-mox_pre-update_2026-02-01T04:00`, creation: 1769918400 },
      { name: `${ds}@manual-before-upgrade`, creation: 1770000000 },
      { name: `${ds}@nix-mox_pre-update_2026-03-01T04:00`, creation: 1772337600 },
    ];
    s.shim.writeState('zfs', zfs);
    const result = await runRollout(
      s.targets,
      { ...s.settings, snapshotKeep: 2 },
      {
        strategy: 'auto',
        colmenaOnPath: false,
        logDir: s.logDir,
        env: s.env,
        asRoot: true,
        sleep: async () => {},
        answerTries: 1,
        answerDelayMs: 0,
      },
      () => {},
    );
    expect(result.outcomes[0]!.reason).toContain('2 older pre-update snapshot(s) pruned (keeping 2)');
    expect(s.shim.calls().map(line)).toContain(
      `zfs destroy ${ds}@nix-mox_pre-update_2026-01-01T04:00,nix-mox_pre-update_2026-02-01T04:00`,
    );
    expect(
      (s.shim.state('zfs') as { snapshots: { name: string }[] }).snapshots.map((x) => x.name.split('@')[1]),
    ).toEqual([
      'nix-mox_daily_2026-01-02T03:00',
      'manual-before-upgrade',
      'nix-mox_pre-update_2026-03-01T04:00',
      'nix-mox_pre-update_2026-05-20T04:00',
    ]);
  });
});
