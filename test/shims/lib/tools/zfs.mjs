// zfs (OpenZFS cmd/zfs/zfs_main.c): list, snapshot, destroy, create, get, set over zfs.json.
import { GetoptError, getopt } from '../posix-getopt.mjs';
import { readZfs, writeZfs } from '../pve-state.mjs';
import { ShimExit, now, runShim } from '../shim-runtime.mjs';
import {
  KNOWN_PROPS,
  READONLY,
  canonicalProp,
  columnTitle,
  entries,
  formatValue,
  hierarchicalOrder,
  parentOf,
  poolOf,
  propValue,
  renderTable,
} from '../zfs-model.mjs';
import { receive, rollback, send } from '../zfs-replication.mjs';
import { datasetNameError, nicebytes } from '../zfs-names.mjs';

const USAGE = /** @type {Record<string, string>} */ ({
  list: '\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...\n\t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...\n',
  snapshot: '\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...\n',
  destroy:
    '\tdestroy [-fnpRrv] <filesystem|volume>\n\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]\n\tdestroy <filesystem|volume>#<bookmark>\n',
  create:
    '\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>\n',
  get: '\tget [-rHp] [-d max] [-o "all" | field[,...]]\n\t    [-t type[,...]] [-s source[,...]]\n\t    <"all" | property[,...]> [filesystem|volume|snapshot|bookmark] ...\n',
  set: '\tset <property=value> ... <filesystem|volume|snapshot> ...\n',
});

/** usage(B_FALSE): an optional message, "usage:" and the command's synopsis, exit 2. */
function usage(/** @type {string} */ cmd, msg = '') {
  return new ShimExit(2, `${msg}usage:\n${USAGE[cmd] ?? ''}`);
}

/** @param {string} cmd @param {string[]} args @param {string} spec */
function parse(cmd, args, spec) {
  try {
    return getopt(args, spec);
  } catch (error) {
    if (error instanceof GetoptError) throw usage(cmd, `${error.message}\n`);
    throw error;
  }
}

const exists = (/** @type {import('../pve-state.mjs').Zfs} */ z, /** @type {string} */ name) =>
  z.datasets.some((d) => d.name === name) || z.snapshots.some((s) => s.name === name);

/** zfs_open: the libzfs error for a name that is invalid or absent. */
function openError(/** @type {import('../pve-state.mjs').Zfs} */ z, /** @type {string} */ name) {
  const why = datasetNameError(name, 'any');
  if (why) return `cannot open '${name}': ${why}\n`;
  if (!exists(z, name)) return `cannot open '${name}': dataset does not exist\n`;
  return undefined;
}

const descendants = (/** @type {import('../pve-state.mjs').Zfs} */ z, /** @type {string} */ name) =>
  z.datasets.filter((d) => d.name === name || d.name.startsWith(`${name}/`)).map((d) => d.name);

/** @param {string[]} args @param {(t: string) => void} out @param {(t: string) => void} err */
function list(args, out, err) {
  const { opts, operands } = parse('list', args, 'Hprd:o:s:S:t:');
  const z = readZfs();
  let scripted = false;
  let parsable = false;
  let depth = operands.length === 0 ? Number.POSITIVE_INFINITY : 0;
  let props = ['name', 'used', 'available', 'referenced', 'mountpoint'];
  /** @type {[string, 1 | -1][]} */
  const sorts = [];
  let types = new Set(['filesystem', 'volume']);
  let typesGiven = false;
  for (const [o, v] of opts) {
    if (o === 'H') scripted = true;
    else if (o === 'p') parsable = true;
    else if (o === 'r') depth = Number.POSITIVE_INFINITY;
    else if (o === 'd') depth = Number(v);
    else if (o === 'o') props = v.split(',');
    else if (o === 's' || o === 'S') sorts.push([v, o === 's' ? 1 : -1]);
    else if (o === 't') {
      typesGiven = true;
      const want = v.split(',').map((t) => ({ fs: 'filesystem', vol: 'volume', snap: 'snapshot' })[t] ?? t);
      types = new Set(want.includes('all') ? ['filesystem', 'volume', 'snapshot'] : want);
      const bad = [...types].find((t) => !['filesystem', 'volume', 'snapshot', 'bookmark'].includes(t));
      if (bad) throw usage('list', `invalid type '${bad}'\n`);
    }
  }
  for (const p of [...props, ...sorts.map((s) => s[0])]) {
    if (!KNOWN_PROPS.has(p) && !p.includes(':'))
      throw usage('list', `bad property list: invalid property '${p}'\n`);
  }
  const all = hierarchicalOrder(entries(z));
  let code = 0;
  /** @type {typeof all} */
  let chosen;
  if (operands.length === 0) chosen = all;
  else {
    chosen = [];
    for (const name of operands) {
      const e = openError(z, name);
      if (e) {
        err(e);
        code = 1;
        continue;
      }
      const root = all.find((x) => x.name === name);
      if (!root) continue;
      const baseDepth = name.split('/').length;
      const snapsOfFs = typesGiven && types.has('snapshot') && !types.has('filesystem') && depth === 0;
      for (const x of all) {
        const ds = x.name.split('@')[0] ?? '';
        const within = ds === name || ds.startsWith(`${name}/`);
        if (!within) continue;
        const d = ds.split('/').length - baseDepth + (x.type === 'snapshot' ? 1 : 0);
        if (x.name === name || d <= depth || (snapsOfFs && x.type === 'snapshot' && ds === name))
          chosen.push(x);
      }
    }
  }
  chosen = chosen.filter((x) => types.has(x.type));
  if (sorts.length > 0) {
    const key = (/** @type {(typeof all)[number]} */ e, /** @type {string} */ p) => propValue(z, e, p).value;
    chosen = chosen
      .map((e, i) => ({ e, i }))
      .sort((a, b) => {
        for (const [p, dir] of sorts) {
          const x = key(a.e, p);
          const y = key(b.e, p);
          if (x === y) continue;
          const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
          return cmp * dir;
        }
        return a.i - b.i;
      })
      .map((x) => x.e);
  }
  const rows = chosen.map((e) => props.map((p) => formatValue(p, propValue(z, e, p).value, parsable)));
  if (rows.length === 0) {
    if (code === 0 && !scripted) err('no datasets available\n');
    return code;
  }
  out(renderTable(props, rows, scripted, props.map(columnTitle)));
  return code;
}

/** @param {string[]} args */
function snapshot(args) {
  const { opts, operands } = parse('snapshot', args, 'ro:');
  const recursive = opts.some(([o]) => o === 'r');
  /** @type {Record<string, string>} */
  const props = {};
  for (const [o, v] of opts) {
    if (o !== 'o') continue;
    const eq = v.indexOf('=');
    if (eq < 0) throw usage('snapshot', `missing '=' for property=value argument\n`);
    props[v.slice(0, eq)] = v.slice(eq + 1);
  }
  if (operands.length === 0) throw usage('snapshot', 'missing snapshot argument\n');
  const z = readZfs();
  const created = Math.floor(now().getTime() / 1000);
  /** @type {string[]} */
  const names = [];
  for (const arg of operands) {
    const at = arg.indexOf('@');
    if (at < 0) throw usage('snapshot');
    const ds = arg.slice(0, at);
    const snap = arg.slice(at + 1);
    const openErr =
      openError(z, ds) ??
      (z.datasets.some((d) => d.name === ds) ? undefined : `cannot open '${ds}': dataset does not exist\n`);
    if (openErr) throw usage('snapshot', openErr);
    for (const d of recursive ? descendants(z, ds) : [ds]) names.push(`${d}@${snap}`);
  }
  for (const name of names) {
    const why = datasetNameError(name, 'snapshot');
    if (why) throw new ShimExit(1, `cannot create snapshot '${name}': ${why}\n`);
  }
  const clash = names.find((n) => z.snapshots.some((s) => s.name === n));
  if (clash) throw new ShimExit(1, `cannot create snapshot '${clash}': dataset already exists\n`);
  for (const name of names) z.snapshots.push({ name, creation: created, ...props });
  writeZfs(z);
  return 0;
}

/** Snapshot names in a destroy spec "a,b%d" among a dataset's snapshots (in creation order). */
function matchSnapshots(/** @type {string[]} */ snaps, /** @type {string} */ spec) {
  /** @type {Set<string>} */
  const hit = new Set();
  for (const part of spec.split(',')) {
    const pct = part.indexOf('%');
    if (pct < 0) {
      if (snaps.includes(part)) hit.add(part);
      continue;
    }
    const from = part.slice(0, pct);
    const to = part.slice(pct + 1);
    const a = from === '' ? 0 : snaps.indexOf(from);
    const b = to === '' ? snaps.length - 1 : snaps.indexOf(to);
    if (a < 0 || b < 0) continue;
    for (let i = a; i <= b; i++) hit.add(/** @type {string} */ (snaps[i]));
  }
  return hit;
}

/** @param {string[]} args @param {(t: string) => void} out */
function destroy(args, out) {
  const { opts, operands } = parse('destroy', args, 'vpndfrR');
  const flag = (/** @type {string} */ f) => opts.some(([o]) => o === f);
  const recursive = flag('r') || flag('R');
  const dry = flag('n');
  const verbose = flag('v');
  const parsable = flag('p');
  if (operands.length === 0) throw usage('destroy', 'missing dataset argument\n');
  if (operands.length > 1) throw usage('destroy', 'too many arguments\n');
  const target = /** @type {string} */ (operands[0]);
  const z = readZfs();
  const at = target.indexOf('@');
  if (at >= 0) {
    const ds = target.slice(0, at);
    const openErr = openError(z, ds);
    if (openErr) throw new ShimExit(1, openErr);
    /** @type {string[]} */
    const doomed = [];
    for (const d of recursive ? descendants(z, ds) : [ds]) {
      const snaps = z.snapshots
        .filter((s) => s.name.split('@')[0] === d)
        .sort((a, b) => a.creation - b.creation)
        .map((s) => s.name.split('@')[1] ?? '');
      for (const s of matchSnapshots(snaps, target.slice(at + 1))) doomed.push(`${d}@${s}`);
    }
    if (doomed.length === 0) {
      throw new ShimExit(1, 'could not find any snapshots to destroy; check snapshot names.\n');
    }
    if (verbose) {
      for (const name of doomed)
        out(parsable ? `destroy\t${name}\n` : `${dry ? 'would' : 'will'} destroy ${name}\n`);
      const reclaim = z.snapshots
        .filter((s) => doomed.includes(s.name))
        .reduce((n, s) => n + Number(s['used'] ?? 0), 0);
      out(parsable ? `reclaim\t${reclaim}\n` : `${dry ? 'would' : 'will'} reclaim ${nicebytes(reclaim)}\n`);
    }
    if (!dry) {
      z.snapshots = z.snapshots.filter((s) => !doomed.includes(s.name));
      writeZfs(z);
    }
    return 0;
  }
  const openErr = openError(z, target);
  if (openErr) throw new ShimExit(1, openErr);
  if (!target.includes('/')) {
    throw new ShimExit(
      1,
      `cannot destroy '${target}': operation does not apply to pools\nuse 'zfs destroy -r ${target}' to destroy all datasets in the pool\nuse 'zpool destroy ${target}' to destroy the pool itself\n`,
    );
  }
  const tree = descendants(z, target);
  const snaps = z.snapshots.filter((s) => tree.includes(s.name.split('@')[0] ?? '')).map((s) => s.name);
  const dependents = [...tree.filter((n) => n !== target), ...snaps];
  if (dependents.length > 0 && !recursive) {
    const kind =
      z.datasets.find((d) => d.name === target)?.properties?.['type'] === 'volume' ? 'volume' : 'filesystem';
    throw new ShimExit(
      1,
      `cannot destroy '${target}': ${kind} has children\nuse '-r' to destroy the following datasets:\n${dependents.join('\n')}\n`,
    );
  }
  if (verbose) for (const name of [...dependents, target]) out(`${dry ? 'would' : 'will'} destroy ${name}\n`);
  if (!dry) {
    z.datasets = z.datasets.filter((d) => !tree.includes(d.name));
    z.snapshots = z.snapshots.filter((s) => !snaps.includes(s.name));
    writeZfs(z);
  }
  return 0;
}

/** @param {string[]} args */
function create(args) {
  const { opts, operands } = parse('create', args, 'Pnpuvsb:o:V:');
  const withParents = opts.some(([o]) => o === 'p');
  /** @type {Record<string, string | number>} */
  const props = {};
  for (const [o, v] of opts) {
    if (o === 'o') {
      const eq = v.indexOf('=');
      if (eq < 0) throw usage('create', `missing '=' for property=value argument\n`);
      props[canonicalProp(v.slice(0, eq))] = v.slice(eq + 1);
    } else if (o === 'V') {
      props['type'] = 'volume';
      props['volsize'] = v;
    }
  }
  if (operands.length === 0) throw usage('create', 'missing filesystem argument\n');
  if (operands.length > 1) throw usage('create', 'too many arguments\n');
  const name = /** @type {string} */ (operands[0]);
  const why = datasetNameError(name, 'filesystem');
  if (why) throw new ShimExit(1, `cannot create '${name}': ${why}\n`);
  if (!name.includes('/')) throw new ShimExit(1, `cannot create '${name}': missing dataset name\n`);
  const z = readZfs();
  const pool = poolOf(name);
  if (!z.pools.some((p) => p.name === pool))
    throw new ShimExit(1, `cannot create '${name}': no such pool '${pool}'\n`);
  if (exists(z, name)) throw new ShimExit(1, `cannot create '${name}': dataset already exists\n`);
  const missing = [];
  for (let parent = parentOf(name); parent && !exists(z, parent); parent = parentOf(parent))
    missing.unshift(parent);
  if (missing.length > 0 && !withParents)
    throw new ShimExit(1, `cannot create '${name}': parent does not exist\n`);
  const created = Math.floor(now().getTime() / 1000);
  for (const m of missing) z.datasets.push({ name: m, properties: { creation: created } });
  z.datasets.push({ name, properties: { ...props, creation: created } });
  writeZfs(z);
  return 0;
}

/** @param {string[]} args @param {(t: string) => void} out @param {(t: string) => void} err */
function get(args, out, err) {
  const { opts, operands } = parse('get', args, 'rHpd:o:s:t:');
  const scripted = opts.some(([o]) => o === 'H');
  const parsable = opts.some(([o]) => o === 'p');
  const recursive = opts.some(([o]) => o === 'r' || o === 'd');
  let fields = ['name', 'property', 'value', 'source'];
  for (const [o, v] of opts) if (o === 'o') fields = v === 'all' ? fields : v.split(',');
  const [propArg, ...names] = operands;
  if (!propArg) throw usage('get', 'missing property argument\n');
  const z = readZfs();
  const all = hierarchicalOrder(entries(z));
  const props =
    propArg === 'all'
      ? ['type', 'creation', 'used', 'available', 'referenced', 'compression', 'mountpoint']
      : propArg.split(',');
  for (const p of props)
    if (!KNOWN_PROPS.has(p) && !p.includes(':'))
      throw usage('get', `bad property list: invalid property '${p}'\n`);
  let code = 0;
  /** @type {typeof all} */
  const chosen = [];
  for (const name of names.length ? names : all.filter((e) => e.type !== 'snapshot').map((e) => e.name)) {
    const e = openError(z, name);
    if (e) {
      err(e);
      code = 1;
      continue;
    }
    for (const x of all) if (x.name === name || (recursive && x.name.startsWith(`${name}/`))) chosen.push(x);
  }
  /** @type {string[][]} */
  const rows = [];
  for (const e of chosen) {
    for (const p of props) {
      const { value, source } = propValue(z, e, p);
      const cells = /** @type {Record<string, string>} */ ({
        name: e.name,
        property: p,
        value: formatValue(p, value, parsable),
        source,
      });
      rows.push(fields.map((f) => cells[f] ?? '-'));
    }
  }
  if (rows.length === 0) return code;
  if (scripted) out(rows.map((r) => `${r.join('\t')}\n`).join(''));
  else {
    const titles = fields.map((f) => f.toUpperCase());
    const widths = fields.map((_, i) =>
      Math.max(titles[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)),
    );
    const line = (/** @type {string[]} */ c) =>
      `${c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i] ?? 0))).join('  ')}\n`;
    out([line(titles), ...rows.map(line)].join(''));
  }
  return code;
}

/** @param {string[]} args */
function set(args) {
  const assignments = args.filter((a) => a.includes('='));
  const names = args.filter((a) => !a.includes('='));
  if (assignments.length === 0) throw usage('set', 'missing arguments\n');
  if (names.length === 0) throw usage('set', 'missing dataset name(s)\n');
  const z = readZfs();
  for (const name of names) {
    const e = openError(z, name);
    if (e) throw new ShimExit(1, e);
  }
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const prop = canonicalProp(a.slice(0, eq));
    for (const name of names) {
      if (!KNOWN_PROPS.has(prop) && !prop.includes(':')) {
        throw new ShimExit(1, `cannot set property for '${name}': invalid property '${prop}'\n`);
      }
      if (READONLY.has(prop))
        throw new ShimExit(1, `cannot set property for '${name}': '${prop}' is readonly\n`);
    }
  }
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const prop = canonicalProp(a.slice(0, eq));
    for (const name of names) {
      const d = z.datasets.find((x) => x.name === name);
      if (d) d.properties = { ...(d.properties ?? {}), [prop]: a.slice(eq + 1) };
      const s = z.snapshots.find((x) => x.name === name);
      if (s) s[prop] = a.slice(eq + 1);
    }
  }
  writeZfs(z);
  return 0;
}

runShim('zfs', ({ argv, out, err }) => {
  const [sub, ...args] = argv;
  switch (sub) {
    case 'list':
      return list(args, out, err);
    case 'snapshot':
    case 'snap':
      return snapshot(args);
    case 'destroy':
      return destroy(args, out);
    case 'create':
      return create(args);
    case 'get':
      return get(args, out, err);
    case 'set':
      return set(args);
    case 'rollback':
      return rollback(args);
    case 'send':
      return send(args, out);
    case 'receive':
    case 'recv':
      return receive(args);
    case undefined:
      throw new ShimExit(2, "usage: zfs command args ...\nwhere 'command' is one of the following:\n\n");
    default:
      if (
        [
          'rename',
          'rollback',
          'clone',
          'promote',
          'send',
          'receive',
          'recv',
          'mount',
          'unmount',
          'inherit',
          'upgrade',
          'userspace',
          'groupspace',
          'hold',
          'release',
          'holds',
          'diff',
          'bookmark',
          'allow',
          'unallow',
          'share',
          'unshare',
          'load-key',
          'unload-key',
          'change-key',
          'program',
          'project',
          'redact',
          'wait',
          'jail',
          'unjail',
          'version',
        ].includes(sub)
      ) {
        throw new ShimExit(
          70,
          `nix-mox shim: 'zfs ${sub}' is a real command that this test double does not simulate\n`,
        );
      }
      throw new ShimExit(2, `unrecognized command '${sub}'\nusage: zfs command args ...\n`);
  }
});
