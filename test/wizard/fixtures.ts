// A HostReport of the project's example machine (the demo host of issue 3), variants of it, and answers to edit.
import { type Answers, AnswersSchema } from '../../src/answers/schema';
import type { DiskReport, HostReport, PciDevice } from '../../src/host/types';

const TB2 = 2_000_398_934_016;
const TB8 = 8_001_563_222_016;

function pci(
  address: string,
  cls: string,
  className: string,
  ids: string,
  name: string,
  group: number,
): PciDevice {
  const [vendor = null, device = null] = ids.split(':');
  return {
    address,
    class: cls,
    className,
    vendor,
    device,
    name,
    subsystem: null,
    driver: null,
    modules: null,
    iommuGroup: group,
  };
}

function hdd(n: number, serial: string): DiskReport {
  return {
    name: `sd${'abcd'[n]}`,
    path: `/dev/sd${'abcd'[n]}`,
    byId: `/dev/disk/by-id/ata-ST8000VN004-3CP101_${serial}`,
    sizeBytes: TB8,
    rotational: true,
    transport: 'sata',
    model: 'ST8000VN004-3CP101',
    serial,
    holds: [],
    mounted: [],
    system: false,
  };
}

function nvme(n: number, serial: string): DiskReport {
  return {
    name: `nvme${n}n1`,
    path: `/dev/nvme${n}n1`,
    byId: `/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_${serial}`,
    sizeBytes: TB2,
    rotational: false,
    transport: 'nvme',
    model: 'Samsung SSD 980 PRO 2TB',
    serial,
    holds: [`part:nvme${n}n1p1`, `part:nvme${n}n1p2`, `part:nvme${n}n1p3`, 'zfs:rpool'],
    mounted: n === 0 ? ['/'] : [],
    system: true,
  };
}

export function demoReport(): HostReport {
  return {
    schemaVersion: 1,
    hostname: 'pve',
    platform: { kind: 'proxmox', version: '9.1.1', bootloader: 'systemd-boot' },
    cpu: { vendor: 'amd', model: 'AMD Ryzen 9 5950X 16-Core Processor', threads: 32, virtualization: 'svm' },
    memoryBytes: 137_438_953_472,
    iommu: { enabled: true, groupCount: 32, kernelArgs: ['iommu=pt'] },
    pci: [
      pci(
        '0000:00:01.1',
        '0604',
        'PCI bridge',
        '1022:1483',
        'Advanced Micro Devices, Inc. [AMD] Starship/Matisse GPP Bridge',
        2,
      ),
      pci(
        '0000:01:00.0',
        '0300',
        'VGA compatible controller',
        '10de:2504',
        'NVIDIA Corporation GA106 [GeForce RTX 3060 Lite Hash Rate]',
        14,
      ),
      pci(
        '0000:01:00.1',
        '0403',
        'Audio device',
        '10de:228e',
        'NVIDIA Corporation GA106 High Definition Audio Controller',
        14,
      ),
      pci(
        '0000:03:00.0',
        '0c03',
        'USB controller',
        '1022:149c',
        'Advanced Micro Devices, Inc. [AMD] Matisse USB 3.0 Host Controller',
        20,
      ),
      pci(
        '0000:05:00.0',
        '0200',
        'Ethernet controller',
        '8086:15f3',
        'Intel Corporation Ethernet Controller I225-V',
        22,
      ),
      pci(
        '0000:06:00.0',
        '0200',
        'Ethernet controller',
        '8086:15f3',
        'Intel Corporation Ethernet Controller I225-V',
        23,
      ),
      pci(
        '0000:07:00.0',
        '0108',
        'Non-Volatile memory controller',
        '144d:a80a',
        'Samsung Electronics Co Ltd NVMe SSD Controller PM9A1/PM9A3/980PRO',
        24,
      ),
      pci(
        '0000:08:00.0',
        '0108',
        'Non-Volatile memory controller',
        '144d:a80a',
        'Samsung Electronics Co Ltd NVMe SSD Controller PM9A1/PM9A3/980PRO',
        25,
      ),
      pci(
        '0000:0a:00.3',
        '0c03',
        'USB controller',
        '1022:149c',
        'Advanced Micro Devices, Inc. [AMD] Matisse USB 3.0 Host Controller',
        28,
      ),
    ],
    gpus: [
      {
        address: '0000:01:00.0',
        functions: ['0000:01:00.0', '0000:01:00.1'],
        iommuGroup: 14,
        isolated: true,
        sharedWith: [],
        vfioIds: ['10de:2504', '10de:228e'],
        bootVga: true,
      },
    ],
    usbControllers: [
      { address: '0000:03:00.0', iommuGroup: 20, isolated: true, sharedWith: [] },
      { address: '0000:0a:00.3', iommuGroup: 28, isolated: true, sharedWith: [] },
    ],
    disks: [
      nvme(0, 'S6B0NL0T123456'),
      nvme(1, 'S6B0NL0T654321'),
      hdd(0, 'WSD0A1B1'),
      hdd(1, 'WSD0A1B2'),
      hdd(2, 'WSD0A1B3'),
      hdd(3, 'WSD0A1B4'),
    ],
    zfs: { pools: [{ name: 'rpool', health: 'ONLINE', sizeBytes: 1_990_000_000_000 }] },
    bridges: ['vmbr0'],
    guests: [],
    warnings: [],
  };
}

/** The demo host with its GPU sharing an IOMMU group with a chipset USB controller and a SATA controller. */
export function sharedGroupReport(): HostReport {
  const r = demoReport();
  r.pci.push(
    pci(
      '0000:02:00.0',
      '0c03',
      'USB controller',
      '1022:43d5',
      'Advanced Micro Devices, Inc. [AMD] 400 Series Chipset USB 3.1 xHCI Compliant Host Controller',
      14,
    ),
  );
  r.pci.push(
    pci(
      '0000:02:00.1',
      '0106',
      'SATA controller',
      '1022:43c8',
      'Advanced Micro Devices, Inc. [AMD] 400 Series Chipset SATA Controller',
      14,
    ),
  );
  r.gpus[0] = { ...r.gpus[0]!, isolated: false, sharedWith: ['0000:02:00.0', '0000:02:00.1'] };
  r.usbControllers.push({
    address: '0000:02:00.0',
    iommuGroup: 14,
    isolated: false,
    sharedWith: ['0000:01:00.0', '0000:01:00.1', '0000:02:00.1'],
  });
  return r;
}

/** Two identical RTX 3060 cards (same vendor:device ids). */
export function twoGpuReport(): HostReport {
  const r = demoReport();
  r.pci.push(
    pci(
      '0000:0b:00.0',
      '0300',
      'VGA compatible controller',
      '10de:2504',
      'NVIDIA Corporation GA106 [GeForce RTX 3060 Lite Hash Rate]',
      30,
    ),
  );
  r.pci.push(
    pci(
      '0000:0b:00.1',
      '0403',
      'Audio device',
      '10de:228e',
      'NVIDIA Corporation GA106 High Definition Audio Controller',
      30,
    ),
  );
  r.gpus.push({
    address: '0000:0b:00.0',
    functions: ['0000:0b:00.0', '0000:0b:00.1'],
    iommuGroup: 30,
    isolated: true,
    sharedWith: [],
    vfioIds: ['10de:2504', '10de:228e'],
    bootVga: false,
  });
  return r;
}

/** IOMMU off: no groups visible. */
export function iommuOffReport(vendor: 'amd' | 'intel' = 'amd', kernelArgs: string[] = []): HostReport {
  const r = demoReport();
  r.cpu = {
    ...r.cpu,
    vendor,
    model: vendor === 'intel' ? 'Intel(R) Core(TM) i7-8700' : r.cpu.model,
    virtualization: vendor === 'intel' ? 'vmx' : 'svm',
  };
  r.iommu = { enabled: false, groupCount: 0, kernelArgs };
  r.pci = r.pci.map((d) => ({ ...d, iommuGroup: null }));
  r.gpus = r.gpus.map((g) => ({ ...g, iommuGroup: null, isolated: null }));
  r.usbControllers = r.usbControllers.map((u) => ({ ...u, iommuGroup: null, isolated: null }));
  return r;
}

/** Answers for the demo host, as a fresh wizard would start: valid, with the Machine section still incomplete. */
export function demoAnswers(): Answers {
  const guest = (
    vmid: number,
    name: string,
    cores: number,
    memoryMiB: number,
    diskGiB: number,
    bridge: string,
  ) => ({
    enabled: true,
    vmid,
    name,
    cores,
    memoryMiB,
    diskGiB,
    bridge,
  });
  return AnswersSchema.parse({
    schemaVersion: 1,
    machine: { role: 'proxmox-host', hostname: 'pve', timezone: 'UTC', adminUser: 'admin', sshKeyFiles: [] },
    passthrough: {
      gpu: null,
      functions: [],
      usbControllers: [],
      targetVmid: 101,
      acsOverride: false,
      bindByAddress: false,
    },
    storage: { newPool: null, datasetPool: 'rpool', datasets: ['vm-disks', 'containers', 'backups'] },
    guests: {
      nixosLxc: guest(100, 'nixos-lxc', 2, 2048, 16, 'vmbr0'),
      windowsVm: guest(101, 'windows', 8, 16384, 256, 'vmbr1'),
      nixosVm: guest(102, 'nixos-vm', 4, 8192, 64, 'vmbr0'),
    },
    shells: [],
    messaging: [],
    gaming: [],
    services: [],
    infrastructure: [],
    security: {
      tailscale: { enabled: false, authKeyFile: null },
      infisical: { enabled: false, tokenFile: null },
      sshHardening: true,
      firewall: true,
    },
    maintenance: {
      updateSchedule: 'sun 04:00',
      snapshots: { enabled: true, pools: ['rpool'], keep: { hourly: 24, daily: 7, weekly: 4, monthly: 6 } },
      backup: {
        enabled: true,
        schedule: '03:00',
        storage: 'local',
        keepDaily: 7,
        keepWeekly: 4,
        keepMonthly: 6,
      },
    },
    network: {
      vmbr1: { enabled: true, port: null, address: 'manual', cidr: null, gateway: null },
      vmbr2: { enabled: true, port: null, address: 'manual', cidr: null, gateway: null },
    },
    games: [],
  });
}
