// Physical disks from lsblk (JSON as the probe asks for it, or a table as people paste it), with what each holds.
import type { BlockNode } from './block-node';
import { type ByIdLink, preferredById } from './by-id';
import { parseLsblkJson } from './lsblk-json';
import { parseLsblkText } from './lsblk-text';
import type { DiskReport, Warning } from './types';
import { warning } from './warning';

/** The columns the probe asks for; each is read by name, so older lsblk without one still parses. */
export const LSBLK_COLUMNS = [
  'NAME',
  'PATH',
  'TYPE',
  'SIZE',
  'ROTA',
  'TRAN',
  'MODEL',
  'SERIAL',
  'WWN',
  'FSTYPE',
  'LABEL',
  'MOUNTPOINTS',
  'RM',
];

export function parseLsblk(text: string): { nodes: BlockNode[]; warnings: Warning[] } {
  const trimmed = text.trimStart();
  const nodes = trimmed.startsWith('{') ? parseLsblkJson(trimmed) : parseLsblkText(text);
  if (nodes) return { nodes, warnings: [] };
  return {
    nodes: [],
    warnings: [
      warning(
        'lsblk-unparsed',
        'lsblk printed something that is neither its JSON nor its table, so the disks are unknown.',
        'Run `lsblk -J -b -o NAME,SIZE,TYPE,MOUNTPOINTS` yourself and check its output; update util-linux if it fails.',
      ),
    ],
  };
}

export interface DiskContext {
  byId: ByIdLink[];
  /** Kernel names (disk or partition) that are members of a ZFS pool, from `zpool status -P`. */
  zfsMembers: Map<string, string>;
  /** The pool the running system boots from, when it is on ZFS. */
  bootPool: string | null;
}

const NOT_A_DISK = /^(loop|zram|ram|sr|fd|nbd|md|dm-)\d/;
const SYSTEM_MOUNTS = new Set(['/', '/boot', '/boot/efi', '[SWAP]']);

function isDisk(n: BlockNode): boolean {
  if (NOT_A_DISK.test(n.name)) return false;
  if (n.type !== null && n.type !== 'disk') return false;
  if (n.sizeBytes === 0) return false; // an empty card-reader slot
  return true;
}

function transportOf(n: BlockNode): DiskReport['transport'] {
  const t = n.transport?.toLowerCase() ?? null;
  if (t === 'nvme' || t === 'sata' || t === 'usb' || t === 'sas') return t;
  if (t === null && /^nvme\d+n\d+$/.test(n.name)) return 'nvme';
  return null;
}

/** `pve-vm--100--disk--0` -> `pve`: device-mapper doubles dashes inside VG and LV names. */
export function volumeGroupOf(lvName: string): string {
  const m = /^((?:[^-]|--)+)-/.exec(lvName);
  return (m ? m[1]! : lvName).replace(/--/g, '-');
}

function firstOfType(n: BlockNode, type: string): BlockNode | null {
  for (const c of n.children) {
    if (c.type === type) return c;
    const deeper = firstOfType(c, type);
    if (deeper) return deeper;
  }
  return null;
}

function looksLikePartition(child: BlockNode, parent: BlockNode): boolean {
  return child.type === 'part' || (child.type === null && child.name.startsWith(parent.name));
}

function walk(disk: BlockNode, ctx: DiskContext): { holds: string[]; mounted: string[] } {
  const holds: string[] = [];
  const mounted: string[] = [];
  const seen = new Set<string>();
  const add = (list: string[], v: string) => {
    if (!list.includes(v)) list.push(v);
  };
  const visit = (n: BlockNode, parent: BlockNode | null) => {
    if (seen.has(n.name)) return;
    seen.add(n.name);
    if (parent && looksLikePartition(n, parent) && parent === disk) add(holds, `part:${n.name}`);
    const pool = ctx.zfsMembers.get(n.name);
    if (pool) add(holds, `zfs:${pool}`);
    const fs = n.fstype;
    if (fs === 'crypto_LUKS' || n.type === 'crypt') add(holds, 'luks');
    if (fs === 'zfs_member') add(holds, `zfs:${n.label ?? pool ?? 'unknown'}`);
    if (fs === 'LVM2_member' || (n.type === 'lvm' && parent?.type !== 'lvm')) {
      const lv = n.type === 'lvm' ? n : firstOfType(n, 'lvm');
      add(holds, lv ? `lvm:${volumeGroupOf(lv.name)}` : 'lvm');
    }
    if (fs === 'linux_raid_member') {
      const md = n.children.find((c) => c.type?.startsWith('raid') || /^md\d/.test(c.name));
      add(holds, `md:${md?.name ?? n.label ?? 'unknown'}`);
    } else if (n.type?.startsWith('raid')) add(holds, `md:${n.name}`);
    if (fs && !['crypto_LUKS', 'zfs_member', 'LVM2_member', 'linux_raid_member'].includes(fs))
      add(holds, `fs:${fs}`);
    for (const m of n.mountpoints) add(mounted, m);
    for (const c of n.children) visit(c, n);
  };
  visit(disk, null);
  return { holds, mounted };
}

export function buildDisks(nodes: BlockNode[], ctx: DiskContext): DiskReport[] {
  return nodes.filter(isDisk).map((n) => {
    const { holds, mounted } = walk(n, ctx);
    const system =
      mounted.some((m) => SYSTEM_MOUNTS.has(m)) ||
      (ctx.bootPool !== null && holds.includes(`zfs:${ctx.bootPool}`));
    return {
      name: n.name,
      path: n.path?.startsWith('/dev/') ? n.path : `/dev/${n.name}`,
      byId: preferredById(ctx.byId, n.name),
      sizeBytes: n.sizeBytes,
      rotational: n.rotational,
      transport: transportOf(n),
      model: n.model,
      serial: n.serial,
      holds,
      mounted,
      system,
      removable: n.removable,
    };
  });
}
