// lsblk's table output (any -o column set): cells are placed by the header, since empty cells are just blanks.
// Left-aligned values start under their header; right-aligned ones (SIZE, RM, RO, ROTA...) end under it.
import { type BlockNode, emptyNode } from './block-node';
import { parseHumanSize } from './sizes';

type Key = keyof BlockNode | 'other';

const COLUMNS: Record<string, Key> = {
  NAME: 'name',
  KNAME: 'other',
  PATH: 'path',
  TYPE: 'type',
  SIZE: 'sizeBytes',
  ROTA: 'rotational',
  TRAN: 'transport',
  MODEL: 'model',
  SERIAL: 'serial',
  WWN: 'wwn',
  FSTYPE: 'fstype',
  LABEL: 'label',
  MOUNTPOINT: 'mountpoints',
  MOUNTPOINTS: 'mountpoints',
  RM: 'removable',
};

const RIGHT_ALIGNED = new Set([
  'SIZE',
  'RM',
  'RO',
  'ROTA',
  'RA',
  'RAND',
  'HOTPLUG',
  'FSSIZE',
  'FSUSED',
  'FSAVAIL',
  'FSUSE%',
  'MIN-IO',
  'OPT-IO',
  'PHY-SEC',
  'LOG-SEC',
  'ALIGNMENT',
  'DISC-ALN',
  'DISC-GRAN',
  'DISC-MAX',
  'DISC-ZERO',
  'WSAME',
  'RQ-SIZE',
  'SEQ',
]);

const KNOWN = [
  ...Object.keys(COLUMNS),
  ...RIGHT_ALIGNED,
  'MAJ:MIN',
  'FSVER',
  'FSROOTS',
  'UUID',
  'PARTUUID',
  'PARTLABEL',
  'PARTTYPE',
  'PARTTYPENAME',
  'PARTFLAGS',
  'PTUUID',
  'PTTYPE',
  'STATE',
  'OWNER',
  'GROUP',
  'MODE',
  'SCHED',
  'PKNAME',
  'HCTL',
  'SUBSYSTEMS',
  'REV',
  'VENDOR',
  'ZONED',
  'DAX',
  'ID',
  'ID-LINK',
  'DISK-SEQ',
  'MQ',
  'START',
];

interface Column {
  header: string;
  key: Key;
  start: number;
  end: number;
  right: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** A header cell, possibly cut short by lsblk (`MOUNTPOIN`), to its full column name. */
function columnName(cell: string): string | null {
  if (KNOWN.includes(cell)) return cell;
  if (cell.length < 3) return null;
  return KNOWN.filter((k) => k.startsWith(cell)).sort((a, b) => a.length - b.length)[0] ?? null;
}

function parseHeader(line: string): Column[] | null {
  const cells = tokens(line);
  if (cells.length === 0) return null;
  const names = cells.map((c) => columnName(c.text));
  if (names.some((n) => n === null) || !names.includes('NAME')) return null;
  return cells.map((c, i) => {
    const header = names[i]!;
    return {
      header,
      key: COLUMNS[header] ?? 'other',
      start: c.start,
      end: c.end,
      right: RIGHT_ALIGNED.has(header),
    };
  });
}

function columnFor(token: Token, columns: Column[]): Column | null {
  const right = columns.find((c) => c.right && c.end === token.end);
  if (right) return right;
  const left = columns.find((c) => !c.right && c.start === token.start);
  if (left) return left;
  let best: Column | null = null;
  for (const c of columns)
    if (!c.right && c.start <= token.start && (!best || c.start > best.start)) best = c;
  return best;
}

const TREE_PREFIX_RE = /^[│├└─|`\-\s]+/;

function setCell(node: BlockNode, key: Key, value: string): void {
  switch (key) {
    case 'path':
    case 'type':
    case 'transport':
    case 'model':
    case 'serial':
    case 'wwn':
    case 'fstype':
    case 'label':
      node[key] = value;
      break;
    case 'sizeBytes':
      node.sizeBytes = parseHumanSize(value);
      break;
    case 'rotational':
    case 'removable':
      node[key] = value === '1' ? true : value === '0' ? false : null;
      break;
    case 'mountpoints':
      node.mountpoints.push(value);
      break;
    default:
      break;
  }
}

/** Null when no lsblk header line is found. */
export function parseLsblkText(text: string): BlockNode[] | null {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => parseHeader(l) !== null);
  if (headerAt === -1) return null;
  const columns = parseHeader(lines[headerAt]!)!;
  const roots: BlockNode[] = [];
  const stack: BlockNode[] = [];
  let last: BlockNode | null = null;

  for (const line of lines.slice(headerAt + 1)) {
    const cells = new Map<Column, string[]>();
    for (const t of tokens(line)) {
      const c = columnFor(t, columns);
      if (!c) continue;
      cells.set(c, [...(cells.get(c) ?? []), t.text]);
    }
    if (cells.size === 0) continue;
    const nameCol = [...cells.keys()].find((c) => c.key === 'name');
    if (!nameCol) {
      // A continuation line: lsblk prints a device's further mountpoints alone, one per line.
      if (!last) continue;
      for (const [c, values] of cells) if (c.key === 'mountpoints') last.mountpoints.push(values.join(' '));
      continue;
    }
    const rawName = cells.get(nameCol)!.join(' ');
    const nameAt = line.indexOf(rawName);
    const prefix = TREE_PREFIX_RE.exec(line.slice(0, nameAt) + rawName)?.[0] ?? '';
    const name = rawName.replace(TREE_PREFIX_RE, '');
    if (name === '') continue;
    const depth = Math.floor((prefix.length - nameCol.start) / 2);
    const node = emptyNode(name);
    for (const [c, values] of cells) {
      if (c === nameCol) continue;
      if (c.key === 'mountpoints') for (const v of values) setCell(node, c.key, v);
      else setCell(node, c.key, values.join(' '));
    }
    stack.length = Math.min(stack.length, Math.max(depth, 0));
    const parent = stack[stack.length - 1];
    if (parent && depth > 0) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
    last = node;
  }
  return roots;
}
