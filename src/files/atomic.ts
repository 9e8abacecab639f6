// Atomic writes: a temp file in the same directory, fsync, rename over the target, fsync the directory.
// A killed writer leaves the old file or the new one, never part of one. The replaced file is backed up first.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backupFile } from './backup';
import type { Ids } from './owner';

export interface AtomicWriteOptions {
  mode: number;
  /** Owner to set; null leaves it to the process (not root: chown is impossible, so it is skipped). */
  owner: Ids | null;
  /** Where to keep the file being replaced (a real path), or null for no backup. */
  backupTo: string | null;
}

export interface AtomicWriteResult {
  changed: boolean;
  /** The backup made of the replaced file, or null (new file, unchanged file, or no backup asked). */
  backupPath: string | null;
}

const TMP_MARK = '.nix-mox-tmp-';

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function currentState(path: string): { content: Buffer; mode: number; uid: number; gid: number } | null {
  try {
    const st = statSync(path);
    return { content: readFileSync(path), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Temp files a killed writer left next to `path` (only nix-mox's own, for this file name). */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}${TMP_MARK}`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Writes `content` to `path` atomically with `mode` and `owner`. When the file already has exactly this content,
 * mode and owner, nothing is written and no backup is made. A changed existing file is first copied to `backupTo`.
 */
export function writeFileAtomic(path: string, content: string, opts: AtomicWriteOptions): AtomicWriteResult {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const data = Buffer.from(content, 'utf8');
  const before = currentState(path);
  const canChown = opts.owner !== null && process.getuid?.() === 0;
  const ownerOk =
    !canChown || (before !== null && before.uid === opts.owner!.uid && before.gid === opts.owner!.gid);
  if (before?.content.equals(data)) {
    if (before.mode === opts.mode && ownerOk) return { changed: false, backupPath: null };
    // Only metadata differs: fix it in place, no new content, no backup needed.
    chmodSync(path, opts.mode);
    if (canChown) chownSync(path, opts.owner!.uid, opts.owner!.gid);
    return { changed: true, backupPath: null };
  }
  removeStaleTemps(path);
  let backupPath: string | null = null;
  if (before && opts.backupTo) {
    backupFile(path, opts.backupTo);
    backupPath = opts.backupTo;
  }
  const tmp = join(dir, `.${basename(path)}${TMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fchmodSync(fd, opts.mode);
    if (canChown) fchownSync(fd, opts.owner!.uid, opts.owner!.gid);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(dir);
  return { changed: true, backupPath };
}
