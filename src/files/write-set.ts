// Writes a FileSet under a root (`/` on the machine, or the --root staging directory): each file atomically,
// edits resolved against what is there now, replaced files backed up once per run, nothing outside the root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveContent } from '../generate/edits';
import type { FileEntry, FileSet } from '../generate/types';
import { writeFileAtomic } from './atomic';
import { backupPathFor, backupStamp } from './backup';
import { resolveOwner } from './owner';

export interface WriteSetOptions {
  /** Names the backup directory of this run. */
  now: Date;
}

export interface WrittenFile {
  path: string;
  /** `written`: new content; `unchanged`: already so; `absent`: an edit of a file that does not exist. */
  outcome: 'written' | 'unchanged' | 'absent';
  backupPath: string | null;
}

/** The real path of a target path under `root`; refuses paths that would leave the root. */
export function underRoot(root: string, targetPath: string): string {
  if (!targetPath.startsWith('/') || targetPath.split('/').includes('..')) {
    throw new Error(`${targetPath}: a FileSet path must be absolute and must not contain '..'`);
  }
  return join(root, targetPath);
}

export function readCurrentFile(root: string, targetPath: string): string | null {
  try {
    return readFileSync(underRoot(root, targetPath), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Writes one entry (edits resolved against the file under `root` now). */
export function writeEntry(root: string, entry: FileEntry, stamp: string): WrittenFile {
  const real = underRoot(root, entry.path);
  const content = resolveContent(entry, readCurrentFile(root, entry.path));
  if (content === null) return { path: entry.path, outcome: 'absent', backupPath: null };
  const etc = join(root, 'etc');
  let owner = null;
  try {
    owner = resolveOwner(entry.owner, etc);
  } catch {
    owner = resolveOwner(entry.owner, '/etc');
  }
  const r = writeFileAtomic(real, content, {
    mode: entry.mode,
    owner,
    backupTo: backupPathFor(root, stamp, entry.path),
  });
  return { path: entry.path, outcome: r.changed ? 'written' : 'unchanged', backupPath: r.backupPath };
}

export function writeFileSet(root: string, files: FileSet, opts: WriteSetOptions): WrittenFile[] {
  const stamp = backupStamp(opts.now);
  return files.map((f) => writeEntry(root, f, stamp));
}
