// PVE::Storage::prune_mark_backup_group (pve-storage src/PVE/Storage.pm): which backups a
// keep-last/hourly/daily/weekly/monthly/yearly policy keeps, newest first, in local time.

/** @typedef {{ ctime: number, mark?: 'keep' | 'remove' | 'protected' }} PruneEntry */

/** ISO 8601 week and year, strftime("%V/%G"). */
function isoWeek(/** @type {Date} */ d) {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
  return `${String(week).padStart(2, '0')}/${t.getUTCFullYear()}`;
}

const ID = /** @type {Record<string, (d: Date) => string>} */ ({
  'keep-hourly': (d) => `${d.getHours()}/${d.getDate()}/${d.getMonth()}/${d.getFullYear()}`,
  'keep-daily': (d) => `${d.getDate()}/${d.getMonth()}/${d.getFullYear()}`,
  'keep-weekly': isoWeek,
  'keep-monthly': (d) => `${d.getMonth()}/${d.getFullYear()}`,
  'keep-yearly': (d) => `${d.getFullYear()}`,
});

/**
 * Marks each entry 'keep' or 'remove' in place.
 * @param {PruneEntry[]} group @param {Record<string, number>} keep
 */
export function pruneMark(group, keep) {
  const positive = Object.keys(keep).filter((k) => k !== 'keep-all' && Number(keep[k]) > 0);
  if (keep['keep-all'] || positive.length === 0) {
    for (const e of group) if (!e.mark || e.mark === 'remove') e.mark = 'keep';
    return;
  }
  const list = [...group].sort((a, b) => b.ctime - a.ctime);
  for (const opt of [
    'keep-last',
    'keep-hourly',
    'keep-daily',
    'keep-weekly',
    'keep-monthly',
    'keep-yearly',
  ]) {
    const count = Number(keep[opt] ?? 0);
    if (!count) continue;
    const idOf = (/** @type {PruneEntry} */ e) =>
      opt === 'keep-last' ? String(e.ctime) : (ID[opt]?.(new Date(e.ctime * 1000)) ?? '');
    const already = new Set(list.filter((e) => e.mark === 'keep').map(idOf));
    /** @type {Set<string>} */
    const fresh = new Set();
    for (const e of list) {
      const id = idOf(e);
      if (e.mark || already.has(id)) continue;
      if (!fresh.has(id)) {
        if (fresh.size >= count) break;
        fresh.add(id);
        e.mark = 'keep';
      } else e.mark = 'remove';
    }
  }
  for (const e of list) e.mark ??= 'remove';
}
