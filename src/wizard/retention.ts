// What a snapshot policy keeps over the coming weeks: simulates the timers (hourly at :00, daily at 00:00,
// weekly on Monday 00:00, monthly on the 1st 00:00, all UTC like the snapshot names) and the pruning rule
// (per label, keep the newest N) from a start time.
import type { Answers } from '../answers/schema';

export type Keep = Answers['maintenance']['snapshots']['keep'];
export type Label = keyof Keep;
export const labels: Label[] = ['hourly', 'daily', 'weekly', 'monthly'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The first time strictly after `t` when the label's timer fires. */
export function nextRun(label: Label, t: Date): Date {
  const d = new Date(t.getTime());
  if (label === 'hourly') {
    d.setUTCMinutes(0, 0, 0);
    return new Date(d.getTime() + HOUR);
  }
  d.setUTCHours(0, 0, 0, 0);
  if (label === 'daily') return new Date(d.getTime() + DAY);
  if (label === 'weekly') {
    const daysToMonday = (8 - d.getUTCDay()) % 7 || 7;
    return new Date(d.getTime() + daysToMonday * DAY);
  }
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Snapshots of one label taken in (start, end], newest last. */
export function runs(label: Label, start: Date, end: Date): Date[] {
  const out: Date[] = [];
  for (let t = nextRun(label, start); t <= end; t = nextRun(label, t)) out.push(t);
  return out;
}

export interface RetentionRow {
  weeks: number;
  kept: Record<Label, number>;
  total: number;
  /** Oldest snapshot kept, or null when none exists yet. */
  oldest: Date | null;
  /** Whole days between the oldest kept snapshot and the end of the period. */
  reachesBackDays: number;
}

export function keptAt(keep: Keep, start: Date, end: Date): Omit<RetentionRow, 'weeks'> {
  const kept = { hourly: 0, daily: 0, weekly: 0, monthly: 0 };
  let oldest: Date | null = null;
  for (const label of labels) {
    const n = keep[label];
    if (n === 0) continue;
    const newest = runs(label, start, end).slice(-n);
    kept[label] = newest.length;
    const first = newest[0];
    if (first && (!oldest || first < oldest)) oldest = first;
  }
  const total = labels.reduce((sum, l) => sum + kept[l], 0);
  const reachesBackDays = oldest ? Math.floor((end.getTime() - oldest.getTime()) / DAY) : 0;
  return { kept, total, oldest, reachesBackDays };
}

export const previewWeeks = [1, 2, 4, 8, 12];

export function retentionPreview(keep: Keep, start: Date, weeks: number[] = previewWeeks): RetentionRow[] {
  return weeks.map((w) => ({ weeks: w, ...keptAt(keep, start, new Date(start.getTime() + w * 7 * DAY)) }));
}

/** Once every label is full: how many snapshots per pool, and roughly how far back they reach. */
export function steadyState(keep: Keep): string {
  const total = labels.reduce((sum, l) => sum + keep[l], 0);
  if (total === 0) return 'keeps nothing: every snapshot is pruned';
  const reach =
    keep.monthly > 0
      ? `${keep.monthly} month${keep.monthly === 1 ? '' : 's'}`
      : keep.weekly > 0
        ? `${keep.weekly} week${keep.weekly === 1 ? '' : 's'}`
        : keep.daily > 0
          ? `${keep.daily} day${keep.daily === 1 ? '' : 's'}`
          : `${keep.hourly} hour${keep.hourly === 1 ? '' : 's'}`;
  return `at most ${total} snapshots per pool, reaching back about ${reach}`;
}
