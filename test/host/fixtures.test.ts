// Acceptance 1: every real capture through the live detection code (createHost + detect, shims on PATH, the
// IOMMU listing as a sysfs tree under --root), with the facts SOURCES.md lists for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host';
import { parseLsblk } from '../../src/host/disks';
import { probeIommu } from '../../src/host/probes';
import { parseHumanSize } from '../../src/host/sizes';
import { fixture, sharedAvailable } from '../helpers/shared';
import { captureRun, detectCapture } from './capture-env';
import { allCases } from './fixture-facts';

describe.skipIf(!sharedAvailable())('real hardware captures (../shared/fixtures)', () => {
  for (const c of allCases) {
    it(c.name, async () => {
      c.check(await detectCapture(c.spec));
    });
  }

  it('iommu/03 (find -type l): group membership read from the sysfs tree', async () => {
    const run = captureRun({ iommu: 'iommu/03-asokolsky-fuji-proxmox-find-type-l.txt' });
    try {
      const { value } = await probeIommu(createHost(run.root, run.env));
      const m = (g: number) => value.groups!.members.get(g)!.map((a) => a.slice(5));
      expect(value.state).toBe('on');
      expect(value.groups!.count).toBe(14);
      expect([...value.groups!.members.values()].flat()).toHaveLength(21);
      expect(m(1)).toEqual(['00:01.0', '01:00.0']);
      expect(m(2)).toEqual(['00:14.0', '00:14.2']);
      expect(m(3)).toEqual(['00:16.0', '00:16.1']);
      expect(m(9)).toEqual(['00:1f.0', '00:1f.2', '00:1f.4']);
      expect(m(10)).toEqual(['02:00.0', '02:00.1']);
      expect(m(13)).toEqual(['05:00.0', '05:00.1']);
      const singles = {
        0: '00:00.0',
        4: '00:17.0',
        5: '00:1c.0',
        6: '00:1c.5',
        7: '00:1c.6',
        8: '00:1c.7',
        11: '03:00.0',
        12: '04:00.0',
      };
      for (const [g, a] of Object.entries(singles)) expect(m(Number(g))).toEqual([a]);
    } finally {
      run.cleanup();
    }
  });

  it('lsblk/01: partition sizes, and the thin pool printed twice is one device', () => {
    const { nodes } = parseLsblk(
      readFileSync(fixture('lsblk/01-asokolsky-suprox-proxmox-nvme-lvmthin.txt'), 'utf8'),
    );
    const disk = nodes[0]!;
    expect(nodes).toHaveLength(1);
    expect(disk.children.map((c) => [c.name, c.sizeBytes, c.mountpoints])).toEqual([
      ['nvme0n1p1', parseHumanSize('1007K'), []],
      ['nvme0n1p2', parseHumanSize('512M'), ['/boot/efi']],
      ['nvme0n1p3', parseHumanSize('465.3G'), []],
    ]);
    const pv = disk.children[2]!;
    expect(pv.children.map((c) => [c.name, c.type])).toEqual([
      ['pve-swap', 'lvm'],
      ['pve-root', 'lvm'],
      ['pve-data_tmeta', 'lvm'],
      ['pve-data_tdata', 'lvm'],
    ]);
    const tmeta = pv.children[2]!;
    const tdata = pv.children[3]!;
    expect(tmeta.sizeBytes).toBe(parseHumanSize('3.5G'));
    expect(tmeta.children[0]!.name).toBe('pve-data-tpool');
    expect(tdata.children[0]!.name).toBe('pve-data-tpool');
    const thin = tdata.children[0]!.children.map((c) => c.name);
    expect(thin).toEqual([
      'pve-data',
      ...[100, 101, 102, 103, 104, 105].map((n) => `pve-vm--${n}--disk--0`),
      'pve-vm--106--disk--0',
      'pve-vm--106--disk--1',
      ...[107, 108, 109].map((n) => `pve-vm--${n}--disk--0`),
    ]);
    const vm106 = tdata.children[0]!.children.filter((c) => c.name.startsWith('pve-vm--106'));
    expect(vm106.map((c) => c.sizeBytes)).toEqual([parseHumanSize('4M'), parseHumanSize('32G')]);
  });

  it('lsblk/02: partitions inherit the parent WWN; labels and file systems by column', () => {
    const { nodes } = parseLsblk(
      readFileSync(fixture('lsblk/02-asokolsky-nass-truenas-zfs-serial-wwn.txt'), 'utf8'),
    );
    expect(nodes.map((n) => [n.name, n.wwn, n.label, n.fstype])).toEqual([
      ['sda', '0x50014ee260e0f1d2', 'tank', 'zfs_member'],
      ['sdb', '0x5000cca0c3ed20c4', 'tank', 'zfs_member'],
      ['sdc', '0x50014ee2beea769c', 'tank', 'zfs_member'],
      ['sdd', '0x50014ee2143f42b0', 'tank', 'zfs_member'],
      ['sde', '0x5000c500c6881e0b', 'tank', 'zfs_member'],
      ['sdf', '0x515d91120b000037', null, null],
    ]);
    expect(nodes[5]!.children.map((c) => [c.name, c.sizeBytes, c.wwn, c.label, c.fstype])).toEqual([
      ['sdf1', parseHumanSize('260M'), '0x515d91120b000037', null, 'vfat'],
      ['sdf2', parseHumanSize('29.2G'), '0x515d91120b000037', 'boot-pool', 'zfs_member'],
    ]);
  });

  it('lsblk/03 and lsblk/07: partition sizes and what the LUKS/LVM stack is made of', () => {
    const l3 = parseLsblk(
      readFileSync(fixture('lsblk/03-asokolsky-latitude7490-usb-flash-nvme.txt'), 'utf8'),
    ).nodes;
    expect(l3[0]!.children.map((c) => [c.name, c.sizeBytes, c.removable])).toEqual([
      ['sda1', parseHumanSize('212K'), true],
      ['sda2', parseHumanSize('2.8M'), true],
      ['sda3', parseHumanSize('1001M'), true],
      ['sda4', parseHumanSize('300K'), true],
    ]);
    const [nvme] = parseLsblk(
      readFileSync(fixture('lsblk/07-calico88x-jasperlake-nvme-luks-lvm-columns.txt'), 'utf8'),
    ).nodes;
    const [p1, p2] = nvme!.children;
    expect([p1!.path, p1!.fstype, p1!.sizeBytes, p1!.mountpoints]).toEqual([
      '/dev/nvme0n1p1',
      'vfat',
      parseHumanSize('1G'),
      ['/boot'],
    ]);
    expect([p2!.fstype, p2!.sizeBytes]).toEqual(['crypto_LUKS', parseHumanSize('475.9G')]);
    const crypt = p2!.children[0]!;
    expect([crypt.name, crypt.type, crypt.path, crypt.fstype]).toEqual([
      'NovaVG',
      'crypt',
      '/dev/mapper/NovaVG',
      'LVM2_member',
    ]);
    expect(crypt.children.map((c) => [c.name, c.type, c.fstype, c.sizeBytes, c.mountpoints])).toEqual([
      ['NovaVG-swap', 'lvm', 'swap', parseHumanSize('8G'), ['[SWAP]']],
      ['NovaVG-root', 'lvm', 'ext4', parseHumanSize('32G'), ['/']],
      ['NovaVG-home', 'lvm', 'ext4', parseHumanSize('435.9G'), ['/home']],
    ]);
  });

  it('lsblk/05: the eight loop devices are read but are not disks', () => {
    const { nodes } = parseLsblk(readFileSync(fixture('lsblk/05-qkzk-desktop-nvme-sata-luks.json'), 'utf8'));
    expect(nodes.filter((n) => n.name.startsWith('loop'))).toHaveLength(8);
    expect(nodes.find((n) => n.name === 'loop0')!.fstype).toBe('iso9660');
  });
});
