// A `write` step: put one FileEntry on disk atomically with src/files/atomic.ts (temp file in the same
// directory, fsync, rename), backing up the file it replaces under /var/lib/nix-mox/backups/<stamp>/. Under
// --root the path is staged below that directory. When nix-mox is not root and the step needs root, the same
// sequence runs as argv commands through `sudo -n` (install to a temp name, sync, rename in the directory).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { writeFileAtomic } from '../files/atomic';
import { backupPathFor, backupStamp } from '../files/backup';
import { resolveOwner } from '../files/owner';
import type { FileEntry } from '../generate/types';

export interface WriteOutcome {
  target: string;
  changed: boolean;
  backup: string | null;
}

export interface WriteOptions {
  /** Staging root; "/" writes the real file. */
  root: string;
  /** nix-mox runs as root: chown is possible and sudo is not needed. */
  asRoot: boolean;
  /** The step needs root; when not root this goes through `sudo -n`. */
  needsRoot: boolean;
  now: Date;
  env?: Record<string, string>;
}

const isRealRoot = (root: string) => root === '/' || root === '';

export function targetPath(root: string, path: string): string {
  return isRealRoot(root) ? path : join(root, path);
}

/** True when the file under `root` already has this content and mode. */
export function fileUpToDate(root: string, entry: FileEntry): boolean {
  const target = targetPath(root, entry.path);
  try {
    return (statSync(target).mode & 0o7777) === entry.mode && readFileSync(target, 'utf8') === entry.content;
  } catch {
    return false;
  }
}

/** The argv sequence that installs a staged file through sudo, atomically (rename in the same directory). */
export function sudoWriteCommands(
  entry: FileEntry,
  staged: string,
  target: string,
  backup: string | null,
): string[][] {
  const [user, group] = entry.owner.split(':');
  const next = `${target}.nix-mox-new`;
  const sudo = ['sudo', '-n'];
  const cmds: string[][] = [[...sudo, 'mkdir', '-p', '--', dirname(target)]];
  if (backup) {
    cmds.push([...sudo, 'mkdir', '-p', '-m', '0700', '--', dirname(backup)]);
    cmds.push([...sudo, 'cp', '-p', '--', target, backup]);
  }
  cmds.push([
    ...sudo,
    'install',
    '-m',
    entry.mode.toString(8).padStart(4, '0'),
    '-o',
    user || 'root',
    ...(group ? ['-g', group] : []),
    '--',
    staged,
    next,
  ]);
  cmds.push([...sudo, 'sync', '--', next]);
  cmds.push([...sudo, 'mv', '-f', '--', next, target]);
  return cmds;
}

export async function writeFileEntry(entry: FileEntry, opts: WriteOptions): Promise<WriteOutcome> {
  if (!entry.path.startsWith('/')) throw new Error(`write: path '${entry.path}' must be absolute`);
  const root = isRealRoot(opts.root) ? '/' : opts.root;
  const target = targetPath(root, entry.path);
  const backupTo = backupPathFor(root, backupStamp(opts.now), entry.path);

  if (opts.needsRoot && !opts.asRoot && root === '/') {
    if (fileUpToDate(root, entry)) return { target, changed: false, backup: null };
    const backup = existsSync(target) ? backupTo : null;
    const dir = mkdtempSync(join(tmpdir(), 'nix-mox-write-'));
    try {
      const staged = join(dir, 'content');
      writeFileSync(staged, entry.content, { mode: 0o600 });
      for (const argv of sudoWriteCommands(entry, staged, target, backup)) {
        const r = await execa(argv[0]!, argv.slice(1), { reject: false, env: opts.env, stdin: 'ignore' });
        if (r.exitCode !== 0)
          throw new Error(`${argv.join(' ')} failed (exit ${r.exitCode}): ${String(r.stderr).trim()}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { target, changed: true, backup };
  }

  // Owners are names on the target system: its own passwd when staged under a root that has one.
  const etc = existsSync(join(root, 'etc/passwd')) ? join(root, 'etc') : '/etc';
  const owner = opts.asRoot ? resolveOwner(entry.owner, etc) : null;
  const r = writeFileAtomic(target, entry.content, { mode: entry.mode, owner, backupTo });
  return { target, changed: r.changed, backup: r.backupPath };
}
