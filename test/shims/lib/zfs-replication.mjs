// zfs rollback, send and receive over zfs.json (openzfs cmd/zfs/zfs_main.c messages). The send stream is a test
// stand-in: one JSON header line (what is sent) padded to the stream's size, so that a pipe carries real bytes.
// `zfs send -n -P` prints the parsable estimate lines ("full|incremental ... SIZE", "size SIZE").
import { readSync } from 'node:fs';
import { restoreGuestDisks } from './nixos-guest.mjs';
import { readZfs, writeZfs } from './pve-state.mjs';
import { ShimExit, now } from './shim-runtime.mjs';

const MAGIC = 'NIXMOX-ZFS-STREAM';
/** Bytes each snapshot adds to a stream unless zfs.json gives it `used`. */
const DEFAULT_SNAPSHOT_BYTES = 256 * 1024;

/** @param {string[]} args @param {string} flags letters without a value */
function options(args, flags, withValue = '') {
  /** @type {Record<string, string | boolean>} */
  const o = {};
  /** @type {string[]} */
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    const a = /** @type {string} */ (args[i]);
    if (a.startsWith('-') && a.length > 1 && a !== '--') {
      for (const ch of a.slice(1)) {
        if (withValue.includes(ch)) o[ch] = args[++i] ?? '';
        else if (flags.includes(ch)) o[ch] = true;
        else throw new ShimExit(2, `invalid option '${ch}'\n`);
      }
    } else if (a !== '--') rest.push(a);
  }
  return { o, rest };
}

const snapsOf = (/** @type {import('./pve-state.mjs').Zfs} */ z, /** @type {string} */ ds) =>
  z.snapshots.filter((s) => s.name.startsWith(`${ds}@`));

export function rollback(/** @type {string[]} */ args) {
  const { o, rest } = options(args, 'rRf');
  const target = rest[0];
  if (!target || rest.length > 1 || !target.includes('@')) {
    throw new ShimExit(
      2,
      `${!target ? 'missing dataset argument' : 'too many arguments'}\nusage:\n\trollback [-rRf] <snapshot>\n`,
    );
  }
  const z = readZfs();
  const ds = target.split('@')[0] ?? '';
  const snaps = snapsOf(z, ds);
  const at = snaps.findIndex((s) => s.name === target);
  if (at < 0) throw new ShimExit(1, `cannot open '${target}': dataset does not exist\n`);
  const newer = snaps.slice(at + 1);
  if (newer.length > 0 && !o['r'] && !o['R']) {
    throw new ShimExit(
      1,
      `cannot rollback to '${target}': more recent snapshots or bookmarks exist\nuse '-r' to force deletion of the following snapshots and bookmarks:\n${newer.map((s) => `${s.name}\n`).join('')}`,
    );
  }
  const gone = new Set(newer.map((s) => s.name));
  z.snapshots = z.snapshots.filter((s) => !gone.has(s.name));
  writeZfs(z);
  restoreGuestDisks(target);
  return 0;
}

const bytesOf = (/** @type {{ used?: unknown }} */ s) =>
  typeof s.used === 'number' ? s.used : DEFAULT_SNAPSHOT_BYTES;

export function send(/** @type {string[]} */ args, /** @type {(t: string) => void} */ out) {
  const { o, rest } = options(args, 'RnPvpLecwh', 'iI');
  const snap = rest[0];
  if (!snap?.includes('@'))
    throw new ShimExit(
      2,
      'missing snapshot argument\nusage:\n\tsend [-DLPbcehnpsvw] [-i|-I snapshot] [-R [-X dataset[,dataset]...]] <snapshot>\n',
    );
  const z = readZfs();
  const ds = snap.split('@')[0] ?? '';
  const snaps = snapsOf(z, ds);
  const to = snaps.findIndex((s) => s.name === snap);
  if (to < 0) throw new ShimExit(1, `cannot open '${snap}': dataset does not exist\n`);
  const fromSpec = /** @type {string | undefined} */ (o['I'] ?? o['i']);
  let from = -1;
  if (fromSpec !== undefined) {
    const full = fromSpec.startsWith('@') ? `${ds}${fromSpec}` : fromSpec;
    from = snaps.findIndex((s) => s.name === full);
    if (from < 0) throw new ShimExit(1, `cannot open '${full}': dataset does not exist\n`);
    if (from >= to)
      throw new ShimExit(1, `cannot send '${snap}': not an earlier snapshot from the same fs\n`);
  }
  // -I sends every snapshot between the two; -i only the last one.
  const sent = fromSpec === undefined ? [snaps[to]] : o['I'] ? snaps.slice(from + 1, to + 1) : [snaps[to]];
  const size = sent.reduce((n, s) => n + bytesOf(/** @type {{ used?: unknown }} */ (s)), 0);
  if (o['n']) {
    if (o['P']) {
      out(
        fromSpec === undefined
          ? `full\t${snap}\t${size}\n`
          : `incremental\t${snaps[from]?.name.split('@')[1]}\t${snap}\t${size}\n`,
      );
      out(`size\t${size}\n`);
    }
    return 0;
  }
  if (process.stdout.isTTY)
    throw new ShimExit(
      1,
      'Error: Stream can not be written to a terminal.\nYou must redirect standard output.\n',
    );
  const header = `${MAGIC} ${JSON.stringify({ dataset: ds, base: from >= 0 ? snaps[from]?.name.split('@')[1] : null, snapshots: sent.map((s) => ({ name: s?.name.split('@')[1], creation: s?.creation })) })}\n`;
  out(header + '\0'.repeat(Math.max(0, size - header.length)));
  return 0;
}

function readStdin() {
  const chunks = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    let n = 0;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code === 'EAGAIN') continue;
      if (/** @type {NodeJS.ErrnoException} */ (e).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

export function receive(/** @type {string[]} */ args) {
  const { o, rest } = options(args, 'uFvnsdeA', 'ox');
  const target = rest[0];
  if (!target)
    throw new ShimExit(
      2,
      'missing snapshot argument\nusage:\n\treceive [-vMnsFhu] [-o <property>=<value>] ... [-x <property>] ...\n\t    <filesystem|volume|snapshot>\n',
    );
  const data = readStdin();
  const nl = data.indexOf(10);
  const first = nl >= 0 ? data.subarray(0, nl).toString('utf8') : '';
  if (!first.startsWith(`${MAGIC} `))
    throw new ShimExit(1, 'cannot receive: invalid stream (bad magic number)\n');
  /** @type {{ dataset: string, base: string | null, snapshots: { name: string, creation: number }[] }} */
  const stream = JSON.parse(first.slice(MAGIC.length + 1));
  const z = readZfs();
  const pool = target.split('/')[0] ?? '';
  if (!z.pools.some((p) => p.name === pool))
    throw new ShimExit(1, `cannot open '${pool}': dataset does not exist\n`);
  const exists = z.datasets.some((d) => d.name === target);
  const parent = target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : null;
  if (stream.base === null) {
    if (exists && !o['F'])
      throw new ShimExit(
        1,
        `cannot receive new filesystem stream: destination '${target}' exists\nmust specify -F to overwrite it\n`,
      );
    if (parent && parent !== pool && !z.datasets.some((d) => d.name === parent)) {
      throw new ShimExit(1, `cannot receive new filesystem stream: parent '${parent}' does not exist\n`);
    }
  } else {
    if (!exists)
      throw new ShimExit(1, `cannot receive incremental stream: destination '${target}' does not exist\n`);
    const mine = snapsOf(z, target);
    const latest = mine[mine.length - 1]?.name.split('@')[1];
    if (!mine.some((s) => s.name === `${target}@${stream.base}`)) {
      throw new ShimExit(
        1,
        `cannot receive incremental stream: most recent snapshot of ${target} does not\nmatch incremental source\n`,
      );
    }
    if (latest !== stream.base && !o['F']) {
      throw new ShimExit(
        1,
        `cannot receive incremental stream: destination ${target} has been modified\nsince most recent snapshot\n`,
      );
    }
  }
  if (!exists)
    z.datasets.push({
      name: target,
      properties: { received: `${stream.dataset}`, ...(o['u'] ? { mounted: 'no' } : {}) },
    });
  for (const s of stream.snapshots) {
    const name = `${target}@${s.name}`;
    if (z.snapshots.some((x) => x.name === name))
      throw new ShimExit(1, `cannot receive: snapshot ${name} already exists\n`);
    z.snapshots.push({ name, creation: s.creation ?? Math.floor(now().getTime() / 1000) });
  }
  writeZfs(z);
  return 0;
}
