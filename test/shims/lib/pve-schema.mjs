// The Proxmox VE API schema (pve-docs apidata.json): loading, finding the handler for a
// method and concrete path the way PVE::API2->find_handler does, and turning a property's
// `format` (a key table, or a registered name plus its `typetext`) into a key table.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const libDir = dirname(fileURLToPath(import.meta.url));

/** The full schema beside the repository (CI always has it). */
export const sharedSchemaFile = resolve(libDir, '../../../../shared/proxmox-api/apidata.json');

/**
 * Without ../shared (a clone on its own, `npm run demo` on a user's machine) the shims use the copy in the
 * repository: the same schema with descriptions and return types dropped (see slim() below); a test checks
 * that it equals slim(apidata.json) whenever ../shared is there.
 */
export const bundledSchemaFile = resolve(libDir, '../data/pve-api-9.1.slim.json');

/** $NIX_MOX_PVE_API, else <repo>/../shared/proxmox-api/apidata.json, else the bundled slim copy. */
export function apiSchemaFile() {
  if (process.env['NIX_MOX_PVE_API']) return process.env['NIX_MOX_PVE_API'];
  return existsSync(sharedSchemaFile) ? sharedSchemaFile : bundledSchemaFile;
}

/**
 * @typedef {Record<string, any>} PropSchema
 * @typedef {{ parameters?: { properties?: Record<string, PropSchema> }, returns?: PropSchema, name?: string }} MethodInfo
 * @typedef {{ path: string, info?: Record<string, MethodInfo>, children?: ApiNode[] }} ApiNode
 */

/** @type {{ file: string, nodes: ApiNode[] } | undefined} */
let loaded;

// Descriptions and return schemas are most of the 1.2 MB file; the shims never print them. A slim
// copy, keyed by the schema file's path, size and mtime, is cached in the temp dir so that a shim
// call parses a fifth of it.
const UNUSED_KEYS = new Set(['description', 'verbose_description', 'returns', 'permissions', 'text']);
/** @param {unknown} v @returns {unknown} */
export function slim(v) {
  if (Array.isArray(v)) return v.map(slim);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !UNUSED_KEYS.has(k))
      .map(([k, x]) => [k, slim(x)]),
  );
}

/** @param {string} file @returns {ApiNode[]} */
function readRoots(file) {
  const st = statSync(file);
  const key = createHash('sha256').update(`${file}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), `nix-mox-pve-api-${key}.json`);
  try {
    return JSON.parse(readFileSync(cache, 'utf8'));
  } catch {
    const roots = /** @type {ApiNode[]} */ (slim(JSON.parse(readFileSync(file, 'utf8'))));
    const tmp = `${cache}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(roots));
      renameSync(tmp, cache);
    } catch {
      // a read-only temp dir only costs speed
    }
    return roots;
  }
}

/** @returns {ApiNode[]} every node of the tree that has a path, flattened */
export function apiNodes() {
  const file = apiSchemaFile();
  if (loaded?.file === file) return loaded.nodes;
  const roots = readRoots(file);
  /** @type {ApiNode[]} */
  const nodes = [];
  const walk = (/** @type {ApiNode} */ n) => {
    nodes.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  for (const r of roots) walk(r);
  loaded = { file, nodes };
  return nodes;
}

/** @param {string} path */
export function splitApiPath(path) {
  return path.split('/').filter((s) => s !== '');
}

/**
 * The handler for a concrete path: `{param}` segments match any non-empty segment; among
 * several matches the one with the most literal segments wins.
 * @param {string} method GET | POST | PUT | DELETE
 * @param {string} path e.g. /nodes/pve/qemu/100/config
 * @returns {{ template: string, info: MethodInfo, uriParams: Record<string, string> } | undefined}
 */
export function findHandler(method, path) {
  const want = splitApiPath(path);
  /** @type {{ template: string, info: MethodInfo, uriParams: Record<string, string>, literals: number } | undefined} */
  let best;
  for (const node of apiNodes()) {
    const info = node.info?.[method];
    if (!info) continue;
    const segs = splitApiPath(node.path);
    if (segs.length !== want.length) continue;
    /** @type {Record<string, string>} */
    const uriParams = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < segs.length; i++) {
      const seg = /** @type {string} */ (segs[i]);
      const got = /** @type {string} */ (want[i]);
      const m = /^\{(.+)\}$/.exec(seg);
      if (m) uriParams[/** @type {string} */ (m[1])] = got;
      else if (seg === got) literals++;
      else {
        ok = false;
        break;
      }
    }
    if (ok && (!best || literals > best.literals)) best = { template: node.path, info, uriParams, literals };
  }
  if (!best) return undefined;
  return { template: best.template, info: best.info, uriParams: best.uriParams };
}

/** Properties of a method with the numbered `name[n]` entries expanded to name0..nameN. */
export function methodProperties(/** @type {MethodInfo} */ info) {
  /** @type {Record<string, PropSchema>} */
  const props = {};
  for (const [key, schema] of Object.entries(info.parameters?.properties ?? {})) {
    const m = /^(.+)\[n\]$/.exec(key);
    if (!m) {
      props[key] = schema;
      continue;
    }
    const max = NUMBERED_MAX[/** @type {string} */ (m[1])] ?? 31;
    for (let i = 0; i <= max; i++) props[`${m[1]}${i}`] = schema;
  }
  return props;
}

// Highest index of numbered options, from the Proxmox sources (qemu-server: MAX_HOSTPCI_DEVICES 16,
// MAX_NETS 32, MAX_USB_DEVICES 14, drive counts; pve-container: MAX_LXC_NETWORKS 32, MAX_MOUNT_POINTS 256).
/** @type {Record<string, number>} */
const NUMBERED_MAX = {
  hostpci: 15,
  net: 31,
  usb: 13,
  scsi: 30,
  virtio: 15,
  sata: 5,
  ide: 3,
  serial: 3,
  parallel: 2,
  numa: 7,
  ipconfig: 31,
  unused: 255,
  mp: 255,
  dev: 255,
  virtiofs: 9,
};

// What a typetext cannot say about a key (patterns, sub-formats, ranges), copied from the
// Perl source that registers the format: qemu-server PVE/QemuServer/PCI.pm ($PCIRE, mapping),
// pve-common PVE/JSONSchema.pm ($prune_backups_format: integer, minimum 0).
const PCIRE = '(?:[a-f0-9]{4,}:)?[a-f0-9]{2}:[a-f0-9]{2}(?:\\.[a-f0-9])?';
const pruneKeep = { type: 'integer', minimum: 0, optional: 1 };
/** @type {Record<string, Record<string, PropSchema>>} */
const KEY_OVERRIDES = {
  'pve-qm-hostpci': {
    host: { type: 'string', pattern: `${PCIRE}(;${PCIRE})*`, default_key: 1, optional: 1 },
    mapping: { type: 'string', format: 'pve-configid', optional: 1 },
  },
  'prune-backups': {
    'keep-last': pruneKeep,
    'keep-hourly': pruneKeep,
    'keep-daily': pruneKeep,
    'keep-weekly': pruneKeep,
    'keep-monthly': pruneKeep,
    'keep-yearly': pruneKeep,
  },
  'backup-fleecing': { storage: { type: 'string', format: 'pve-storage-id', optional: 1 } },
};

/** @param {string} spec the value part of one typetext item, e.g. `<1|0>` or `\d+` */
function specToSchema(spec) {
  if (spec === '<1|0>') return { type: 'boolean' };
  if (spec === '<integer>' || spec === '<N>') return { type: 'integer' };
  if (spec === '<number>') return { type: 'number' };
  const angle = /^<([^<>]*)>$/.exec(spec);
  if (angle) {
    const alts = /** @type {string} */ (angle[1]).split('|');
    if (alts.length > 1 && alts.every((a) => /^[\w./-]+$/.test(a) && !/^\d+-\d+$/.test(a))) {
      return { type: 'string', enum: alts };
    }
    return { type: 'string' };
  }
  if (spec.includes('<')) return { type: 'string' };
  return { type: 'string', pattern: spec };
}

/** @type {Map<string, Record<string, PropSchema>>} */
const typetextCache = new Map();

/**
 * Key table of a property string described only by its typetext, e.g.
 * `[[host=]<HOSTPCIID[;HOSTPCIID2...]>] [,pcie=<1|0>] [,x-vga=<1|0>]`.
 * @param {string} formatName @param {string} typetext
 * @returns {Record<string, PropSchema>}
 */
export function typetextKeys(formatName, typetext) {
  const cacheKey = `${formatName}\n${typetext}`;
  const hit = typetextCache.get(cacheKey);
  if (hit) return hit;
  /** @type {string[]} */
  const tokens = [];
  let cur = '';
  let angle = 0;
  for (const ch of typetext) {
    if (ch === '<') angle++;
    if (ch === '>') angle = Math.max(0, angle - 1);
    if (ch === ' ' && angle === 0) {
      if (cur) tokens.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) tokens.push(cur);
  /** @type {Record<string, PropSchema>} */
  const keys = {};
  for (let token of tokens) {
    let optional = false;
    if (token.startsWith('[') && !/^\[[\w-]+=\]/.test(token) && token.endsWith(']')) {
      optional = true;
      token = token.slice(1, -1);
    }
    if (token.startsWith(',')) token = token.slice(1);
    const dflt = /^\[([\w-]+)=\](.*)$/.exec(token);
    const plain = /^([\w-]+)=(.*)$/.exec(token);
    const m = dflt ?? plain;
    if (!m) continue;
    keys[/** @type {string} */ (m[1])] = {
      ...specToSchema(/** @type {string} */ (m[2])),
      ...(optional ? { optional: 1 } : {}),
      ...(dflt ? { default_key: 1 } : {}),
    };
  }
  Object.assign(keys, KEY_OVERRIDES[formatName] ?? {});
  typetextCache.set(cacheKey, keys);
  return keys;
}

/**
 * The key table of a property-string property, or undefined for a plain value.
 * @param {PropSchema} prop
 * @returns {Record<string, PropSchema> | undefined}
 */
export function propertyStringKeys(prop) {
  const fmt = prop['format'];
  if (fmt && typeof fmt === 'object') return fmt;
  const typetext = prop['typetext'];
  if (typeof fmt === 'string' && typeof typetext === 'string' && /(^|[\s,[])[\w-]+=/.test(typetext)) {
    return typetextKeys(fmt, typetext);
  }
  return undefined;
}
