// The files nix-mox ships beside its code (fragments/ and scripts/): found from this module's own location,
// which is dist/ in the bundle and src/generate/ when run from source. Read once, then served from memory.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'fragments')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('nix-mox: cannot find its fragments/ directory next to the program');
    dir = up;
  }
}

let root: string | null = null;
export function packageRoot(): string {
  root ??= findPackageRoot();
  return root;
}

const cache = new Map<string, string>();

/** A file shipped with nix-mox, by its path inside the package (e.g. `fragments/zfs.nix`). */
export function packageFile(relative: string): string {
  const hit = cache.get(relative);
  if (hit !== undefined) return hit;
  const path = resolve(packageRoot(), relative);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`nix-mox: ${relative} is missing from the program's files (${path})`);
  }
  cache.set(relative, text);
  return text;
}
