// A HostReport of the project's example machine (issue 3's demo host) and variants, for the answers tests.
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

export function hdd(n: number, over: Partial<DiskReport> = {}): DiskReport {
  const letter = 'abcdefgh'[n] ?? 'z';
  return {
    name: `sd${letter}`,
    path: `/dev/sd${letter}`,
    byId: `/dev/disk/by-id/ata-ST8000VN004-3CP101_WSD0A1B${n}`,
    sizeBytes: TB8,
    rotational: true,
    transport: 'sata',
    model: 'ST8000VN004-3CP101',
    serial: `WSD0A1B${n}`,
    holds: [],
    mounted: [],
    system: false,
    ...over,
  };
}

function nvme(n: number): DiskReport {
  return {
    name: `nvme${n}n1`,
    path: `/dev/nvme${n}n1`,
    byId: `/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T12345${n}`,
    sizeBytes: TB2,
    rotational: false,
    transport: 'nvme',
    model: 'Samsung SSD 980 PRO 2TB',
    serial: `S6B0NL0T12345${n}`,
    holds: [`part:nvme${n}n1p1`, `part:nvme${n}n1p2`, `part:nvme${n}n1p3`, 'zfs:rpool'],
    mounted: n === 0 ? ['/'] : [],
    system: true,
  };
}

/** Ryzen 9 5950X, 128 GB, 2x NVMe rpool (boot), 4x 8 TB HDD, RTX 3060 at 01:00.0 (+ audio), USB controller 03:00.0. */
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
      pci('0000:03:00.0', '0c03', 'USB controller', '1022:149c', 'AMD Matisse USB 3.0 Host Controller', 20),
      pci('0000:0a:00.3', '0c03', 'USB controller', '1022:149c', 'AMD Matisse USB 3.0 Host Controller', 28),
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
    disks: [nvme(0), nvme(1), hdd(0), hdd(1), hdd(2), hdd(3)],
    zfs: { pools: [{ name: 'rpool', health: 'ONLINE', sizeBytes: 1_990_000_000_000 }] },
    bridges: ['vmbr0'],
    guests: [],
    warnings: [],
  };
}

/** A NixOS desktop (not Proxmox) with one NVIDIA card of the given device id, no ZFS. */
export function nixosDesktop(nvidiaDevice = '2504'): HostReport {
  const r = demoReport();
  r.hostname = 'Gaming_Desk.local';
  r.platform = { kind: 'nixos', version: '26.05', bootloader: 'systemd-boot' };
  r.pci[0] = { ...r.pci[0]!, device: nvidiaDevice };
  r.zfs = null;
  r.disks = [];
  return r;
}
