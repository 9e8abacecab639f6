// Files copied into a guest from the host. pct push <vmid> <file> <destination> (pve-container src/PVE/CLI/pct.pm: copies a host file into a running
// container). Into a modelled NixOS guest (nixos-guest.mjs) the copy is recorded; texts approximate pct's.
import { statSync } from 'node:fs';
import { guestByVmid, receiveFile } from './nixos-guest.mjs';
import { ShimExit } from './shim-runtime.mjs';

/** @param {{ vmid: number, status: string }} guest @param {string} file @param {string} destination */
export function pctPush(guest, file, destination) {
  if (guest.status !== 'running') throw new ShimExit(255, `CT ${guest.vmid} not running\n`);
  let size;
  try {
    size = statSync(file).size;
  } catch {
    throw new ShimExit(255, `failed to open ${file} for reading\n`);
  }
  if (!destination.startsWith('/')) throw new ShimExit(255, `destination must be an absolute path\n`);
  const name = guestByVmid(guest.vmid);
  if (name) receiveFile(name, destination, size);
  return 0;
}

/**
 * POST /nodes/{node}/qemu/{vmid}/agent/file-write (pvesh create): the agent writes the content into the guest;
 * with encode 0 the content is already base64. Errors as qemu-server's agent checks word them.
 * @param {Record<string, string | string[]>} params
 * @param {{ vmid: number, status: string, config: Record<string, string> }[]} guests
 * @param {Record<string, { running?: boolean }>} agents
 */
export function agentFileWrite(params, guests, agents) {
  const vmid = Number(params['vmid']);
  const g = guests.find((x) => x.vmid === vmid && /** @type {{ kind?: string }} */ (x).kind === 'qemu');
  if (!g) throw new ShimExit(255, `Configuration file 'nodes/pve/qemu-server/${vmid}.conf' does not exist\n`);
  if (!/(^|,)(enabled=)?1(,|$)/.test(g.config['agent'] ?? ''))
    throw new ShimExit(255, 'No QEMU guest agent configured\n');
  if (g.status !== 'running') throw new ShimExit(255, `VM ${vmid} is not running\n`);
  if (!agents[String(vmid)]?.running) throw new ShimExit(255, 'QEMU guest agent is not running\n');
  const content = String(params['content'] ?? '');
  const encoded = String(params['encode'] ?? '1') !== '0';
  const bytes = encoded ? Buffer.byteLength(content) : Buffer.from(content, 'base64').length;
  const name = guestByVmid(vmid);
  if (name) receiveFile(name, String(params['file'] ?? ''), bytes);
  return undefined;
}
