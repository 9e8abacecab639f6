// One fleet from a Proxmox cluster (or a single node): every node with its guests, and the cluster-wide backup jobs
// with the guests each one covers, so the hub can show what no job backs up. Pure.
import type { ClusterStatus } from './pvecm';
import type { BackupJob, ClusterResources, GuestResource } from './resources';

export interface FleetNode {
  name: string;
  online: boolean;
  /** This is the node nix-mox runs on. */
  local: boolean;
  guests: GuestResource[];
}

export interface FleetJob extends BackupJob {
  /** Guests this job backs up now. */
  covers: GuestResource[];
  /** VMIDs the job names that do not exist (deleted guests). */
  missing: number[];
}

export interface Fleet {
  /** null on a node that is not in a cluster. */
  cluster: {
    name: string;
    quorate: boolean;
    nodes: number;
    expectedVotes: number | null;
    totalVotes: number | null;
  } | null;
  nodes: FleetNode[];
  guests: GuestResource[];
  jobs: FleetJob[];
  /** Guests (not templates) that no enabled job backs up. */
  unprotected: GuestResource[];
}

function covers(job: BackupJob, g: GuestResource): boolean {
  if (job.node && job.node !== g.node) return false;
  switch (job.selection.kind) {
    case 'all':
      return !job.selection.exclude.includes(g.vmid);
    case 'vmids':
      return job.selection.vmids.includes(g.vmid);
    case 'pool':
      // Pool membership is not in /cluster/resources without the pool column; counted as not covered.
      return false;
  }
}

export function buildFleet(input: {
  status: ClusterStatus | null;
  resources: ClusterResources;
  jobs: BackupJob[];
  localNode: string | null;
}): Fleet {
  const { status, resources, jobs, localNode } = input;
  const guests = resources.guests;
  const nodeNames = new Set([
    ...resources.nodes.map((x) => x.node),
    ...guests.map((g) => g.node).filter(Boolean),
  ]);
  const nodes: FleetNode[] = [...nodeNames].sort().map((name) => {
    const r = resources.nodes.find((x) => x.node === name);
    return {
      name,
      online: r?.online ?? false,
      local: name === localNode,
      guests: guests.filter((g) => g.node === name),
    };
  });
  const fleetJobs: FleetJob[] = jobs.map((j) => ({
    ...j,
    covers: guests.filter((g) => !g.template && covers(j, g)),
    missing:
      j.selection.kind === 'vmids'
        ? j.selection.vmids.filter((id) => !guests.some((g) => g.vmid === id))
        : [],
  }));
  const unprotected = guests.filter(
    (g) => !g.template && !fleetJobs.some((j) => j.enabled && j.covers.includes(g)),
  );
  return {
    cluster: status
      ? {
          name: status.name,
          quorate: status.quorate,
          nodes: status.nodes ?? nodes.length,
          expectedVotes: status.expectedVotes,
          totalVotes: status.totalVotes,
        }
      : null,
    nodes,
    guests,
    jobs: fleetJobs,
    unprotected,
  };
}

/** One line for the hub. */
export function fleetSummary(f: Fleet): string {
  const where = f.cluster
    ? `cluster ${f.cluster.name}: ${f.nodes.filter((x) => x.online).length}/${f.nodes.length} nodes online${f.cluster.quorate ? '' : ', NOT quorate'}`
    : 'single node';
  const backup =
    f.unprotected.length === 0 ? 'all backed up' : `${f.unprotected.length} not in any backup job`;
  return `${where}, ${f.guests.length} guests, ${f.jobs.length} backup job${f.jobs.length === 1 ? '' : 's'} (${backup})`;
}
