// Finds the game's executable after the installer ran: .exe files under drive_c outside Windows' own folders,
// without uninstallers, redistributables and updaters; the catalog's known names first.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const skipDirs = new Set(['windows', 'programdata']);
const notTheGame =
  /^(unins\d*|uninstall.*|.*setup.*|.*redist.*|vc_?redist.*|dxwebsetup|crashreport.*|.*crashhandler.*|.*updater.*|installer.*|.*helper.*|.*_uninst.*)\.exe$/i;
const MAX_DEPTH = 8;

export async function findExecutables(prefix: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const st = await lstat(path).catch(() => null);
      if (!st || st.isSymbolicLink()) continue;
      if (st.isDirectory()) {
        if (depth === 0 && skipDirs.has(name.toLowerCase())) continue;
        await walk(path, depth + 1);
      } else if (st.isFile() && /\.exe$/i.test(name) && !notTheGame.test(name)) out.push(path);
    }
  };
  await walk(join(prefix, 'drive_c'), 0);
  return out;
}

/** Known names first (in the catalog's order), then the rest by path. */
export function rankExecutables(paths: string[], knownNames: string[]): string[] {
  const known = knownNames.map((n) => n.toLowerCase());
  const score = (p: string) => {
    const i = known.indexOf((p.split('/').pop() ?? '').toLowerCase());
    return i < 0 ? known.length : i;
  };
  return [...paths].sort((a, b) => score(a) - score(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The executable to use without asking: a known name, or the only candidate. */
export function pickExecutable(ranked: string[], knownNames: string[]): string | null {
  const first = ranked[0];
  if (!first) return null;
  const known = knownNames.map((n) => n.toLowerCase());
  if (known.includes((first.split('/').pop() ?? '').toLowerCase())) return first;
  return ranked.length === 1 ? first : null;
}
