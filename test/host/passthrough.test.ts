import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/host/detect';
import { parseIommuGroups } from '../../src/host/iommu';
import { findGpus, findUsbControllers } from '../../src/host/passthrough';
import type { PciDevice } from '../../src/host/types';
import { machineWarnings } from '../../src/host/warnings';

function dev(
  address: string,
  cls: string,
  vendorDevice = '1234:5678',
  name = `device ${address}`,
): PciDevice {
  const [vendor, device] = vendorDevice.split(':') as [string, string];
  return {
    address,
    class: cls,
    className: '',
    vendor,
    device,
    name,
    subsystem: null,
    driver: null,
    modules: [],
    iommuGroup: null,
  };
}

const groups = (g: Record<number, string[]>) =>
  parseIommuGroups(Object.entries(g).map(([group, devices]) => ({ group, devices })));

describe('GPU isolation (DESIGN.md §3)', () => {
  const pci = [
    dev('0000:00:01.0', '0604'),
    dev('0000:00:14.0', '0c03', '8086:a2af'),
    dev('0000:01:00.0', '0300', '10de:2504'),
    dev('0000:01:00.1', '0403', '10de:228e'),
    dev('0000:02:00.0', '0300', '10de:2504'),
    dev('0000:02:00.1', '0403', '10de:228e'),
    dev('0000:02:00.2', '0c03', '10de:1aec'),
    dev('0000:02:00.3', '0c80', '10de:1aed'),
  ];
  it('bridges in the group do not break isolation; all functions at bus:device belong to the GPU', () => {
    const [a] = findGpus(pci, groups({ 2: ['0000:00:01.0', '0000:01:00.0', '0000:01:00.1'] }), new Map());
    expect(a).toEqual({
      address: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      iommuGroup: 2,
      isolated: true,
      sharedWith: [],
      vfioIds: ['10de:2504', '10de:228e'],
      bootVga: null,
    });
  });
  it('anything else in one of its groups makes it shared, listed in address order', () => {
    const g = groups({
      2: ['0000:01:00.0', '0000:01:00.1', '0000:00:14.0'],
      5: ['0000:02:00.0', '0000:02:00.1', '0000:02:00.2', '0000:02:00.3'],
    });
    const [a, b] = findGpus(pci, g, new Map([['0000:02:00.0', true]]));
    expect(a).toMatchObject({ isolated: false, sharedWith: ['0000:00:14.0'] });
    expect(b).toMatchObject({
      isolated: true,
      functions: ['0000:02:00.0', '0000:02:00.1', '0000:02:00.2', '0000:02:00.3'],
      bootVga: true,
    });
    expect(b!.vfioIds).toEqual(['10de:2504', '10de:228e', '10de:1aec', '10de:1aed']);
  });
  it('functions split over groups are isolated when each group holds only them', () => {
    const [a] = findGpus(pci, groups({ 21: ['0000:01:00.0'], 22: ['0000:01:00.1'] }), new Map());
    expect(a).toMatchObject({ iommuGroup: 21, isolated: true });
  });
  it('unknown groups give null verdicts, never a guess', () => {
    expect(findGpus(pci, null, new Map())[0]).toMatchObject({
      iommuGroup: null,
      isolated: null,
      sharedWith: [],
    });
    const partial = findGpus(pci, groups({ 2: ['0000:01:00.0'] }), new Map())[0];
    expect(partial).toMatchObject({ iommuGroup: 2, isolated: null });
  });
  it("a GPU's own USB-C controller is a USB controller whose verdict names the GPU functions", () => {
    const g = groups({
      5: ['0000:02:00.0', '0000:02:00.1', '0000:02:00.2', '0000:02:00.3'],
      3: ['0000:00:14.0'],
    });
    expect(findUsbControllers(pci, g)).toEqual([
      { address: '0000:00:14.0', iommuGroup: 3, isolated: true, sharedWith: [] },
      {
        address: '0000:02:00.2',
        iommuGroup: 5,
        isolated: false,
        sharedWith: ['0000:02:00.0', '0000:02:00.1', '0000:02:00.3'],
      },
    ]);
  });
  it('USB controllers at one bus:device count as one set', () => {
    const usb = [
      dev('0000:09:00.0', '1300'),
      dev('0000:09:00.1', '0c03'),
      dev('0000:09:00.3', '0c03'),
      dev('0000:05:08.0', '0604'),
    ];
    const g = groups({ 22: ['0000:05:08.0', '0000:09:00.0', '0000:09:00.1', '0000:09:00.3'] });
    expect(findUsbControllers(usb, g).map((u) => [u.address, u.isolated, u.sharedWith])).toEqual([
      ['0000:09:00.1', false, ['0000:09:00.0']],
      ['0000:09:00.3', false, ['0000:09:00.0']],
    ]);
  });
});

describe('machine warnings', () => {
  const base = () => emptyReport();
  it('IOMMU off names the firmware setting for the vendor and the missing kernel arguments', () => {
    const r = {
      ...base(),
      cpu: { vendor: 'intel' as const, model: 'x', threads: 4, virtualization: 'vmx' as const },
    };
    r.iommu = { enabled: false, groupCount: 0, kernelArgs: [] };
    r.platform = { kind: 'proxmox', version: '9.1.2', bootloader: 'grub' };
    const [w] = machineWarnings({
      report: r,
      iommuState: 'empty',
      cpuFlagsKnown: true,
      configuredArgs: null,
    });
    expect(w!.code).toBe('iommu-off');
    expect(w!.fix).toContain('VT-d');
    expect(w!.fix).toContain('intel_iommu=on iommu=pt');
    expect(w!.fix).toContain('/etc/default/grub');
    r.iommu.kernelArgs = ['intel_iommu=on', 'iommu=pt'];
    const [again] = machineWarnings({
      report: r,
      iommuState: 'missing',
      cpuFlagsKnown: true,
      configuredArgs: null,
    });
    expect(again!.message).toContain('does not exist');
    expect(again!.fix).toMatch(/already in place, so the IOMMU is off in the firmware/);
  });
  it('AMD hosts are told about SVM and AMD-Vi, and only iommu=pt', () => {
    const r = { ...base(), cpu: { vendor: 'amd' as const, model: 'x', threads: 4, virtualization: null } };
    r.iommu = { enabled: false, groupCount: 0, kernelArgs: [] };
    r.platform = { kind: 'proxmox', version: null, bootloader: 'systemd-boot' };
    const ws = machineWarnings({ report: r, iommuState: 'empty', cpuFlagsKnown: true, configuredArgs: null });
    expect(ws.map((w) => w.code)).toEqual(['iommu-off', 'virtualization-off']);
    expect(ws[0]!.fix).toContain('AMD-Vi');
    expect(ws[0]!.fix).toContain('then iommu=pt are needed');
    expect(ws[0]!.fix).toContain('/etc/kernel/cmdline, run proxmox-boot-tool refresh');
    expect(ws[1]!.fix).toContain('SVM Mode');
  });
  it('no virtualization warning when cpuinfo had no flags to judge by', () => {
    const r = base();
    expect(
      machineWarnings({ report: r, iommuState: 'unreadable', cpuFlagsKnown: false, configuredArgs: null }),
    ).toEqual([]);
  });
  it('same ids, a single GPU, shared groups, pending arguments and sick pools are each flagged', () => {
    const r = base();
    r.iommu = { enabled: true, groupCount: 3, kernelArgs: ['iommu=pt'] };
    r.pci = [dev('0000:01:00.0', '0300', '10de:2504'), dev('0000:02:00.0', '0300', '10de:2504')];
    r.gpus = [
      {
        address: '0000:01:00.0',
        functions: ['0000:01:00.0'],
        iommuGroup: 1,
        isolated: false,
        sharedWith: ['0000:00:14.0'],
        vfioIds: ['10de:2504'],
        bootVga: null,
      },
      {
        address: '0000:02:00.0',
        functions: ['0000:02:00.0'],
        iommuGroup: 2,
        isolated: true,
        sharedWith: [],
        vfioIds: ['10de:2504'],
        bootVga: null,
      },
    ];
    r.zfs = { pools: [{ name: 'tank', health: 'DEGRADED', sizeBytes: 1 }] };
    const codes = machineWarnings({
      report: r,
      iommuState: 'on',
      cpuFlagsKnown: false,
      configuredArgs: ['amd_iommu=on', 'iommu=pt'],
    }).map((w) => w.code);
    expect(codes).toEqual(['gpu-shares-group', 'gpu-same-ids', 'kernel-args-pending', 'zpool-unhealthy']);
    r.gpus = r.gpus.slice(1);
    const single = machineWarnings({
      report: r,
      iommuState: 'on',
      cpuFlagsKnown: false,
      configuredArgs: null,
    });
    expect(single.map((w) => w.code)).toEqual(['single-gpu', 'zpool-unhealthy']);
    expect(single[0]!.message).toContain('0000:02:00.0');
  });
});
