// Small hand-made report and answers for tests of the hub itself (section tests use the real defaults).
import type { Answers } from '../../src/answers/schema';
import type { HostReport } from '../../src/host/types';

export function sampleReport(over: Partial<HostReport> = {}): HostReport {
  return {
    schemaVersion: 1,
    hostname: 'pve-test',
    platform: { kind: 'proxmox', version: '9.1.2', bootloader: 'systemd-boot' },
    cpu: { vendor: 'amd', model: 'AMD Ryzen 9 5950X 16-Core Processor', threads: 32, virtualization: 'svm' },
    memoryBytes: 137438953472,
    iommu: { enabled: true, groupCount: 30, kernelArgs: ['iommu=pt'] },
    pci: [],
    gpus: [],
    usbControllers: [],
    disks: [],
    zfs: { pools: [] },
    bridges: ['vmbr0'],
    guests: [],
    warnings: [],
    ...over,
  };
}

export function sampleAnswers(): Answers {
  const guest = (vmid: number, name: string, bridge: string) => ({
    enabled: true,
    vmid,
    name,
    cores: 4,
    memoryMiB: 8192,
    diskGiB: 64,
    bridge,
  });
  return {
    schemaVersion: 1,
    machine: {
      role: 'proxmox-host',
      hostname: 'pve-test',
      timezone: 'UTC',
      adminUser: 'admin',
      sshKeyFiles: [],
    },
    passthrough: {
      gpu: null,
      functions: [],
      usbControllers: [],
      targetVmid: null,
      acsOverride: false,
      bindByAddress: false,
    },
    storage: { newPool: null, datasetPool: null, datasets: [] },
    guests: {
      nixosLxc: guest(100, 'nixos-lxc', 'vmbr0'),
      windowsVm: guest(101, 'windows', 'vmbr1'),
      nixosVm: guest(102, 'nixos-vm', 'vmbr0'),
    },
    shells: ['default'],
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
      updateSchedule: 'Sun 04:00',
      snapshots: { enabled: true, pools: [], keep: { hourly: 24, daily: 7, weekly: 4, monthly: 6 } },
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
      vmbr1: { enabled: false, port: null, address: 'manual', cidr: null, gateway: null },
      vmbr2: { enabled: false, port: null, address: 'manual', cidr: null, gateway: null },
    },
    games: [],
  };
}
