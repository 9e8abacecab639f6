// Which hub sections differ between two sets of answers (e.g. now and at the last apply).
import type { Answers } from './schema';

/** Hub section id -> the answers keys it edits. */
export const SECTION_KEYS: Record<string, (keyof Answers)[]> = {
  machine: ['machine'],
  passthrough: ['passthrough'],
  storage: ['storage'],
  guests: ['guests'],
  network: ['network'],
  shells: ['shells'],
  messaging: ['messaging'],
  gaming: ['gaming', 'games'],
  services: ['services', 'infrastructure'],
  security: ['security'],
  maintenance: ['maintenance'],
};

/** Lists whose order means nothing (a selection): compared as sets. */
const SELECTIONS = new Set<keyof Answers>(['shells', 'messaging', 'gaming', 'services', 'infrastructure']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameKey(key: keyof Answers, a: Answers, b: Answers): boolean {
  const x = a[key];
  const y = b[key];
  if (SELECTIONS.has(key) && Array.isArray(x) && Array.isArray(y)) {
    return canonical([...x].sort()) === canonical([...y].sort());
  }
  return canonical(x) === canonical(y);
}

/** Section ids whose answers differ, in SECTION_KEYS order. Before the first apply (null) nothing is marked. */
export function changedSections(current: Answers, applied: Answers | null): string[] {
  if (applied === null) return [];
  return Object.entries(SECTION_KEYS)
    .filter(([, keys]) => keys.some((k) => !sameKey(k, current, applied)))
    .map(([id]) => id);
}
