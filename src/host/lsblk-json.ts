// `lsblk -J` (with or without -b, any column set, old `mountpoint` or new `mountpoints`) to BlockNodes.
import { type BlockNode, emptyNode } from './block-node';
import { parseHumanSize } from './sizes';

const MAX_DEPTH = 32;

function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  return null;
}

function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1') return true;
  if (v === 0 || v === '0') return false;
  return null;
}

function size(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string') return parseHumanSize(v);
  return null;
}

function mounts(o: Record<string, unknown>): string[] {
  const list = Array.isArray(o['mountpoints']) ? o['mountpoints'] : [o['mountpoint']];
  return list.map(str).filter((m): m is string => m !== null);
}

function node(v: unknown, depth: number): BlockNode | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const name = str(o['name']) ?? str(o['kname']);
  if (!name) return null;
  const n = emptyNode(name);
  n.path = str(o['path']);
  n.type = str(o['type']);
  n.sizeBytes = size(o['size']);
  n.rotational = bool(o['rota']);
  n.transport = str(o['tran']);
  n.model = str(o['model']);
  n.serial = str(o['serial']);
  n.wwn = str(o['wwn']);
  n.fstype = str(o['fstype']);
  n.label = str(o['label']);
  n.mountpoints = mounts(o);
  n.removable = bool(o['rm']);
  if (depth < MAX_DEPTH && Array.isArray(o['children'])) {
    n.children = o['children'].map((c) => node(c, depth + 1)).filter((c): c is BlockNode => c !== null);
  }
  return n;
}

/** Null when the text is not lsblk JSON at all. */
export function parseLsblkJson(text: string): BlockNode[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const list = (data as Record<string, unknown>)['blockdevices'];
  if (!Array.isArray(list)) return null;
  return list.map((v) => node(v, 0)).filter((n): n is BlockNode => n !== null);
}
