// Answers proposed from what detection found (DESIGN.md §3, issue 4). Pure: the same report gives the same answers.
import type { DiskReport, GpuReport, HostReport } from '../host/types';
import { zfsPoolNameProblem } from './fields';
import { ANSWERS_SCHEMA_VERSION, type Answers, DATASETS, type GuestConfig } from './schema';

const MiB = 2 ** 20;
const FALLBACK_HOSTNAME = 'nix-mox';

/** The report's hostname as an RFC 1123 label (lower case, invalid characters turned into -), or a fallback. */
export function hostLabel(name: string | null): string {
  if (!name) return FALLBACK_HOSTNAME;
  const label = (name.split('.')[0] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label || FALLBACK_HOSTNAME;
}

/** The GPU to propose for the Windows VM: isolated, and not the host's boot display when another will do
 * (a Proxmox host runs headless, so its only GPU is still proposed). */
export function proposedGpu(report: HostReport): GpuReport | null {
  const isolated = report.gpus.filter((g) => g.isolated === true);
  return (
    isolated.find((g) => g.bootVga === false) ??
    isolated.find((g) => g.bootVga === null) ??
    isolated[0] ??
    null
  );
}

/** An isolated USB controller that is not part of the proposed GPU (its USB-C function goes with the GPU). */
export function proposedUsbController(report: HostReport, gpu: GpuReport | null): string | null {
  const gpuFunctions = gpu?.functions ?? [];
  const usb = report.usbControllers.find((u) => u.isolated === true && !gpuFunctions.includes(u.address));
  return usb?.address ?? null;
}

const isFree = (d: DiskReport) =>
  !d.system &&
  d.holds.length === 0 &&
  d.mounted.length === 0 &&
  d.byId !== null &&
  d.transport !== 'usb' &&
  d.removable !== true;

/** NVMe disks that hold the boot pool `rpool` (only then is rpool proposed for the datasets). */
export function bootPoolOnNvme(report: HostReport): boolean {
  const members = report.disks.filter((d) => d.holds.includes('zfs:rpool'));
  return members.length >= 2 && members.every((d) => d.system && d.transport === 'nvme');
}

/** Spinning disks that hold nothing at all: partitions, filesystems, pool labels and mounts all rule a disk out. */
export function freeHdds(report: HostReport): DiskReport[] {
  return report.disks.filter((d) => d.rotational === true && isFree(d));
}

export function layoutFor(count: number): 'mirror' | 'raidz1' | 'raidz2' {
  if (count >= 4) return 'raidz2';
  if (count === 3) return 'raidz1';
  return 'mirror';
}

function newPoolName(report: HostReport): string {
  const taken = new Set((report.zfs?.pools ?? []).map((p) => p.name));
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'tank' : `tank${i}`;
    if (!taken.has(name) && zfsPoolNameProblem(name) === null) return name;
  }
}

export interface GuestIdentity {
  name: string;
  kind: 'qemu' | 'lxc';
}

/** The three guests nix-mox manages, by answers key. */
export const GUEST_IDENTITIES = {
  nixosLxc: { name: 'nixos-lxc', kind: 'lxc' },
  windowsVm: { name: 'windows', kind: 'qemu' },
  nixosVm: { name: 'nixos-vm', kind: 'qemu' },
} as const satisfies Record<string, GuestIdentity>;

/** VMIDs from 100 up that no existing guest uses; a guest already there with our name and kind keeps its VMID. */
export function proposedVmids(report: HostReport, guests: GuestIdentity[]): number[] {
  const used = new Set(report.guests.map((g) => g.vmid));
  const chosen: number[] = [];
  let next = 100;
  for (const { name, kind } of guests) {
    const mine = report.guests.find((g) => g.name === name && g.kind === kind && !chosen.includes(g.vmid));
    if (mine) {
      chosen.push(mine.vmid);
      continue;
    }
    while (used.has(next) || chosen.includes(next)) next++;
    chosen.push(next);
    next++;
  }
  return chosen;
}

function windowsSize(report: HostReport): { cores: number; memoryMiB: number } {
  const threads = report.cpu.threads;
  const cores = threads === null ? 4 : Math.min(8, Math.max(2, Math.floor(threads / 4)));
  const totalMiB = report.memoryBytes === null ? null : Math.floor(report.memoryBytes / MiB);
  const memoryMiB =
    totalMiB === null ? 8192 : Math.max(2048, Math.min(16384, Math.floor(totalMiB / 2 / 1024) * 1024));
  return { cores, memoryMiB };
}

const existingPools = (report: HostReport): string[] =>
  (report.zfs?.pools ?? []).map((p) => p.name).filter((n) => zfsPoolNameProblem(n) === null);

/** Where the datasets go: rpool when the NVMe pair already is the boot pool, else the new pool, else any pool. */
export function datasetPoolFor(report: HostReport, newPool: { name: string } | null): string | null {
  if (bootPoolOnNvme(report)) return 'rpool';
  return newPool?.name ?? existingPools(report)[0] ?? null;
}

/** Every pool there will be: the existing ones and the new one. */
export function snapshotPoolsFor(report: HostReport, newPool: { name: string } | null): string[] {
  return [...existingPools(report), ...(newPool ? [newPool.name] : [])];
}

export function defaultAnswers(report: HostReport): Answers {
  const proxmox = report.platform.kind === 'proxmox';
  const [lxcId = 100, winId = 101, vmId = 102] = proposedVmids(report, [
    GUEST_IDENTITIES.nixosLxc,
    GUEST_IDENTITIES.windowsVm,
    GUEST_IDENTITIES.nixosVm,
  ]);
  const guest = (
    vmid: number,
    name: string,
    bridge: string,
    cores: number,
    memoryMiB: number,
    diskGiB: number,
  ): GuestConfig => ({
    enabled: proxmox,
    vmid,
    name,
    cores,
    memoryMiB,
    diskGiB,
    bridge,
  });
  const win = windowsSize(report);

  const gpu = proxmox ? proposedGpu(report) : null;
  const usb = proxmox ? proposedUsbController(report, gpu) : null;
  const identicalGpu =
    gpu !== null &&
    report.gpus.some((g) => g.address !== gpu.address && g.vfioIds.some((id) => gpu.vfioIds.includes(id)));

  const hdds = proxmox ? freeHdds(report) : [];
  const newPool =
    hdds.length >= 2
      ? {
          name: newPoolName(report),
          layout: layoutFor(hdds.length),
          disks: hdds.map((d) => d.byId as string),
        }
      : null;
  const datasetPool = proxmox ? datasetPoolFor(report, newPool) : null;
  const snapshotPools = snapshotPoolsFor(report, newPool);

  return {
    schemaVersion: ANSWERS_SCHEMA_VERSION,
    machine: {
      role: proxmox ? 'proxmox-host' : 'nixos',
      hostname: hostLabel(report.hostname),
      timezone: 'UTC',
      adminUser: 'admin',
      sshKeyFiles: [],
    },
    passthrough: {
      gpu: gpu?.address ?? null,
      functions: gpu ? [...gpu.functions] : [],
      usbControllers: usb ? [usb] : [],
      targetVmid: proxmox ? winId : null,
      acsOverride: false,
      bindByAddress: identicalGpu,
    },
    storage: {
      newPool,
      datasetPool,
      datasets: datasetPool ? [...DATASETS] : [],
    },
    guests: {
      nixosLxc: guest(lxcId, 'nixos-lxc', 'vmbr0', 2, 2048, 16),
      windowsVm: guest(winId, 'windows', 'vmbr1', win.cores, win.memoryMiB, 128),
      nixosVm: guest(vmId, 'nixos-vm', 'vmbr0', 2, 4096, 32),
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
      updateSchedule: 'Sun *-*-* 04:00:00',
      snapshots: {
        enabled: snapshotPools.length > 0,
        pools: snapshotPools,
        keep: { hourly: 24, daily: 7, weekly: 4, monthly: 12 },
      },
      backup: {
        enabled: proxmox,
        schedule: '03:00',
        storage: 'local',
        keepDaily: 7,
        keepWeekly: 4,
        keepMonthly: 6,
      },
    },
    network: {
      vmbr1: { enabled: proxmox, port: null, address: 'manual', cidr: null, gateway: null },
      vmbr2: { enabled: proxmox, port: null, address: 'manual', cidr: null, gateway: null },
    },
    games: [],
  };
}

export { emptyReport } from '../host/empty-report';
