// A file tree as comparable data: every entry's type, mode, and content hash (files) or target (links).
// Used to prove that an undone prefix equals its snapshot. Links are never followed (a prefix has z: -> /).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Relative path -> "d 755" | "f 644 <sha256>" | "l <target>". */
export type TreeDigest = Map<string, string>;

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function digestTree(root: string): Promise<TreeDigest> {
  const out: TreeDigest = new Map();
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(join(root, rel))).sort();
    for (const name of names) {
      const relPath = rel ? `${rel}/${name}` : name;
      const abs = join(root, relPath);
      const st = await lstat(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out.set(relPath, `l ${await readlink(abs)}`);
      else if (st.isDirectory()) {
        out.set(relPath, `d ${mode}`);
        await walk(relPath);
      } else if (st.isFile()) out.set(relPath, `f ${mode} ${await hashFile(abs)}`);
      else out.set(relPath, `o ${mode}`);
    }
  };
  await walk('');
  return out;
}

export interface TreeDifference {
  path: string;
  change: 'added' | 'removed' | 'changed';
}

/** What differs from `expected` to `actual`, in path order. */
export function diffTrees(expected: TreeDigest, actual: TreeDigest): TreeDifference[] {
  const out: TreeDifference[] = [];
  for (const [path, value] of expected) {
    const other = actual.get(path);
    if (other === undefined) out.push({ path, change: 'removed' });
    else if (other !== value) out.push({ path, change: 'changed' });
  }
  for (const path of actual.keys()) if (!expected.has(path)) out.push({ path, change: 'added' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
