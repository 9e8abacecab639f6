// Which NixOS guests an update reaches, and what the host knows about each: the ZFS datasets of its disks (from
// `pct config`/`qm config` and the storage list) and, for a VM, the address the guest agent reports. Pure parsers.
import type { Answers } from '../answers/schema';
import { nixosMachines } from '../generate/machines';
import type { HostReport } from '../host/types';

export interface StorageInfo {
  storage: string;
  type: string;
  pool?: string;
}

/** `pvesh get /storage --output-format json`. */
export function parseStorages(json: string): StorageInfo[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .filter(
      (s): s is Record<string, unknown> =>
        typeof s === 'object' && s !== null && typeof (s as Record<string, unknown>)['storage'] === 'string',
    )
    .map((s) => ({
      storage: s['storage'] as string,
      type: typeof s['type'] === 'string' ? s['type'] : 'unknown',
      ...(typeof s['pool'] === 'string' ? { pool: s['pool'] } : {}),
    }));
}

const LXC_DISK = /^(rootfs|mp\d+)$/;
const QEMU_DISK = /^((scsi|virtio|sata|ide)\d+|efidisk0|tpmstate0)$/;

/** The volume ids (`storage:volname`) of a guest's disks, from `pct config` or `qm config` output. */
export function diskVolumes(configText: string, kind: 'lxc' | 'qemu'): string[] {
  const out: string[] = [];
  for (const line of configText.split('\n')) {
    const m = /^([a-z0-9]+):\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    const [, key, value] = m;
    if (!(kind === 'lxc' ? LXC_DISK : QEMU_DISK).test(key!)) continue;
    if (/(^|,)media=cdrom(,|$)/.test(value!)) continue;
    const volid = value!.split(',')[0]!.replace(/^file=/, '');
    // `none` (an empty drive) and host paths (bind mounts, passed-through disks) are not Proxmox volumes.
    if (volid === 'none' || volid.startsWith('/') || !volid.includes(':')) continue;
    out.push(volid);
  }
  return out;
}

export interface DatasetAnswer {
  datasets: string[];
  /** Set when any disk is not on a ZFS pool storage: then nothing is snapshotted (half a guest is no restore). */
  reason?: string;
}

export function guestDatasets(
  configText: string,
  kind: 'lxc' | 'qemu',
  storages: StorageInfo[],
): DatasetAnswer {
  const volumes = diskVolumes(configText, kind);
  if (volumes.length === 0)
    return { datasets: [], reason: 'no disk of this guest is a Proxmox volume nix-mox can snapshot' };
  const datasets: string[] = [];
  for (const volid of volumes) {
    const [sid, volname] = [volid.slice(0, volid.indexOf(':')), volid.slice(volid.indexOf(':') + 1)];
    const st = storages.find((s) => s.storage === sid);
    if (!st)
      return {
        datasets: [],
        reason: `disk ${volid} is on storage '${sid}', which the storage list does not show`,
      };
    if (st.type !== 'zfspool' || !st.pool) {
      return {
        datasets: [],
        reason: `disk ${volid} is on storage '${sid}' (${st.type}), not ZFS, so there is no snapshot to fall back on`,
      };
    }
    datasets.push(`${st.pool}/${volname}`);
  }
  return { datasets: [...new Set(datasets)] };
}

/** `qm guest cmd <vmid> network-get-interfaces`: the first IPv4 address that is not loopback, or null. */
export function guestIpv4(json: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(data)) return null;
  for (const iface of data as Record<string, unknown>[]) {
    if (iface['name'] === 'lo') continue;
    const addrs = Array.isArray(iface['ip-addresses'])
      ? (iface['ip-addresses'] as Record<string, unknown>[])
      : [];
    for (const a of addrs) {
      const ip = a['ip-address'];
      if (
        a['ip-address-type'] === 'ipv4' &&
        typeof ip === 'string' &&
        !ip.startsWith('127.') &&
        !ip.startsWith('169.254.')
      )
        return ip;
    }
  }
  return null;
}

export interface Candidate {
  name: string;
  vmid: number;
  kind: 'lxc' | 'vm';
  /** Why it cannot be updated now, before anything is probed. */
  skipReason?: string;
}

/** The NixOS guests the answers describe, matched against the guests that exist on this host. */
export function updateCandidates(answers: Answers, report: HostReport): Candidate[] {
  if (answers.machine.role !== 'proxmox-host') return [];
  const out: Candidate[] = [];
  for (const m of nixosMachines(answers, report)) {
    if (!m.guest || m.kind === 'metal') continue;
    const kind = m.kind;
    const found = report.guests.find(
      (g) => g.vmid === m.guest!.vmid && g.kind === (kind === 'lxc' ? 'lxc' : 'qemu'),
    );
    const what = `${kind === 'lxc' ? 'CT' : 'VM'} ${m.guest.vmid}`;
    const skipReason = !found
      ? `${what} (${m.name}) does not exist on this host yet; run nix-mox apply first`
      : found.status !== 'running'
        ? `${what} (${m.name}) is ${found.status}; start it to update it`
        : undefined;
    out.push({ name: m.name, vmid: m.guest.vmid, kind, ...(skipReason ? { skipReason } : {}) });
  }
  return out;
}
