// Calendar events: the subset that both systemd OnCalendar= and Proxmox's pve-calendar-event accept.
//   [WEEKDAY] [[YEAR-]MONTH-DAY] [HOUR:MINUTE[:SECOND]]   or a keyword (daily, weekly, ...).
// Each field is `*`, a number, a range `a..b`, a repetition `a/step` or `*/step`, or a comma list of those;
// weekdays are mon..sun (any case), as a list or range. Bare minute specs (`*/5`) are left out: systemd reads them
// differently from Proxmox.
import { type Check, fail, ok } from './check';

export const calendarKeywords = [
  'minutely',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'annually',
  'quarterly',
  'semiannually',
  'semi-annually',
] as const;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function checkWeekdays(token: string): string | null {
  for (const item of token.toLowerCase().split(',')) {
    const ends = item.split('..');
    if (ends.length > 2 || ends.some((d) => !weekdays.includes(d)))
      return `"${item}" is not a weekday (mon..sun)`;
  }
  return null;
}

function checkField(spec: string, name: string, min: number, max: number): string | null {
  const num = (s: string) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max;
  for (const item of spec.split(',')) {
    const [base = '', step, extra] = item.split('/');
    if (extra !== undefined) return `${name} "${item}" has two steps`;
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0))
      return `${name} step "${step}" is not a positive number`;
    if (base === '*') continue;
    const ends = base.split('..');
    if (ends.length > 2 || !ends.every(num)) return `${name} "${item}" is outside ${min}..${max}`;
  }
  return null;
}

function checkDate(token: string): string | null {
  const parts = token.split('-');
  if (parts.length < 2 || parts.length > 3) return `"${token}" is not a date like *-*-01`;
  const [day = '', month = '', year] = [...parts].reverse();
  return (
    (year !== undefined ? checkField(year, 'year', 1970, 2199) : null) ??
    checkField(month, 'month', 1, 12) ??
    checkField(day, 'day', 1, 31)
  );
}

function checkTime(token: string): string | null {
  const parts = token.split(':');
  if (parts.length < 2 || parts.length > 3) return `"${token}" is not a time like 03:00`;
  const [hour = '', minute = '', second] = parts;
  return (
    checkField(hour, 'hour', 0, 23) ??
    checkField(minute, 'minute', 0, 59) ??
    (second !== undefined ? checkField(second, 'second', 0, 59) : null)
  );
}

/** Checks a calendar event; `field` names the field in the message. */
export function checkCalendar(field: string, raw: string): Check<string> {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return fail(field, 'required');
  if ((calendarKeywords as readonly string[]).includes(text.toLowerCase())) return ok(text.toLowerCase());
  const tokens = text.split(' ');
  if (tokens.length > 3)
    return fail(field, `expected [weekday] [date] [time] like "sun 03:00", got "${text}"`);
  let i = 0;
  const problem = (p: string) =>
    fail<string>(field, `${p} (expected [weekday] [date] [time] like "sun 03:00")`);
  if (tokens[i] && /^[a-z]/i.test(tokens[i]!)) {
    const p = checkWeekdays(tokens[i]!);
    if (p) return problem(p);
    i++;
  }
  if (tokens[i]?.includes('-')) {
    const p = checkDate(tokens[i]!);
    if (p) return problem(p);
    i++;
  }
  if (tokens[i]) {
    const p = checkTime(tokens[i]!);
    if (p) return problem(p);
    i++;
  }
  if (i !== tokens.length) return problem(`"${tokens[i]}" is out of place`);
  return ok(text);
}

export interface SchedulePreset {
  label: string;
  /** For the hub's one-line status. */
  short: string;
  value: string;
}

// Host updates run from a systemd timer: its OnCalendar= spelling.
export const updatePresets: SchedulePreset[] = [
  { label: 'every day at 04:00', short: 'daily 04:00', value: '*-*-* 04:00:00' },
  { label: 'every Sunday at 04:00', short: 'Sundays 04:00', value: 'Sun *-*-* 04:00:00' },
  { label: 'on the 1st of each month at 04:00', short: 'monthly 04:00', value: '*-*-01 04:00:00' },
];

// Backups are a Proxmox job: pve-calendar-event spelling.
export const backupPresets: SchedulePreset[] = [
  { label: 'every day at 03:00', short: 'daily 03:00', value: '03:00' },
  { label: 'every Saturday at 03:00', short: 'Saturdays 03:00', value: 'sat 03:00' },
  { label: 'Monday to Friday at 22:00', short: 'weekdays 22:00', value: 'mon..fri 22:00' },
];

/** The preset's words for a schedule (short ones for the hub), or the expression itself. */
export function describeSchedule(value: string | null, presets: SchedulePreset[], short = false): string {
  if (value === null) return 'never';
  const preset = presets.find((p) => p.value === value);
  return preset ? (short ? preset.short : preset.label) : value;
}
