// Unified diffs (jsdiff) of what a write changes: what the review screen and `nix-mox plan` show.
import { createTwoFilesPatch, OMIT_HEADERS } from 'diff';

/**
 * A unified diff from `oldText` (null: the file does not exist) to `newText`, with `--- path` / `+++ path`
 * headers; a new file is shown whole against /dev/null. Empty when nothing changes.
 */
export function unifiedDiff(path: string, oldText: string | null, newText: string, context = 3): string {
  if (oldText === newText) return '';
  const hunks = createTwoFilesPatch(path, path, oldText ?? '', newText, undefined, undefined, {
    context,
    headerOptions: OMIT_HEADERS,
  });
  return `--- ${oldText === null ? '/dev/null' : path}\n+++ ${path}\n${hunks.replace(/^\n+/, '')}`;
}

export interface DiffStat {
  added: number;
  removed: number;
}

/** Lines added and removed in a diff made by `unifiedDiff`. */
export function diffStat(diff: string): DiffStat {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}
