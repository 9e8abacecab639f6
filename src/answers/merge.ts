// Missing optional keys take their defaults: a deep merge where the file wins. Lists and null replace wholesale;
// keys the defaults do not know are kept, so strict validation can name them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergeDefaults(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(given)) return given;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) out[key] = mergeDefaults(defaults[key], given[key]);
  for (const key of Object.keys(given)) if (!(key in defaults)) out[key] = given[key];
  return out;
}

/** The value at a dotted path (`machine.hostname`), or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const step of path) {
    if (Array.isArray(cur) && typeof step === 'number') cur = cur[step];
    else if (isPlainObject(cur) && typeof step === 'string') cur = cur[step];
    else return undefined;
  }
  return cur;
}

export function hasPath(root: unknown, path: readonly string[]): boolean {
  let cur: unknown = root;
  for (const step of path) {
    if (!isPlainObject(cur) || !(step in cur)) return false;
    cur = cur[step];
  }
  return true;
}
