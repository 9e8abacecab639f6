// zpool (OpenZFS cmd/zpool/zpool_main.c): list, status, create, destroy over zfs.json; device
// sizes and in-use marks come from disks.json { "/dev/disk/by-id/...": { "sizeBytes": N, "inUse": "ext4" } }.
import { GetoptError, getopt } from '../posix-getopt.mjs';
import { readZfs, writeZfs } from '../pve-state.mjs';
import { ShimExit, now, readState, runShim } from '../shim-runtime.mjs';
import { nicebytes, poolNameError } from '../zfs-names.mjs';

const USAGE = /** @type {Record<string, string>} */ ({
  list: '\tlist [-gHLpPv] [-o property[,...]] [-T d|u] [pool] ... \n\t    [interval [count]]\n',
  status:
    '\tstatus [-c [script1,script2,...]] [-DegiLpPstvx] [-T d|u] [pool] ...\n\t    [interval [count]]\n',
  create:
    '\tcreate [-fnd] [-o property=value] ... \n\t    [-O file-system-property=value] ... \n\t    [-m mountpoint] [-R root] <pool> <vdev> ...\n',
  destroy: '\tdestroy [-f] <pool>\n',
});
const usage = (/** @type {string} */ cmd, msg = '') => new ShimExit(2, `${msg}usage:\n${USAGE[cmd] ?? ''}`);

/** @param {string} cmd @param {string[]} args @param {string} spec */
function parse(cmd, args, spec) {
  try {
    return getopt(args, spec);
  } catch (error) {
    if (error instanceof GetoptError) throw usage(cmd, `${error.message}\n`);
    throw error;
  }
}

/** @typedef {import('../pve-state.mjs').Pool} Pool */
/** @param {Pool} p */
const vdevsOf = (p) =>
  /** @type {{ type: string, disks: string[] }[]} */ (
    Array.isArray(p['vdevs']) ? p['vdevs'] : [{ type: p.layout || 'stripe', disks: p.disks ?? [] }]
  );

const ALIASES = /** @type {Record<string, string>} */ ({
  alloc: 'allocated',
  cap: 'capacity',
  frag: 'fragmentation',
  dedup: 'dedupratio',
  ckpoint: 'checkpoint',
  expandsz: 'expandsize',
});
const TITLES = /** @type {Record<string, string>} */ ({
  allocated: 'ALLOC',
  capacity: 'CAP',
  fragmentation: 'FRAG',
  dedupratio: 'DEDUP',
  checkpoint: 'CKPOINT',
  expandsize: 'EXPANDSZ',
});
const NUMERIC = new Set([
  'size',
  'allocated',
  'free',
  'checkpoint',
  'expandsize',
  'fragmentation',
  'capacity',
  'dedupratio',
]);

/** A pool property as zpool_get_prop / print_one_column print it (-p: literal). */
function poolValue(/** @type {Pool} */ p, /** @type {string} */ prop, /** @type {boolean} */ literal) {
  const free = Math.max(0, p.sizeBytes - p.allocBytes);
  const bytes = (/** @type {number} */ n) => (literal ? String(n) : nicebytes(n));
  switch (prop) {
    case 'name':
      return p.name;
    case 'size':
      return bytes(p.sizeBytes);
    case 'allocated':
      return bytes(p.allocBytes);
    case 'free':
      return bytes(free);
    case 'checkpoint':
    case 'expandsize':
      return '-';
    case 'fragmentation': {
      const f = Number(p['fragmentation'] ?? 0);
      return literal ? String(f) : `${f}%`;
    }
    case 'capacity': {
      const c = p.sizeBytes > 0 ? Math.floor((p.allocBytes * 100) / p.sizeBytes) : 0;
      return literal ? String(c) : `${c}%`;
    }
    case 'dedupratio':
      return literal ? '1.00' : '1.00x';
    case 'health':
      return p.health;
    case 'altroot':
      return String(p['altroot'] ?? '-');
    default: {
      const props = /** @type {Record<string, unknown>} */ (p['properties'] ?? {});
      return String(props[prop] ?? p[prop] ?? '-');
    }
  }
}

/** @param {string[]} args @param {(t: string) => void} out @param {(t: string) => void} err */
function list(args, out, err) {
  const { opts, operands } = parse('list', args, 'gHLpPvo:T:');
  const scripted = opts.some(([o]) => o === 'H');
  const literal = opts.some(([o]) => o === 'p');
  let props = [
    'name',
    'size',
    'allocated',
    'free',
    'checkpoint',
    'expandsize',
    'fragmentation',
    'capacity',
    'dedupratio',
    'health',
    'altroot',
  ];
  for (const [o, v] of opts) if (o === 'o') props = v.split(',').map((x) => ALIASES[x] ?? x);
  const z = readZfs();
  let code = 0;
  /** @type {Pool[]} */
  let pools = [...z.pools].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (operands.length > 0) {
    pools = [];
    for (const name of operands) {
      const p = z.pools.find((x) => x.name === name);
      if (!p) {
        err(`cannot open '${name}': no such pool\n`);
        code = 1;
      } else pools.push(p);
    }
  }
  if (pools.length === 0) {
    if (operands.length === 0) err('no pools available\n');
    return code;
  }
  const rows = pools.map((p) => props.map((prop) => poolValue(p, prop, literal)));
  if (scripted) {
    out(rows.map((r) => `${r.join('\t')}\n`).join(''));
    return code;
  }
  const titles = props.map((p) => TITLES[p] ?? p.toUpperCase());
  const right = (/** @type {string} */ p) => NUMERIC.has(p) || p === 'health';
  const widths = props.map((p, i) =>
    Math.max(
      titles[i]?.length ?? 0,
      NUMERIC.has(p) ? 5 : p === 'health' ? 8 : 0,
      ...rows.map((r) => r[i]?.length ?? 0),
    ),
  );
  const line = (/** @type {string[]} */ cells) =>
    `${cells
      .map((c, i) =>
        right(props[i] ?? '')
          ? c.padStart(widths[i] ?? 0)
          : i === cells.length - 1
            ? c
            : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')}\n`;
  out([line(titles), ...rows.map(line)].join(''));
  return code;
}

/** @param {string[]} args @param {(t: string) => void} out @param {(t: string) => void} err */
function status(args, out, err) {
  const { operands } = parse('status', args, 'c:DegiLpPstvxT:');
  const z = readZfs();
  const pools = operands.length ? operands : z.pools.map((p) => p.name).sort();
  if (pools.length === 0) {
    err('no pools available\n');
    return 0;
  }
  let code = 0;
  /** @type {string[]} */
  const blocks = [];
  for (const name of pools) {
    const p = z.pools.find((x) => x.name === name);
    if (!p) {
      err(`cannot open '${name}': no such pool\n`);
      code = 1;
      continue;
    }
    /** @type {[number, string][]} */
    const tree = [[0, p.name]];
    vdevsOf(p).forEach((v, i) => {
      if (v.type === 'stripe') for (const d of v.disks) tree.push([2, d.split('/').pop() ?? d]);
      else {
        tree.push([2, `${v.type === 'raidz' ? 'raidz1' : v.type}-${i}`]);
        for (const d of v.disks) tree.push([4, d.split('/').pop() ?? d]);
      }
    });
    const width = Math.max(10, ...tree.map(([depth, n]) => depth + n.length));
    const row = (/** @type {number} */ depth, /** @type {string} */ n) =>
      `\t${' '.repeat(depth)}${n.padEnd(width - depth)}  ${p.health.padEnd(8)} ${'0'.padStart(5)} ${'0'.padStart(5)} ${'0'.padStart(5)}\n`;
    blocks.push(
      `  pool: ${p.name}\n state: ${p.health}\nconfig:\n\n\t${'NAME'.padEnd(width)}  ${'STATE'.padEnd(8)} ${'READ'.padStart(5)} ${'WRITE'.padStart(5)} ${'CKSUM'.padStart(5)}\n${tree
        .map(([d, n]) => row(d, n))
        .join('')}\nerrors: No known data errors\n`,
    );
  }
  out(blocks.join('\n'));
  return code;
}

const MIN_DISKS = /** @type {Record<string, number>} */ ({ mirror: 2, raidz1: 2, raidz2: 3, raidz3: 4 });

/** @param {string[]} args @param {(t: string) => void} out */
function create(args, out) {
  const { opts, operands } = parse('create', args, 'fndo:O:m:R:t:');
  const force = opts.some(([o]) => o === 'f');
  const dry = opts.some(([o]) => o === 'n');
  const [name, ...spec] = operands;
  if (!name) throw usage('create', 'missing pool name argument\n');
  if (spec.length === 0) throw usage('create', 'missing vdev specification\n');
  const why = poolNameError(name);
  if (why) throw new ShimExit(1, `cannot create '${name}': ${why}\n`);
  /** @type {{ type: string, disks: string[] }[]} */
  const vdevs = [];
  for (const tok of spec) {
    const kw = tok === 'raidz' ? 'raidz1' : tok;
    if (['mirror', 'raidz1', 'raidz2', 'raidz3'].includes(kw)) vdevs.push({ type: kw, disks: [] });
    else if (['spare', 'log', 'cache', 'special', 'dedup'].includes(kw)) vdevs.push({ type: kw, disks: [] });
    else {
      const last = vdevs[vdevs.length - 1];
      if (last && last.type !== 'stripe') last.disks.push(tok);
      else if (last) last.disks.push(tok);
      else vdevs.push({ type: 'stripe', disks: [tok] });
    }
  }
  for (const v of vdevs) {
    const min = MIN_DISKS[v.type];
    if (min && v.disks.length < min) {
      throw new ShimExit(1, `invalid vdev specification: ${v.type} requires at least ${min} devices\n`);
    }
  }
  const z = readZfs();
  if (z.pools.some((p) => p.name === name))
    throw new ShimExit(1, `cannot create '${name}': pool already exists\n`);
  /** @type {Record<string, number | { sizeBytes?: number, inUse?: string }>} */
  const disks = readState('disks', {});
  const known = Object.keys(disks).length > 0;
  const all = vdevs.flatMap((v) => v.disks);
  for (const d of all) {
    if (!d.startsWith('/') || (known && disks[d] === undefined)) {
      throw new ShimExit(
        1,
        `cannot open '${d}': no such device in /dev\nmust be a full path or shorthand device name\n`,
      );
    }
  }
  const active = all
    .map((d) => [d, z.pools.find((p) => vdevsOf(p).some((v) => v.disks.includes(d)))?.name])
    .filter(([, p]) => p);
  if (active.length > 0) {
    throw new ShimExit(
      1,
      `invalid vdev specification\nthe following errors must be manually repaired:\n${active.map(([d, p]) => `${d} is part of active pool '${p}'\n`).join('')}`,
    );
  }
  const used = all
    .map((d) => [d, typeof disks[d] === 'object' ? disks[d]?.inUse : undefined])
    .filter(([, u]) => u);
  if (used.length > 0 && !force) {
    throw new ShimExit(
      1,
      `invalid vdev specification\nuse '-f' to override the following errors:\n${used.map(([d, u]) => `${d} contains a filesystem of type '${u}'\n`).join('')}`,
    );
  }
  const sizeOf = (/** @type {string} */ d) => {
    const e = disks[d];
    return typeof e === 'number' ? e : (e?.sizeBytes ?? 0);
  };
  const data = vdevs.filter((v) => ['stripe', 'mirror', 'raidz1', 'raidz2', 'raidz3'].includes(v.type));
  const sizeBytes = data.reduce((sum, v) => {
    const min = Math.min(...v.disks.map(sizeOf));
    if (v.type === 'stripe') return sum + v.disks.reduce((n, d) => n + sizeOf(d), 0);
    if (v.type === 'mirror') return sum + min;
    return sum + min * (v.disks.length - Number(v.type.slice(-1)));
  }, 0);
  if (dry) {
    const lines = [`would create '${name}' with the following layout:\n\n\t${name}\n`];
    for (const v of data) {
      if (v.type === 'stripe') for (const d of v.disks) lines.push(`\t  ${d.split('/').pop()}\n`);
      else {
        lines.push(`\t  ${v.type}\n`);
        for (const d of v.disks) lines.push(`\t    ${d.split('/').pop()}\n`);
      }
    }
    out(lines.join(''));
    return 0;
  }
  /** @type {Record<string, string>} */
  const poolProps = {};
  /** @type {Record<string, string | number>} */
  const fsProps = { creation: Math.floor(now().getTime() / 1000) };
  for (const [o, v] of opts) {
    const eq = v.indexOf('=');
    if (o === 'o' && eq > 0) poolProps[v.slice(0, eq)] = v.slice(eq + 1);
    if (o === 'O' && eq > 0) fsProps[v.slice(0, eq)] = v.slice(eq + 1);
    if (o === 'm') fsProps['mountpoint'] = v;
  }
  z.pools.push({
    name,
    health: 'ONLINE',
    sizeBytes,
    allocBytes: 0,
    layout:
      data.length === 1
        ? (data[0]?.type ?? 'stripe')
        : data.every((v) => v.type === data[0]?.type)
          ? (data[0]?.type ?? 'stripe')
          : 'mixed',
    disks: all,
    vdevs,
    properties: poolProps,
  });
  z.datasets.push({ name, properties: fsProps });
  writeZfs(z);
  return 0;
}

/** @param {string[]} args */
function destroy(args) {
  const { operands } = parse('destroy', args, 'f');
  const name = operands[0];
  if (!name) throw usage('destroy', 'missing pool argument\n');
  const z = readZfs();
  if (!z.pools.some((p) => p.name === name)) throw new ShimExit(1, `cannot open '${name}': no such pool\n`);
  const mine = (/** @type {string} */ n) =>
    n === name || n.startsWith(`${name}/`) || n.startsWith(`${name}@`);
  z.pools = z.pools.filter((p) => p.name !== name);
  z.datasets = z.datasets.filter((d) => !mine(d.name));
  z.snapshots = z.snapshots.filter((s) => !mine(s.name));
  writeZfs(z);
  return 0;
}

runShim('zpool', ({ argv, out, err }) => {
  const [sub, ...args] = argv;
  switch (sub) {
    case 'list':
      return list(args, out, err);
    case 'status':
      return status(args, out, err);
    case 'create':
      return create(args, out);
    case 'destroy':
      return destroy(args);
    case undefined:
      throw new ShimExit(2, "usage: zpool command args ...\nwhere 'command' is one of the following:\n\n");
    default:
      if (
        [
          'add',
          'attach',
          'checkpoint',
          'clear',
          'detach',
          'events',
          'export',
          'get',
          'history',
          'import',
          'initialize',
          'iostat',
          'labelclear',
          'offline',
          'online',
          'reguid',
          'reopen',
          'remove',
          'replace',
          'resilver',
          'scrub',
          'set',
          'split',
          'sync',
          'trim',
          'upgrade',
          'wait',
          'version',
        ].includes(sub)
      ) {
        throw new ShimExit(
          70,
          `nix-mox shim: 'zpool ${sub}' is a real command that this test double does not simulate\n`,
        );
      }
      throw new ShimExit(2, `unrecognized command '${sub}'\nusage: zpool command args ...\n`);
  }
});
