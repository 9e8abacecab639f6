// What nix-mox sets up on a Proxmox host beyond files: the pool, datasets, Proxmox storages, guests, the
// passthrough attachment, the backup job and the timers. Written as /etc/nix-mox/state.json at the end of every
// apply, so the next plan compares against it and a reconfigure runs only what changed.
import { storageIdFor } from './storage-ids';
import type { Answers, GuestConfig } from '../answers/schema';
import type { HostReport } from '../host/types';
import { systemPool } from './machines';
import { maintenanceTimers } from './maintenance';
import type { PassthroughModel } from './passthrough';

export const HOST_STATE_VERSION = 1;

export interface StorageDef {
  id: string;
  type: 'zfspool' | 'dir';
  /** zfspool: the dataset; dir: the directory (the dataset's mountpoint). */
  target: string;
  content: string;
}

export type GuestRole = 'nixosLxc' | 'windowsVm' | 'nixosVm';

export interface GuestDef {
  role: GuestRole;
  vmid: number;
  kind: 'lxc' | 'qemu';
  name: string;
  cores: number;
  memoryMiB: number;
  diskGiB: number;
  bridge: string;
  /** Proxmox storage for the guest's disks. */
  storage: string;
}

export interface BackupJobDef {
  id: string;
  schedule: string;
  storage: string;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export interface HostState {
  schemaVersion: typeof HOST_STATE_VERSION;
  pool: { name: string; layout: 'mirror' | 'raidz1' | 'raidz2'; disks: string[] } | null;
  datasets: string[];
  storages: StorageDef[];
  guests: GuestDef[];
  passthrough: { vmid: number; hostpci: string[] } | null;
  backupJob: BackupJobDef | null;
  timers: string[];
  /** Kernel arguments nix-mox asked for; the next plan removes those no longer wanted (and only those). */
  kernelArgs: string[];
}

export const EMPTY_HOST_STATE: HostState = {
  schemaVersion: HOST_STATE_VERSION,
  pool: null,
  datasets: [],
  storages: [],
  guests: [],
  passthrough: null,
  backupJob: null,
  timers: [],
  kernelArgs: [],
};

export const BACKUP_JOB_ID = 'nix-mox';

function storagesFor(pool: string, datasets: string[]): StorageDef[] {
  const out: StorageDef[] = [];
  if (datasets.includes('vm-disks')) {
    out.push({
      id: storageIdFor(pool, 'vm-disks'),
      type: 'zfspool',
      target: `${pool}/vm-disks`,
      content: 'images',
    });
  }
  if (datasets.includes('containers')) {
    out.push({
      id: storageIdFor(pool, 'containers'),
      type: 'zfspool',
      target: `${pool}/containers`,
      content: 'rootdir',
    });
  }
  if (datasets.includes('backups')) {
    out.push({
      id: storageIdFor(pool, 'backups'),
      type: 'dir',
      target: `/${pool}/backups`,
      content: 'backup',
    });
  }
  return out;
}

/** Where guest disks go: nix-mox's own storages when chosen, else the installer's default storage. */
function guestStorage(kind: 'lxc' | 'qemu', storages: StorageDef[], report: HostReport): string {
  const own = storages.find((s) => s.content === (kind === 'lxc' ? 'rootdir' : 'images'));
  if (own) return own.id;
  return systemPool(report) !== null ? 'local-zfs' : 'local-lvm';
}

function guestDef(
  role: GuestRole,
  kind: 'lxc' | 'qemu',
  g: GuestConfig,
  storages: StorageDef[],
  report: HostReport,
): GuestDef {
  return {
    role,
    vmid: g.vmid,
    kind,
    name: g.name,
    cores: g.cores,
    memoryMiB: g.memoryMiB,
    diskGiB: g.diskGiB,
    bridge: g.bridge,
    storage: guestStorage(kind, storages, report),
  };
}

export function desiredHostState(
  answers: Answers,
  report: HostReport,
  pt: PassthroughModel | null,
): HostState {
  const s = answers.storage;
  const datasets = s.datasetPool ? s.datasets.map((d) => `${s.datasetPool}/${d}`) : [];
  const storages = s.datasetPool ? storagesFor(s.datasetPool, s.datasets) : [];
  const g = answers.guests;
  const guests: GuestDef[] = [];
  if (g.nixosLxc.enabled) guests.push(guestDef('nixosLxc', 'lxc', g.nixosLxc, storages, report));
  if (g.windowsVm.enabled) guests.push(guestDef('windowsVm', 'qemu', g.windowsVm, storages, report));
  if (g.nixosVm.enabled) guests.push(guestDef('nixosVm', 'qemu', g.nixosVm, storages, report));
  const b = answers.maintenance.backup;
  return {
    schemaVersion: HOST_STATE_VERSION,
    pool: s.newPool ? { name: s.newPool.name, layout: s.newPool.layout, disks: [...s.newPool.disks] } : null,
    datasets,
    storages,
    guests,
    passthrough:
      pt && pt.targetVmid !== null && pt.hostpci.length > 0
        ? { vmid: pt.targetVmid, hostpci: pt.hostpci }
        : null,
    backupJob: b.enabled
      ? {
          id: BACKUP_JOB_ID,
          schedule: b.schedule,
          storage: b.storage,
          keepDaily: b.keepDaily,
          keepWeekly: b.keepWeekly,
          keepMonthly: b.keepMonthly,
        }
      : null,
    timers: maintenanceTimers(answers),
    kernelArgs: report.platform.bootloader === 'unknown' ? [] : (pt?.kernelArgs ?? []),
  };
}

export function hostStateJson(state: HostState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** The state recorded by an earlier apply; an unreadable record counts as none (and the plan says so). */
export function parseHostState(text: string | null | undefined): {
  state: HostState;
  problem: string | null;
} {
  if (text === null || text === undefined) return { state: EMPTY_HOST_STATE, problem: null };
  try {
    const v = JSON.parse(text) as Partial<HostState>;
    if (v.schemaVersion !== HOST_STATE_VERSION) throw new Error(`schemaVersion ${String(v.schemaVersion)}`);
    return {
      state: {
        ...EMPTY_HOST_STATE,
        ...v,
        datasets: v.datasets ?? [],
        storages: v.storages ?? [],
        guests: v.guests ?? [],
        timers: v.timers ?? [],
        kernelArgs: v.kernelArgs ?? [],
      } as HostState,
      problem: null,
    };
  } catch (err) {
    return {
      state: EMPTY_HOST_STATE,
      problem: `the record of the last apply could not be read (${(err as Error).message})`,
    };
  }
}
