// Where a game's files go. One prefix per game under ~/Games; snapshots beside it on the same file system
// (so reflink copies are cheap); launcher, .desktop entry and Lutris config where those tools look.
import { isAbsolute, join, normalize } from 'node:path';

export interface UserDirs {
  home: string;
  dataHome: string;
  configHome: string;
}

export function userDirs(env: NodeJS.ProcessEnv): UserDirs {
  const home = env['HOME'];
  if (!home || !isAbsolute(home)) throw new Error('HOME must be set to an absolute path');
  const abs = (v: string | undefined) => (v && isAbsolute(v) ? v : undefined);
  return {
    home,
    dataHome: abs(env['XDG_DATA_HOME']) ?? join(home, '.local', 'share'),
    configHome: abs(env['XDG_CONFIG_HOME']) ?? join(home, '.config'),
  };
}

export const gamesDir = (home: string): string => join(home, 'Games');

export const defaultPrefix = (home: string, slug: string): string => join(gamesDir(home), slug);

/** Expands a leading ~/ and checks the result is absolute. */
export function resolvePrefix(input: string, home: string): string {
  const expanded = input === '~' ? home : input.startsWith('~/') ? join(home, input.slice(2)) : input;
  if (!isAbsolute(expanded)) throw new Error(`prefix: must be an absolute path (got ${input})`);
  const clean = normalize(expanded).replace(/\/+$/, '');
  if (clean === '' || clean === home || clean === '/') throw new Error(`prefix: ${input} cannot be a prefix`);
  return clean;
}

/** Copies of a prefix live next to it, never inside it (a copy inside would copy itself). */
export const snapshotRoot = (prefix: string): string => `${prefix}.snapshots`;

export const launcherPath = (prefix: string): string => join(prefix, 'launch.sh');

export const desktopEntryPath = (dataHome: string, slug: string): string =>
  join(dataHome, 'applications', `nix-mox-${slug}.desktop`);

/** Lutris reads ~/.config/lutris when it exists and ~/.local/share/lutris otherwise (lutris/settings.py). */
export function lutrisDirs(
  dirs: UserDirs,
  exists: (p: string) => boolean,
): { configDir: string; dataDir: string; gamesDir: string; db: string } {
  const dataDir = join(dirs.dataHome, 'lutris');
  const legacy = join(dirs.configHome, 'lutris');
  const configDir = exists(legacy) ? legacy : dataDir;
  return { configDir, dataDir, gamesDir: join(configDir, 'games'), db: join(dataDir, 'pga.db') };
}
