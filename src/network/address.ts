// IPv4/IPv6 addresses and CIDRs as numbers, for "is the gateway inside the subnet" and "do two subnets overlap".
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  family: 'inet' | 'inet6';
  address: string;
  prefix: number;
  /** The address as an integer (IPv4 in the low 32 bits). */
  value: bigint;
  bits: 32 | 128;
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]!);
    text = text.slice(0, -v4[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
}

export function ipValue(address: string): { family: 'inet' | 'inet6'; value: bigint; bits: 32 | 128 } | null {
  if (isIPv4(address)) return { family: 'inet', value: ipv4ToBigInt(address), bits: 32 };
  if (isIPv6(address)) return { family: 'inet6', value: ipv6ToBigInt(address), bits: 128 };
  return null;
}

/** Parses "192.0.2.1/24" or "2001:db8::1/64"; null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const ip = ipValue(m[1]!);
  const prefix = Number(m[2]);
  if (!ip || prefix < 1 || prefix > ip.bits) return null;
  return { family: ip.family, address: m[1]!, prefix, value: ip.value, bits: ip.bits };
}

const network = (value: bigint, prefix: number, bits: number): bigint =>
  prefix === 0 ? 0n : (value >> BigInt(bits - prefix)) << BigInt(bits - prefix);

export function contains(cidr: Cidr, address: string): boolean {
  const ip = ipValue(address);
  if (!ip || ip.family !== cidr.family) return false;
  return network(ip.value, cidr.prefix, cidr.bits) === network(cidr.value, cidr.prefix, cidr.bits);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const p = Math.min(a.prefix, b.prefix);
  return network(a.value, p, a.bits) === network(b.value, p, b.bits);
}

/** The address part of a CIDR is the network or broadcast address: not usable for a host. */
export function isNetworkOrBroadcast(cidr: Cidr): boolean {
  if (cidr.family !== 'inet' || cidr.prefix >= 31) return false;
  const host = cidr.value & ((1n << BigInt(32 - cidr.prefix)) - 1n);
  return host === 0n || host === (1n << BigInt(32 - cidr.prefix)) - 1n;
}
