// The interface that carries the user's SSH session: SSH_CONNECTION is "client_ip client_port server_ip server_port";
// the server address belongs to exactly one local interface.
import type { IpLink } from './types';

export interface SshSession {
  client: string;
  server: string;
}

/** Drops an IPv6 zone (%vmbr0) and the IPv4-mapped prefix (::ffff:192.0.2.1), so it compares with `ip -j addr`. */
export function plainAddress(address: string): string {
  const noZone = address.split('%')[0] ?? address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(noZone);
  return (mapped ? mapped[1]! : noZone).toLowerCase();
}

export function parseSshConnection(value: string | undefined): SshSession | null {
  if (!value) return null;
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 4 || !parts[0] || !parts[2]) return null;
  return { client: plainAddress(parts[0]), server: plainAddress(parts[2]) };
}

/** The link that holds the session's server address, or null (not over SSH, or an address we do not see). */
export function sshInterface(links: IpLink[], serverAddress: string | null): IpLink | null {
  if (!serverAddress) return null;
  const wanted = plainAddress(serverAddress);
  return links.find((l) => l.addresses.some((a) => plainAddress(a.local) === wanted)) ?? null;
}
