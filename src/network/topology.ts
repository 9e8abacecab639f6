// Pure: which ports and bridges exist, which port each bridge uses, what may still be chosen, and what the SSH
// session locks. Built from NetworkCurrent (ip -j output + the interfaces files + SSH_CONNECTION).
import {
  type IfaceStanza,
  ifaces,
  inBlock,
  option,
  type ParsedInterfaces,
  parseInterfaces,
} from './interfaces-parse';
import { sourceReads } from './sources';
import { sshInterface } from './ssh';
import {
  type IpLink,
  MAIN_INTERFACES,
  MANAGED_BRIDGES,
  type ManagedBridge,
  type NetworkCurrent,
  NIX_MOX_DROPIN,
} from './types';

export interface PortView {
  name: string;
  kind: 'nic' | 'bond';
  operstate: string;
  mac: string | null;
  /** The bridge or bond that uses this port now. */
  usedBy: string | null;
  /** Why this port cannot join a new bridge (besides SSH); null when it can. */
  unavailable: string | null;
  /** Why this port must not be moved: it carries the SSH session. */
  locked: string | null;
}

export type BridgeOrigin = 'config' | 'nix-mox' | 'kernel' | 'absent';

export interface BridgeView {
  name: string;
  /** config: defined outside our block (kept as is); nix-mox: in our block; kernel: only in `ip link`. */
  origin: BridgeOrigin;
  /** file:line of its iface stanza. */
  definedAt: string | null;
  up: boolean;
  /** Ports as configured (bridge-ports) or, without a stanza, as the kernel reports them; [] = host-only. */
  ports: string[];
  method: string | null;
  addresses: string[];
  gateway: string | null;
  locked: string | null;
}

export interface SshView {
  interface: string;
  client: string;
  server: string;
  reason: string;
}

export interface NetworkView {
  ports: PortView[];
  bridges: BridgeView[];
  ssh: SshView | null;
  /** Where the marked block belongs: the drop-in when a source line reads it, else the main file. */
  targetPath: string;
  files: ParsedInterfaces[];
  /** Gateways configured outside our block, by family, with the interface that holds them. */
  gateways: { iface: string; gateway: string; family: 'inet' | 'inet6' }[];
  problems: string[];
}

const isWireless = (name: string): boolean => name.startsWith('wl');
const isNic = (l: IpLink): boolean => l.linkType === 'ether' && l.kind === null && l.name !== 'lo';
const isFirewallBridge = (name: string): boolean => /^fwbr\d/.test(name);

interface Stanzas {
  byName: Map<string, { stanza: IfaceStanza; file: ParsedInterfaces; managed: boolean }[]>;
}

function collect(files: ParsedInterfaces[]): Stanzas {
  const byName: Stanzas['byName'] = new Map();
  for (const file of files) {
    for (const s of ifaces(file)) {
      const list = byName.get(s.name) ?? [];
      list.push({ stanza: s, file, managed: inBlock(file, s.line) });
      byName.set(s.name, list);
    }
  }
  return { byName };
}

const words = (v: string | null): string[] =>
  v ? v.split(/\s+/).filter((w) => w !== '' && w !== 'none') : [];

function bridgePortsOf(s: IfaceStanza): string[] | null {
  const ports = option(s, 'bridge-ports');
  return ports === null ? null : words(ports);
}

export function targetPathFor(files: ParsedInterfaces[]): string {
  const sourced = files.some(
    (f) =>
      f.path !== NIX_MOX_DROPIN &&
      f.stanzas.some(
        (s) => s.type !== 'iface' && s.type !== 'auto' && sourceReads(s, f.path, NIX_MOX_DROPIN),
      ),
  );
  return sourced ? NIX_MOX_DROPIN : MAIN_INTERFACES;
}

function lockedNames(links: IpLink[], carrier: IpLink, stanzas: Stanzas): Set<string> {
  const locked = new Set<string>([carrier.name]);
  // Walk down: a bridge's ports, a bond's slaves (from the kernel and from the configuration).
  const queue = [carrier.name];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const below = links.filter((l) => l.master === name).map((l) => l.name);
    for (const entry of stanzas.byName.get(name) ?? []) {
      below.push(...(bridgePortsOf(entry.stanza) ?? []), ...words(option(entry.stanza, 'bond-slaves')));
    }
    for (const b of below) {
      if (!locked.has(b)) {
        locked.add(b);
        queue.push(b);
      }
    }
  }
  return locked;
}

function ownAddress(name: string, link: IpLink | undefined, stanzas: Stanzas): string | null {
  for (const { stanza, file } of stanzas.byName.get(name) ?? []) {
    if (stanza.method === 'static' || stanza.method === 'dhcp') {
      const addr = option(stanza, 'address');
      return `has its own address${addr ? ` ${addr}` : ' (dhcp)'} (${file.path}:${stanza.line})`;
    }
  }
  const global = link?.addresses.find((a) => a.scope === 'global');
  return global ? `has its own address ${global.local}/${global.prefixlen}` : null;
}

function buildPorts(
  links: IpLink[],
  stanzas: Stanzas,
  users: Map<string, { by: string; managed: boolean }>,
  locked: Set<string>,
  ssh: SshView | null,
): PortView[] {
  const candidates = links.filter((l) => isNic(l) || l.kind === 'bond');
  return candidates.map((l) => {
    const user = users.get(l.name) ?? (l.master ? { by: l.master, managed: false } : null);
    const masterIsBond = user
      ? links.some((m) => m.name === user.by && m.kind === 'bond') ||
        (stanzas.byName.get(user.by) ?? []).some((e) => option(e.stanza, 'bond-slaves') !== null)
      : false;
    let unavailable: string | null = null;
    if (isWireless(l.name)) unavailable = 'wireless: a Linux bridge cannot use a Wi-Fi port';
    else if (user && masterIsBond) unavailable = `a member of ${user.by}`;
    else if (user && !user.managed) unavailable = `the port of ${user.by}`;
    else if (!user) unavailable = ownAddress(l.name, l, stanzas);
    return {
      name: l.name,
      kind: l.kind === 'bond' ? 'bond' : 'nic',
      operstate: l.operstate,
      mac: l.mac,
      usedBy: user?.by ?? null,
      unavailable,
      locked: locked.has(l.name) && ssh ? ssh.reason : null,
    };
  });
}

/** Which bridge (or bond) each port belongs to, from the configuration first and the kernel second. */
function portUsers(stanzas: Stanzas): Map<string, { by: string; managed: boolean }> {
  const users = new Map<string, { by: string; managed: boolean }>();
  for (const [name, entries] of stanzas.byName) {
    for (const { stanza, managed } of entries) {
      for (const p of [...(bridgePortsOf(stanza) ?? []), ...words(option(stanza, 'bond-slaves'))]) {
        if (!users.has(p)) users.set(p, { by: name, managed });
      }
    }
  }
  return users;
}

function buildBridges(
  links: IpLink[],
  stanzas: Stanzas,
  locked: Set<string>,
  ssh: SshView | null,
): BridgeView[] {
  const names = new Set<string>(MANAGED_BRIDGES);
  for (const [name, entries] of stanzas.byName)
    if (entries.some((e) => bridgePortsOf(e.stanza) !== null)) names.add(name);
  for (const l of links) if (l.kind === 'bridge' && !isFirewallBridge(l.name)) names.add(l.name);

  const views = [...names].map((name): BridgeView => {
    const link = links.find((l) => l.name === name);
    const entries = (stanzas.byName.get(name) ?? []).filter((e) => bridgePortsOf(e.stanza) !== null);
    const first = entries[0];
    const kernelPorts = links
      .filter((l) => l.master === name && (isNic(l) || l.kind === 'bond'))
      .map((l) => l.name);
    const addresses = first
      ? entries.flatMap((e) => e.stanza.options.filter((o) => o.key === 'address').map((o) => o.value))
      : (link?.addresses.filter((a) => a.scope === 'global').map((a) => `${a.local}/${a.prefixlen}`) ?? []);
    return {
      name,
      origin: first ? (first.managed ? 'nix-mox' : 'config') : link ? 'kernel' : 'absent',
      definedAt: first ? `${first.file.path}:${first.stanza.line}` : null,
      up: link ? link.flags.includes('UP') : false,
      ports: first ? (bridgePortsOf(first.stanza) ?? []) : kernelPorts,
      method: first?.stanza.method ?? null,
      addresses,
      gateway: first ? option(first.stanza, 'gateway') : null,
      locked: locked.has(name) && ssh ? ssh.reason : null,
    };
  });
  return views.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

function gatewaysOutsideBlock(stanzas: Stanzas): NetworkView['gateways'] {
  const out: NetworkView['gateways'] = [];
  for (const [name, entries] of stanzas.byName) {
    for (const { stanza, managed } of entries) {
      const gw = option(stanza, 'gateway');
      if (gw && !managed) out.push({ iface: name, gateway: gw, family: gw.includes(':') ? 'inet6' : 'inet' });
    }
  }
  return out;
}

export function buildNetworkView(current: NetworkCurrent): NetworkView {
  const files = current.files.map((f) => parseInterfaces(f.path, f.content));
  const stanzas = collect(files);
  const carrier = sshInterface(current.links, current.sshServerAddress);
  const ssh: SshView | null = carrier
    ? {
        interface: carrier.name,
        client: current.sshClientAddress ?? 'unknown',
        server: current.sshServerAddress ?? '',
        reason: `carries your SSH session (${current.sshClientAddress ?? 'you'} → ${current.sshServerAddress} on ${carrier.name}); moving it would cut this connection`,
      }
    : null;
  const locked = carrier ? lockedNames(current.links, carrier, stanzas) : new Set<string>();
  const problems = files.flatMap((f) => f.problems);
  if (current.sshServerAddress && !carrier) {
    problems.push(
      `SSH session to ${current.sshServerAddress}: no interface holds that address; nothing is locked`,
    );
  }
  return {
    ports: buildPorts(current.links, stanzas, portUsers(stanzas), locked, ssh),
    bridges: buildBridges(current.links, stanzas, locked, ssh),
    ssh,
    targetPath: targetPathFor(files),
    files,
    gateways: gatewaysOutsideBlock(stanzas),
    problems,
  };
}

export const bridgeView = (view: NetworkView, name: ManagedBridge | string): BridgeView | undefined =>
  view.bridges.find((b) => b.name === name);
