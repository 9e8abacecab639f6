// ZFS: pools from `zpool list -H -p -o name,size,health`, members from `zpool status -P`, and the boot pool.
import { parseHumanSize } from './sizes';
import type { ZfsPool } from './types';

export const ZPOOL_LIST_ARGS = ['list', '-H', '-p', '-o', 'name,size,health'];
export const ZPOOL_STATUS_ARGS = ['status', '-P'];

const POOL_NAME_RE = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

export function parseZpoolList(text: string): ZfsPool[] {
  const pools: ZfsPool[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split('\t').map((f) => f.trim());
    if (fields.length < 3) continue;
    const [name, size, health] = fields as [string, string, string];
    if (!POOL_NAME_RE.test(name) || pools.some((p) => p.name === name)) continue;
    const sizeBytes = /^\d+$/.test(size) ? Number(size) : parseHumanSize(size);
    pools.push({
      name,
      health: /^[A-Z]+$/.test(health) ? health : 'UNKNOWN',
      sizeBytes: sizeBytes !== null && Number.isSafeInteger(sizeBytes) ? sizeBytes : null,
    });
  }
  return pools;
}

const VDEV_WORDS =
  /^(mirror|raidz[123]?|draid[123]?|spare|replacing|logs|cache|spares|special|dedup)(-\d+)?$/;

/** Device path (as zpool printed it) -> pool name, for every leaf device in the config sections. */
export function parseZpoolStatus(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let pool: string | null = null;
  let inConfig = false;
  for (const line of text.split('\n')) {
    const header = /^\s*pool:\s*(\S+)\s*$/.exec(line);
    if (header) {
      pool = header[1]!;
      inConfig = false;
      continue;
    }
    if (/^\s*config:\s*$/.test(line)) {
      inConfig = true;
      continue;
    }
    if (/^\s*errors:/.test(line)) {
      inConfig = false;
      continue;
    }
    if (!inConfig || pool === null) continue;
    const first = /^\s+(\S+)/.exec(line)?.[1];
    if (!first || first === 'NAME' || first === pool || VDEV_WORDS.test(first)) continue;
    if (first.startsWith('/') || /^[A-Za-z0-9][\w.:-]*$/.test(first)) members.set(first, pool);
  }
  return members;
}

/** The pool `/` lives on: from /proc/mounts, else from `root=ZFS=pool/...` on the kernel command line. */
export function bootPoolFrom(mounts: string | null, cmdline: string | null): string | null {
  for (const line of (mounts ?? '').split('\n')) {
    const [source, target, fstype] = line.split(/\s+/);
    if (target === '/' && fstype === 'zfs' && source) {
      const pool = source.split('/')[0]!;
      if (POOL_NAME_RE.test(pool)) return pool;
    }
  }
  const m = /(?:^|\s)root=ZFS=([^\s/]+)/.exec(cmdline ?? '');
  return m && POOL_NAME_RE.test(m[1]!) ? m[1]! : null;
}
