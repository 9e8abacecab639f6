// `pvesh get /cluster/resources --output-format json` (every node, guest and storage of the cluster, from any node)
// and `pvesh get /cluster/backup --output-format json` (the cluster-wide backup jobs). Unknown entries are skipped.

export interface NodeResource {
  node: string;
  online: boolean;
  cpu: number | null;
  maxcpu: number | null;
  mem: number | null;
  maxmem: number | null;
  uptime: number | null;
}

export interface GuestResource {
  vmid: number;
  kind: 'qemu' | 'lxc';
  name: string;
  node: string;
  status: string;
  template: boolean;
}

export interface StorageResource {
  storage: string;
  node: string;
  type: string;
  shared: boolean;
  used: number | null;
  total: number | null;
}

export interface ClusterResources {
  nodes: NodeResource[];
  guests: GuestResource[];
  storages: StorageResource[];
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

function jsonArray(text: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(data)
    ? data.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    : [];
}

export function parseClusterResources(text: string): ClusterResources {
  const out: ClusterResources = { nodes: [], guests: [], storages: [] };
  for (const r of jsonArray(text)) {
    const type = s(r['type']);
    if (type === 'node' && s(r['node'])) {
      out.nodes.push({
        node: s(r['node']),
        online: r['status'] === 'online',
        cpu: n(r['cpu']),
        maxcpu: n(r['maxcpu']),
        mem: n(r['mem']),
        maxmem: n(r['maxmem']),
        uptime: n(r['uptime']),
      });
    } else if ((type === 'qemu' || type === 'lxc') && n(r['vmid']) !== null) {
      out.guests.push({
        vmid: n(r['vmid'])!,
        kind: type,
        name: s(r['name']) || `${type === 'qemu' ? 'VM' : 'CT'} ${n(r['vmid'])}`,
        node: s(r['node']),
        status: s(r['status']) || 'unknown',
        template: r['template'] === 1 || r['template'] === true,
      });
    } else if (type === 'storage' && s(r['storage'])) {
      out.storages.push({
        storage: s(r['storage']),
        node: s(r['node']),
        type: s(r['plugintype']),
        shared: r['shared'] === 1 || r['shared'] === true,
        used: n(r['disk']),
        total: n(r['maxdisk']),
      });
    }
  }
  out.nodes.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  out.guests.sort((a, b) => a.vmid - b.vmid);
  return out;
}

export interface BackupJob {
  id: string;
  enabled: boolean;
  schedule: string;
  storage: string;
  /** `all` for every guest (minus `exclude`), else the listed VMIDs; `pool` for a resource pool. */
  selection:
    | { kind: 'all'; exclude: number[] }
    | { kind: 'vmids'; vmids: number[] }
    | { kind: 'pool'; pool: string };
  /** The job runs only on this node (`node` property), else on every node for its own guests. */
  node: string | null;
  mode: string;
}

const ids = (v: unknown): number[] =>
  String(v ?? '')
    .split(/[,;\s]+/)
    .filter((x) => /^\d+$/.test(x))
    .map(Number);

export function parseBackupJobs(text: string): BackupJob[] {
  return jsonArray(text)
    .filter((j) => s(j['id']) && (j['type'] === undefined || j['type'] === 'vzdump'))
    .map((j) => ({
      id: s(j['id']),
      enabled: j['enabled'] !== 0 && j['enabled'] !== false,
      schedule: s(j['schedule']) || s(j['starttime']),
      storage: s(j['storage']) || 'local',
      selection:
        j['all'] === 1 || j['all'] === true
          ? { kind: 'all' as const, exclude: ids(j['exclude']) }
          : s(j['pool'])
            ? { kind: 'pool' as const, pool: s(j['pool']) }
            : { kind: 'vmids' as const, vmids: ids(j['vmid']) },
      node: s(j['node']) || null,
      mode: s(j['mode']) || 'snapshot',
    }));
}
