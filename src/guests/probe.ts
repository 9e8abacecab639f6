// Finds out, read-only, how to update each NixOS guest on this host: its disks' datasets, and for a VM whether
// SSH reaches it (at the address its guest agent reports, else its name) or only the guest agent does.
import type { Answers } from '../answers/schema';
import type { Host, HostReport } from '../host/types';
import { guestDatasets, guestIpv4, parseStorages, updateCandidates } from './targets';
import { SSH_OPTIONS } from './transport';
import type { GuestTarget, Transport } from './types';

export interface ProbeOptions {
  /** The user nix-mox logs in as over SSH (root by default: nixos-rebuild switch needs it). */
  sshUser?: string;
  /** Explicit addresses by guest name (`--ssh name=host`), instead of asking the guest agent. */
  sshHosts?: Record<string, string>;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

async function vmTransport(
  host: Host,
  name: string,
  vmid: number,
  opts: ProbeOptions,
): Promise<Transport | string> {
  const ping = await host.run('qm', ['guest', 'cmd', String(vmid), 'ping'], { timeoutMs: 15_000 });
  let address = opts.sshHosts?.[name] ?? null;
  if (!address && ping.code === 0) {
    const nics = await host.run('qm', ['guest', 'cmd', String(vmid), 'network-get-interfaces'], {
      timeoutMs: 15_000,
    });
    if (nics.code === 0) address = guestIpv4(nics.stdout);
  }
  const destination = `${opts.sshUser ?? 'root'}@${address ?? name}`;
  const ssh = await host.run('ssh', [...SSH_OPTIONS, '-o', 'ConnectTimeout=5', '--', destination, 'true'], {
    timeoutMs: 20_000,
  });
  if (ssh.code === 0) return { kind: 'ssh', destination };
  if (ping.code === 0) return { kind: 'agent', vmid, node: 'localhost' };
  return `neither SSH (${destination}: ${firstLine(ssh.stderr) || `exit ${ssh.code}`}) nor the QEMU guest agent (${firstLine(ping.stderr) || `exit ${ping.code}`}) answers`;
}

export async function probeTargets(
  answers: Answers,
  report: HostReport,
  host: Host,
  opts: ProbeOptions = {},
): Promise<GuestTarget[]> {
  const candidates = updateCandidates(answers, report);
  if (candidates.length === 0) return [];
  const storageRun = await host.run('pvesh', ['get', '/storage', '--output-format', 'json']);
  const storages = storageRun.code === 0 ? parseStorages(storageRun.stdout) : [];
  const targets: GuestTarget[] = [];
  for (const c of candidates) {
    const base = { name: c.name, vmid: c.vmid, kind: c.kind };
    if (c.skipReason) {
      const transport: Transport =
        c.kind === 'lxc' ? { kind: 'pct', vmid: c.vmid } : { kind: 'agent', vmid: c.vmid, node: 'localhost' };
      targets.push({ ...base, transport, datasets: [], skipReason: c.skipReason });
      continue;
    }
    const config = await host.run(c.kind === 'lxc' ? 'pct' : 'qm', ['config', String(c.vmid)]);
    const ds =
      config.code === 0
        ? guestDatasets(config.stdout, c.kind === 'lxc' ? 'lxc' : 'qemu', storages)
        : {
            datasets: [],
            reason: `its configuration could not be read (${firstLine(config.stderr) || `exit ${config.code}`})`,
          };
    const transport: Transport | string =
      c.kind === 'lxc' ? { kind: 'pct', vmid: c.vmid } : await vmTransport(host, c.name, c.vmid, opts);
    targets.push({
      ...base,
      transport:
        typeof transport === 'string' ? { kind: 'agent', vmid: c.vmid, node: 'localhost' } : transport,
      datasets: ds.datasets,
      ...(ds.reason ? { noSnapshotReason: ds.reason } : {}),
      ...(typeof transport === 'string' ? { skipReason: `${c.name}: ${transport}` } : {}),
    });
  }
  return targets;
}
