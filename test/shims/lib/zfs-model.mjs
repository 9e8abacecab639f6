// Datasets, snapshots and their properties over zfs.json, as `zfs` reports them.
import { nicebytes, zfsDate } from './zfs-names.mjs';

/**
 * @typedef {import('./pve-state.mjs').Zfs} Zfs
 * @typedef {{ name: string, type: 'filesystem' | 'volume' | 'snapshot', props: Record<string, string | number> }} Entry
 */

export const poolOf = (/** @type {string} */ name) => name.split(/[/@]/)[0] ?? '';
export const parentOf = (/** @type {string} */ name) =>
  name.includes('@')
    ? name.split('@')[0]
    : name.includes('/')
      ? name.slice(0, name.lastIndexOf('/'))
      : undefined;

// Properties zfs computes; they cannot be set and their source is "-".
export const READONLY = new Set([
  'type',
  'creation',
  'used',
  'available',
  'avail',
  'referenced',
  'refer',
  'compressratio',
  'mounted',
  'origin',
  'written',
  'logicalused',
  'logicalreferenced',
  'usedbysnapshots',
  'usedbydataset',
  'usedbychildren',
  'guid',
  'createtxg',
  'name',
  'keystatus',
]);
// Properties a child dataset inherits from its parent.
const INHERITED = new Set([
  'compression',
  'atime',
  'recordsize',
  'xattr',
  'acltype',
  'sync',
  'dedup',
  'checksum',
  'readonly',
  'canmount',
  'snapdir',
  'relatime',
  'encryption',
  'keylocation',
  'keyformat',
]);
const DEFAULTS = /** @type {Record<string, string>} */ ({
  compression: 'off',
  atime: 'on',
  recordsize: '131072',
  xattr: 'sa',
  acltype: 'off',
  sync: 'standard',
  dedup: 'off',
  checksum: 'on',
  readonly: 'off',
  canmount: 'on',
  snapdir: 'hidden',
  relatime: 'on',
  encryption: 'off',
  quota: '0',
  refquota: '0',
  reservation: '0',
  refreservation: '0',
  compressratio: '1.00x',
});
const ALIASES = /** @type {Record<string, string>} */ ({
  avail: 'available',
  refer: 'referenced',
  compress: 'compression',
  reserv: 'reservation',
});
export const canonicalProp = (/** @type {string} */ p) => ALIASES[p] ?? p;
export const KNOWN_PROPS = new Set([
  ...READONLY,
  ...INHERITED,
  ...Object.keys(DEFAULTS),
  ...Object.keys(ALIASES),
  'mountpoint',
  'volsize',
  'volblocksize',
  'refreservation',
  'ashift',
]);
const SPACE = new Set([
  'used',
  'available',
  'referenced',
  'quota',
  'refquota',
  'reservation',
  'refreservation',
  'volsize',
  'recordsize',
  'logicalused',
  'logicalreferenced',
  'written',
  'usedbysnapshots',
]);

/** Every dataset and snapshot as entries with their own (local) properties. @param {Zfs} z @returns {Entry[]} */
export function entries(z) {
  /** @type {Entry[]} */
  const list = z.datasets.map((d) => ({
    name: d.name,
    type: d.properties?.['type'] === 'volume' ? 'volume' : 'filesystem',
    props: { ...(d.properties ?? {}) },
  }));
  for (const s of z.snapshots) {
    const { name, creation, ...rest } = s;
    list.push({ name, type: 'snapshot', props: { ...rest, creation } });
  }
  return list;
}

/** Depth-first: a dataset, its snapshots by creation, then its children. @param {Entry[]} list */
export function hierarchicalOrder(list) {
  const byName = new Map(list.map((e) => [e.name, e]));
  /** @type {Entry[]} */
  const out = [];
  const visit = (/** @type {Entry} */ e) => {
    out.push(e);
    const snaps = list
      .filter((x) => x.type === 'snapshot' && x.name.split('@')[0] === e.name)
      .sort((a, b) => Number(a.props['creation']) - Number(b.props['creation']));
    out.push(...snaps);
    for (const child of list
      .filter((x) => x.type !== 'snapshot' && parentOf(x.name) === e.name)
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      visit(child);
    }
  };
  for (const root of list
    .filter((x) => x.type !== 'snapshot' && !byName.has(parentOf(x.name) ?? ''))
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    visit(root);
  }
  return out;
}

/**
 * A property's value (raw) and source for an entry.
 * @param {Zfs} z @param {Entry} e @param {string} prop
 * @returns {{ value: string | number, source: string }}
 */
export function propValue(z, e, prop) {
  const p = canonicalProp(prop);
  const pool = z.pools.find((x) => x.name === poolOf(e.name));
  const free = pool ? Math.max(0, pool.sizeBytes - pool.allocBytes) : 0;
  switch (p) {
    case 'name':
      return { value: e.name, source: '-' };
    case 'type':
      return { value: e.type, source: '-' };
    case 'creation':
      return { value: Number(e.props['creation'] ?? 0), source: '-' };
    case 'used':
      return {
        value: Number(
          e.props['used'] ??
            (e.type === 'snapshot' ? 0 : e.type === 'volume' ? Number(e.props['volsize'] ?? 0) : 98304),
        ),
        source: '-',
      };
    case 'available':
      return { value: e.type === 'snapshot' ? '-' : Number(e.props['available'] ?? free), source: '-' };
    case 'referenced': {
      if (e.props['referenced'] !== undefined) return { value: Number(e.props['referenced']), source: '-' };
      const base =
        e.type === 'snapshot' ? z.datasets.find((d) => d.name === e.name.split('@')[0]) : undefined;
      return {
        value: Number(base?.properties?.['referenced'] ?? (e.type === 'volume' ? 57344 : 98304)),
        source: '-',
      };
    }
    case 'mountpoint': {
      if (e.type !== 'filesystem') return { value: '-', source: '-' };
      if (e.props['mountpoint'] !== undefined) return { value: e.props['mountpoint'], source: 'local' };
      let parent = parentOf(e.name);
      const suffix = [e.name.split('/').pop()];
      while (parent) {
        const d = z.datasets.find((x) => x.name === parent);
        const mp = d?.properties?.['mountpoint'];
        if (mp !== undefined) {
          const v =
            mp === 'none' || mp === 'legacy' ? mp : `${String(mp).replace(/\/$/, '')}/${suffix.join('/')}`;
          return { value: v, source: `inherited from ${parent}` };
        }
        suffix.unshift(parent.split('/').pop());
        parent = parentOf(parent);
      }
      return { value: `/${e.name}`, source: 'default' };
    }
    default: {
      if (e.props[p] !== undefined) return { value: e.props[p], source: READONLY.has(p) ? '-' : 'local' };
      if (INHERITED.has(p)) {
        let parent = parentOf(e.name);
        while (parent) {
          const d = z.datasets.find((x) => x.name === parent);
          if (d?.properties?.[p] !== undefined)
            return { value: d.properties[p], source: `inherited from ${parent}` };
          parent = parentOf(parent);
        }
      }
      if (DEFAULTS[p] !== undefined) return { value: DEFAULTS[p], source: READONLY.has(p) ? '-' : 'default' };
      return { value: '-', source: '-' };
    }
  }
}

/** The value as zfs prints it: raw with -p, else sizes as nicebytes and dates spelled out. */
export function formatValue(
  /** @type {string} */ prop,
  /** @type {string | number} */ value,
  /** @type {boolean} */ parsable,
) {
  const p = canonicalProp(prop);
  if (value === '-' || parsable) return String(value);
  if (p === 'creation') return zfsDate(Number(value));
  if (SPACE.has(p) && /^\d+$/.test(String(value))) {
    if (
      (p === 'quota' || p === 'refquota' || p === 'reservation' || p === 'refreservation') &&
      Number(value) === 0
    )
      return 'none';
    return nicebytes(Number(value));
  }
  return String(value);
}

export const isRightAligned = (/** @type {string} */ prop) => SPACE.has(canonicalProp(prop));

/** Column title as zfs prints it in headers. */
export function columnTitle(/** @type {string} */ prop) {
  const p = canonicalProp(prop);
  return (
    {
      available: 'AVAIL',
      referenced: 'REFER',
      compression: 'COMPRESS',
      compressratio: 'RATIO',
      reservation: 'RESERV',
      mountpoint: 'MOUNTPOINT',
    }[p] ?? p.toUpperCase()
  );
}

/** Lines of a table: -H tab-separated, else aligned columns separated by two spaces. */
export function renderTable(
  /** @type {string[]} */ props,
  /** @type {string[][]} */ rows,
  /** @type {boolean} */ scripted,
  /** @type {string[]} */ titles,
) {
  if (scripted) return rows.map((r) => `${r.join('\t')}\n`).join('');
  // zprop_width: a number column is at least 5 wide ("20.4M").
  const widths = props.map((p, i) =>
    Math.max(titles[i]?.length ?? 0, isRightAligned(p) ? 5 : 0, ...rows.map((r) => r[i]?.length ?? 0)),
  );
  const line = (/** @type {string[]} */ cells) =>
    `${cells
      .map((c, i) => {
        const last = i === cells.length - 1;
        if (isRightAligned(props[i] ?? '')) return c.padStart(widths[i] ?? 0);
        return last ? c : c.padEnd(widths[i] ?? 0);
      })
      .join('  ')}\n`;
  return [line(titles), ...rows.map(line)].join('');
}
