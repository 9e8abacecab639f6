// Backups of files nix-mox replaces: one directory per run under /var/lib/nix-mox/backups/<stamp>/, holding
// each replaced file at its own path, written atomically so a crash never leaves half a backup.
import {
  copyFileSync,
  mkdirSync,
  statSync,
  chmodSync,
  openSync,
  fsyncSync,
  closeSync,
  renameSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const BACKUP_DIR = '/var/lib/nix-mox/backups';

/** `2026-05-01T12-00-00Z`: sortable and free of characters that upset shells or file systems. */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Where the backup of `targetPath` (a path on the target system) goes for this run, under `root`. */
export function backupPathFor(root: string, stamp: string, targetPath: string): string {
  return join(root, BACKUP_DIR, stamp, targetPath);
}

/** Copies `source` (the file about to be replaced, a real path) to `dest`, keeping its mode; fsyncs it. */
export function backupFile(source: string, dest: string): void {
  mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = `${dest}.nix-mox-tmp-${process.pid}`;
  copyFileSync(source, tmp);
  chmodSync(tmp, statSync(source).mode & 0o7777);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, dest);
}
