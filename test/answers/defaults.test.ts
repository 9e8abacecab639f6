import { describe, expect, it } from 'vitest';
import { defaultAnswers, hostLabel } from '../../src/answers/defaults';
import { validateAnswers } from '../../src/answers/validate';
import { demoReport, hdd, nixosDesktop } from './fixtures';

describe('defaults from the demo host', () => {
  const report = demoReport();
  const a = defaultAnswers(report);

  it('are valid answers', () => expect(validateAnswers(a)).toMatchObject({ ok: true }));

  it('propose the isolated GPU with all its functions, and an isolated USB controller, for the Windows VM', () => {
    expect(a.passthrough).toEqual({
      gpu: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      usbControllers: ['0000:03:00.0'],
      targetVmid: a.guests.windowsVm.vmid,
      acsOverride: false,
      bindByAddress: false,
    });
  });

  it('use rpool for the datasets (the NVMe pair already is the boot pool) and the empty HDDs for a new pool', () => {
    expect(a.storage.datasetPool).toBe('rpool');
    expect(a.storage.newPool).toEqual({
      name: 'tank',
      layout: 'raidz2',
      disks: [0, 1, 2, 3].map((n) => `/dev/disk/by-id/ata-ST8000VN004-3CP101_WSD0A1B${n}`),
    });
    expect(a.maintenance.snapshots.pools).toEqual(['rpool', 'tank']);
  });

  it('make this a Proxmox host named after the report, with the three guests on their bridges', () => {
    expect(a.machine.role).toBe('proxmox-host');
    expect(a.machine.hostname).toBe('pve');
    expect(Object.values(a.guests).map((g) => [g.vmid, g.name, g.bridge, g.enabled])).toEqual([
      [100, 'nixos-lxc', 'vmbr0', true],
      [101, 'windows', 'vmbr1', true],
      [102, 'nixos-vm', 'vmbr0', true],
    ]);
    expect(a.guests.windowsVm).toMatchObject({ cores: 8, memoryMiB: 16384 });
  });

  it('snapshot and backup defaults', () => {
    expect(a.maintenance.snapshots).toMatchObject({
      enabled: true,
      keep: { hourly: 24, daily: 7, weekly: 4, monthly: 12 },
    });
    expect(a.maintenance.backup).toEqual({
      enabled: true,
      schedule: '03:00',
      storage: 'local',
      keepDaily: 7,
      keepWeekly: 4,
      keepMonthly: 6,
    });
  });

  it('store no secret and choose no optional apps', () => {
    expect(a.security.tailscale.authKeyFile).toBeNull();
    expect(a.security.infisical.tokenFile).toBeNull();
    expect([a.messaging, a.gaming, a.services, a.infrastructure]).toEqual([[], [], [], []]);
  });
});

describe('defaults follow the report', () => {
  it('VMIDs skip existing guests, and a guest already there with our name and kind keeps its VMID', () => {
    const r = demoReport();
    r.guests = [
      { vmid: 100, kind: 'qemu', name: 'old-vm', status: 'stopped' },
      { vmid: 101, kind: 'lxc', name: 'dns', status: 'running' },
      { vmid: 105, kind: 'qemu', name: 'windows', status: 'running' },
    ];
    const g = defaultAnswers(r).guests;
    expect([g.nixosLxc.vmid, g.windowsVm.vmid, g.nixosVm.vmid]).toEqual([102, 105, 103]);
    expect(defaultAnswers(r).passthrough.targetVmid).toBe(105);
  });

  it('no GPU is proposed when none is isolated', () => {
    const r = demoReport();
    r.gpus = r.gpus.map((g) => ({ ...g, isolated: false, sharedWith: ['0000:02:00.0'] }));
    expect(defaultAnswers(r).passthrough).toMatchObject({ gpu: null, functions: [] });
  });

  it('prefers a GPU that is not the boot display', () => {
    const r = demoReport();
    r.gpus.push({
      ...r.gpus[0]!,
      address: '0000:0b:00.0',
      functions: ['0000:0b:00.0', '0000:0b:00.1'],
      bootVga: false,
    });
    const a = defaultAnswers(r);
    expect(a.passthrough.gpu).toBe('0000:0b:00.0');
    // Two cards with the same ids: ids= cannot tell them apart, so binding goes by address.
    expect(a.passthrough.bindByAddress).toBe(true);
  });

  it('HDDs that hold anything are never proposed; rpool is used only when it is the NVMe boot pool', () => {
    const r = demoReport();
    r.disks = r.disks.map((d) => (d.name === 'sda' ? { ...d, holds: ['part:sda1'] } : d));
    r.disks = r.disks.map((d) => (d.name === 'sdb' ? { ...d, mounted: ['/mnt/old'] } : d));
    const a = defaultAnswers(r);
    expect(a.storage.newPool).toEqual({ name: 'tank', layout: 'mirror', disks: [hdd(2).byId, hdd(3).byId] });

    const noBootPool = demoReport();
    noBootPool.disks = noBootPool.disks.filter((d) => d.transport !== 'nvme');
    noBootPool.zfs = { pools: [] };
    expect(defaultAnswers(noBootPool).storage.datasetPool).toBe('tank');

    const oneHdd = demoReport();
    oneHdd.disks = oneHdd.disks.slice(0, 3);
    expect(defaultAnswers(oneHdd).storage.newPool).toBeNull();
  });

  it('a NixOS machine gets role nixos, no guests, no passthrough, and a cleaned-up hostname', () => {
    const a = defaultAnswers(nixosDesktop());
    expect(a.machine).toMatchObject({ role: 'nixos', hostname: 'gaming-desk' });
    expect(a.guests.windowsVm.enabled).toBe(false);
    expect(a.passthrough.gpu).toBeNull();
    expect(validateAnswers(a).ok).toBe(true);
  });

  it.each([
    ['pve', 'pve'],
    ['PVE-01.example.com', 'pve-01'],
    ['__', 'nix-mox'],
    [null, 'nix-mox'],
    ['a'.repeat(70), 'a'.repeat(63)],
  ])('hostLabel(%j) = %j', (input, label) => expect(hostLabel(input)).toBe(label));
});
