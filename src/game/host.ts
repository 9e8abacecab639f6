// What the game pre-flight reads and runs: files under --root, commands found on PATH (argv arrays only),
// and the free space of a file system. Tests point root at a fixture tree and PATH at shims.
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  readdirSync,
} from 'node:fs';
import { statfs } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import type { CommandResult } from '../host/types';

export interface GameHost {
  /** `--root`: files such as /etc/NIXOS and /sys/class/drm are read as root + path. */
  root: string;
  env: NodeJS.ProcessEnv;
  run(
    cmd: string,
    args: string[],
    opts?: { timeoutMs?: number; env?: Record<string, string> },
  ): Promise<CommandResult>;
  /** Absolute path of an executable on PATH, or null. */
  which(cmd: string): string | null;
  /** Reads root + path; null when it cannot be read. */
  readFile(path: string): string | null;
  /** root + path exists (following links). */
  exists(path: string): boolean;
  /** root + path is a directory and not a symlink. */
  isRealDir(path: string): boolean;
  listDir(path: string): string[];
  /** Target of the symlink at root + path, or null. */
  readLink(path: string): string | null;
  /** Bytes available to an unprivileged user on the file system holding `path` (a real path, not under root). */
  freeBytes(path: string): Promise<number | null>;
}

function findOnPath(cmd: string, pathVar: string | undefined): string | null {
  if (cmd.includes('/')) return null;
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, cmd);
    try {
      accessSync(candidate, constants.X_OK);
      if (lstatSync(candidate).isDirectory()) continue;
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The nearest existing ancestor: the prefix itself usually does not exist yet. */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

export function createGameHost(root: string, env: NodeJS.ProcessEnv): GameHost {
  const at = (p: string) => (root === '/' ? p : join(root, p));
  return {
    root,
    env,
    async run(cmd, args, opts = {}) {
      const r = await execa(cmd, args, {
        reject: false,
        timeout: opts.timeoutMs ?? 20_000,
        env: { ...env, ...opts.env },
        extendEnv: false,
        stdin: 'ignore',
      });
      return {
        stdout: String(r.stdout ?? ''),
        stderr: String(r.stderr ?? ''),
        code: typeof r.exitCode === 'number' ? r.exitCode : 127,
      };
    },
    which: (cmd) => findOnPath(cmd, env['PATH']),
    readFile(path) {
      try {
        return readFileSync(at(path), 'utf8');
      } catch {
        return null;
      }
    },
    exists: (path) => existsSync(at(path)),
    isRealDir(path) {
      try {
        return lstatSync(at(path)).isDirectory();
      } catch {
        return false;
      }
    },
    listDir(path) {
      try {
        return readdirSync(at(path)).sort();
      } catch {
        return [];
      }
    },
    readLink(path) {
      try {
        return readlinkSync(at(path));
      } catch {
        return null;
      }
    },
    async freeBytes(path) {
      try {
        const s = await statfs(existingAncestor(path));
        return Number(s.bavail) * Number(s.bsize);
      } catch {
        return null;
      }
    },
  };
}
