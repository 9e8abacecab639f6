// `pvecm status` (pve-cluster, wrapping corosync-quorumtool): the cluster's name, quorum and members. A node that is
// not in a cluster makes pvecm exit 255 with "Error: Corosync config '/etc/pve/corosync.conf' does not exist - is
// this node part of a cluster?".

export interface ClusterMember {
  nodeid: number;
  votes: number;
  /** What corosync shows in the Name column: the ring address (or name) of the node. */
  address: string;
  local: boolean;
}

export interface ClusterStatus {
  name: string;
  configVersion: number | null;
  nodes: number | null;
  quorate: boolean;
  expectedVotes: number | null;
  totalVotes: number | null;
  members: ClusterMember[];
}

export const NOT_CLUSTERED = /does not exist - is this node part of a cluster\?/;

function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v.trim().split(/\s+/)[0]);
  return Number.isFinite(n) ? n : null;
}

export function parsePvecmStatus(text: string): ClusterStatus | null {
  const fields = new Map<string, string>();
  const members: ClusterMember[] = [];
  let inMembers = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (/^Membership information/.test(line)) {
      inMembers = true;
      continue;
    }
    if (inMembers) {
      const m = /^\s*(0x[0-9a-fA-F]+|\d+)\s+(\d+)\s+(\S+)(\s+\(local\))?\s*$/.exec(line);
      if (m) {
        members.push({
          nodeid: Number(m[1]),
          votes: Number(m[2]),
          address: m[3]!,
          local: m[4] !== undefined,
        });
      }
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z ]*?):\s+(.*)$/.exec(line);
    if (kv) fields.set(kv[1]!, kv[2]!.trim());
  }
  const name = fields.get('Name');
  if (!name) return null;
  return {
    name,
    configVersion: num(fields.get('Config Version')),
    nodes: num(fields.get('Nodes')),
    quorate: /^yes$/i.test(fields.get('Quorate') ?? ''),
    expectedVotes: num(fields.get('Expected votes')),
    totalVotes: num(fields.get('Total votes')),
    members,
  };
}
