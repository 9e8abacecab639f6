// The progress protocol scripts speak on stdout: `::step <label>` names what is happening now, and
// `::progress DONE/TOTAL <label>` (TOTAL may be `?` when unknown) moves the bar. Such lines are events,
// not output: the runner keeps them out of the log pane.

export type ProgressLine =
  | { kind: 'step'; label: string }
  | { kind: 'progress'; done: number; total: number | null; label: string };

const STEP_RE = /^::step(?:[ \t]+(.*))?$/;
const PROGRESS_RE = /^::progress[ \t]+(\d+)\/(\d+|\?)(?:[ \t]+(.*))?$/;

export function parseProgressLine(line: string): ProgressLine | null {
  if (!line.startsWith('::')) return null;
  const step = STEP_RE.exec(line);
  if (step) return { kind: 'step', label: (step[1] ?? '').trim() };
  const p = PROGRESS_RE.exec(line);
  if (!p) return null;
  const total = p[2] === '?' ? null : Number(p[2]);
  // A script that overshoots its own total still means "all done".
  const done = total === null ? Number(p[1]) : Math.min(Number(p[1]), total);
  return { kind: 'progress', done, total, label: (p[3] ?? '').trim() };
}

/** The line a script prints; the inverse of parseProgressLine, used by tests and the plain printer. */
export function formatProgressLine(p: ProgressLine): string {
  if (p.kind === 'step') return `::step ${p.label}`;
  return `::progress ${p.done}/${p.total ?? '?'}${p.label ? ` ${p.label}` : ''}`;
}
