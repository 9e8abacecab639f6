// The fleet as lines of text with a tone, for the hub's Fleet section (and any plain report): each node with its
// guests, then the cluster-wide backup jobs with what each covers, then the guests nothing backs up.
import type { Fleet } from './model';

export interface FleetLine {
  text: string;
  tone: 'ok' | 'warn' | 'bad' | 'muted' | 'plain';
  /** Headings are not indented and shown bold. */
  heading?: boolean;
}

function selection(j: Fleet['jobs'][number]): string {
  switch (j.selection.kind) {
    case 'all':
      return j.selection.exclude.length > 0
        ? `all guests but ${j.selection.exclude.join(', ')}`
        : 'all guests';
    case 'vmids':
      return `guests ${j.selection.vmids.join(', ')}`;
    case 'pool':
      return `pool ${j.selection.pool}`;
  }
}

export function fleetLines(f: Fleet): FleetLine[] {
  const lines: FleetLine[] = [];
  const c = f.cluster;
  lines.push({
    text: c
      ? `Cluster ${c.name}: ${c.quorate ? 'quorate' : 'NOT quorate: changes are blocked until enough nodes are back'} (${c.totalVotes ?? '?'} of ${c.expectedVotes ?? '?'} votes)`
      : 'This node is not in a cluster: the fleet is this node.',
    tone: c && !c.quorate ? 'bad' : 'plain',
    heading: true,
  });
  const unprotected = new Set(f.unprotected.map((g) => g.vmid));
  for (const n of f.nodes) {
    lines.push({
      text: `${n.name}${n.local ? ' (this node)' : ''}: ${n.online ? 'online' : 'offline'}, ${n.guests.length} guest${n.guests.length === 1 ? '' : 's'}`,
      tone: n.online ? 'ok' : 'warn',
      heading: true,
    });
    for (const g of n.guests) {
      const kind = g.kind === 'qemu' ? 'VM' : 'CT';
      const extra = g.template ? ', template' : unprotected.has(g.vmid) ? ', in no backup job' : '';
      lines.push({
        text: `${kind} ${g.vmid} ${g.name}: ${g.status}${extra}`,
        tone: g.template ? 'muted' : unprotected.has(g.vmid) ? 'warn' : 'plain',
      });
    }
  }
  lines.push({ text: `Backup jobs (cluster-wide): ${f.jobs.length}`, tone: 'plain', heading: true });
  if (f.jobs.length === 0)
    lines.push({
      text: 'none: set one up in the Maintenance section (or Datacenter > Backup)',
      tone: 'warn',
    });
  for (const j of f.jobs) {
    const where = j.node ? ` on ${j.node} only` : '';
    const missing = j.missing.length > 0 ? `; ${j.missing.join(', ')} no longer exist` : '';
    lines.push({
      text: `${j.id}${j.enabled ? '' : ' (disabled)'}: ${j.schedule || 'no schedule'} → ${j.storage}, ${selection(j)}${where}, ${j.mode}; covers ${j.covers.length}${missing}`,
      tone: !j.enabled || j.missing.length > 0 ? 'warn' : 'plain',
    });
  }
  if (f.unprotected.length > 0) {
    lines.push({
      text: `Not backed up by any enabled job: ${f.unprotected.map((g) => `${g.vmid} ${g.name}`).join(', ')}`,
      tone: 'warn',
      heading: true,
    });
  }
  return lines;
}
