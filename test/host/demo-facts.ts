// The facts of the demo host (test/fixtures/demo-host): the example machine of DESIGN.md §1.
import { expect } from 'vitest';
import { HostReportSchema } from '../../src/host/report-schema';
import type { HostReport } from '../../src/host/types';

export function checkDemoReport(r: HostReport): void {
  expect(HostReportSchema.parse(r)).toEqual(r);
  expect(r.hostname).toBe('pve');
  expect(r.platform).toEqual({ kind: 'proxmox', version: '9.1.2', bootloader: 'systemd-boot' });
  expect(r.cpu).toEqual({
    vendor: 'amd',
    model: 'AMD Ryzen 9 5950X 16-Core Processor',
    threads: 32,
    virtualization: 'svm',
  });
  expect(r.memoryBytes).toBe(131818404 * 1024);
  expect(r.iommu).toEqual({ enabled: true, groupCount: 33, kernelArgs: [] });
  expect(r.gpus).toEqual([
    {
      address: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      iommuGroup: 15,
      isolated: true,
      sharedWith: [],
      vfioIds: ['10de:2504', '10de:228e'],
      bootVga: true,
    },
  ]);
  expect(r.pci.find((d) => d.address === '0000:01:00.0')).toMatchObject({
    name: 'NVIDIA Corporation GA106 [GeForce RTX 3060 Lite Hash Rate]',
    subsystem: '1462:397d',
    driver: 'nouveau',
    modules: ['nvidiafb', 'nouveau'],
  });
  expect(r.usbControllers.find((u) => u.address === '0000:03:00.0')).toEqual({
    address: '0000:03:00.0',
    iommuGroup: 17,
    isolated: true,
    sharedWith: [],
  });
  const nics = r.pci.filter((d) => d.vendor === '8086' && d.device === '15f3');
  expect(nics.map((d) => [d.address, d.driver])).toEqual([
    ['0000:07:00.0', 'igc'],
    ['0000:08:00.0', 'igc'],
  ]);
  expect(r.disks.map((d) => [d.name, d.sizeBytes, d.transport, d.rotational, d.system])).toEqual([
    ['sda', 8001563222016, 'sata', true, false],
    ['sdb', 8001563222016, 'sata', true, false],
    ['sdc', 8001563222016, 'sata', true, false],
    ['sdd', 8001563222016, 'sata', true, false],
    ['nvme0n1', 2000398934016, 'nvme', false, true],
    ['nvme1n1', 2000398934016, 'nvme', false, true],
  ]);
  for (const hdd of r.disks.slice(0, 4))
    expect(hdd).toMatchObject({ holds: [], mounted: [], model: 'WDC WD80EFZZ-68BTXN0' });
  expect(r.disks[0]!.byId).toBe('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e4');
  expect(r.disks[4]).toMatchObject({
    byId: '/dev/disk/by-id/nvme-eui.002538b111b2c3d4',
    model: 'Samsung SSD 980 PRO 2TB',
    serial: 'S6B0NL0T123456',
    holds: ['part:nvme0n1p1', 'part:nvme0n1p2', 'fs:vfat', 'part:nvme0n1p3', 'zfs:rpool'],
  });
  expect(r.zfs).toEqual({ pools: [{ name: 'rpool', health: 'ONLINE', sizeBytes: 1992864825344 }] });
  expect(r.bridges).toEqual(['vmbr0']);
  expect(r.guests).toEqual([]);
  expect(r.warnings.map((w) => w.code)).toEqual(['single-gpu']);
}
