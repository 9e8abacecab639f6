// Parses iproute2's JSON (`ip -j addr`, `ip -j -d link`) into IpLink records. Bad input yields an error, not a guess.
import type { IpAddress, IpLink } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parseArray(text: string, what: string): Json[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${what}: not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${what}: expected a JSON array`);
  return data.filter(isObject);
}

function parseAddress(raw: Json): IpAddress | null {
  const family = raw['family'];
  const local = str(raw['local']);
  const prefixlen = raw['prefixlen'];
  if ((family !== 'inet' && family !== 'inet6') || !local || typeof prefixlen !== 'number') return null;
  return { family, local, prefixlen, scope: str(raw['scope']) };
}

function baseLink(raw: Json): IpLink | null {
  const name = str(raw['ifname']);
  const index = raw['ifindex'];
  if (!name || typeof index !== 'number') return null;
  const linkinfo = isObject(raw['linkinfo']) ? raw['linkinfo'] : {};
  return {
    name,
    index,
    flags: Array.isArray(raw['flags']) ? raw['flags'].filter((f): f is string => typeof f === 'string') : [],
    operstate: str(raw['operstate']) ?? 'UNKNOWN',
    linkType: str(raw['link_type']) ?? 'unknown',
    mac: str(raw['address']),
    master: str(raw['master']),
    kind: str(linkinfo['info_kind']),
    parentBus: str(raw['parentbus']),
    addresses: [],
  };
}

/**
 * Merges `ip -j -d link` (kinds, masters, parent bus) with `ip -j addr` (addresses), by interface name.
 * A link that only one of the two lists is kept with what is known.
 */
export function parseIpJson(linkJson: string, addrJson: string): IpLink[] {
  const links = new Map<string, IpLink>();
  for (const raw of parseArray(linkJson, 'ip -j -d link')) {
    const link = baseLink(raw);
    if (link) links.set(link.name, link);
  }
  for (const raw of parseArray(addrJson, 'ip -j addr')) {
    const fromAddr = baseLink(raw);
    if (!fromAddr) continue;
    const link = links.get(fromAddr.name) ?? fromAddr;
    if (!links.has(link.name)) links.set(link.name, link);
    const infos = Array.isArray(raw['addr_info']) ? raw['addr_info'].filter(isObject) : [];
    link.addresses = infos.map(parseAddress).filter((a): a is IpAddress => a !== null);
  }
  return [...links.values()].sort((a, b) => a.index - b.index);
}
