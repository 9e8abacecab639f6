// Owners as the FileSet writes them ("user" or "user:group", names or numbers), resolved against passwd/group.
import { readFileSync } from 'node:fs';

export interface Ids {
  uid: number;
  gid: number;
}

function lookup(file: string, name: string): { id: number; gid: number } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f[2] !== undefined) return { id: Number(f[2]), gid: Number(f[3] ?? f[2]) };
  }
  return null;
}

/** Resolves `owner` using `etcDir`/passwd and `etcDir`/group. Throws naming the owner when a name is unknown. */
export function resolveOwner(owner: string, etcDir = '/etc'): Ids {
  const [user = '', group] = owner.split(':');
  const numeric = (s: string) => /^\d+$/.test(s);
  let uid: number;
  let gid: number;
  if (numeric(user)) {
    uid = Number(user);
    gid = uid;
  } else {
    const u = lookup(`${etcDir}/passwd`, user);
    if (!u) throw new Error(`owner ${owner}: no user '${user}' in ${etcDir}/passwd`);
    uid = u.id;
    gid = u.gid;
  }
  if (group !== undefined && group !== '') {
    if (numeric(group)) gid = Number(group);
    else {
      const g = lookup(`${etcDir}/group`, group);
      if (!g) throw new Error(`owner ${owner}: no group '${group}' in ${etcDir}/group`);
      gid = g.id;
    }
  }
  return { uid, gid };
}
