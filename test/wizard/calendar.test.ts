import { describe, expect, it } from 'vitest';
import { backupPresets, checkCalendar, describeSchedule, updatePresets } from '../../src/wizard/calendar';

describe('checkCalendar', () => {
  it('accepts the shared systemd / Proxmox subset', () => {
    for (const good of [
      'daily',
      'Weekly',
      '03:00',
      '3:05',
      'sun 01:00',
      'mon..fri 22:00',
      'mon,wed,fri 12:00:30',
      'Sat *-1..7 15:00',
      '*-*-01 04:00',
      '2026-10-22',
      'fri 12..13:5/20',
      '*:0/15',
      '12/2:05',
      'sun',
    ]) {
      expect(checkCalendar('Backup schedule', good), good).toMatchObject({ ok: true });
    }
  });

  it('refuses the rest with a message naming the field and the problem', () => {
    const cases: [string, RegExp][] = [
      ['', /^Backup schedule: required$/],
      ['25:00', /^Backup schedule: hour "25" is outside 0\.\.23/],
      ['03:60', /minute "60" is outside 0\.\.59/],
      ['funday 03:00', /"funday" is not a weekday/],
      ['*-13-01', /month "13" is outside 1\.\.12/],
      ['03:00 sun', /"sun" is not a time like 03:00|out of place/],
      ['every day', /not a weekday/],
      ['*/5', /not a time like 03:00/],
      ['03:00/0', /step "0" is not a positive number/],
      ['sun *-*-* 03:00 x', /expected \[weekday\] \[date\] \[time\]/],
    ];
    for (const [bad, re] of cases) {
      const r = checkCalendar('Backup schedule', bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message, bad).toMatch(re);
    }
  });

  it('normalises spacing and keyword case', () => {
    expect(checkCalendar('x', '  sun   01:00 ')).toEqual({ ok: true, value: 'sun 01:00' });
    expect(checkCalendar('x', 'DAILY')).toEqual({ ok: true, value: 'daily' });
  });

  it('every preset is itself valid, and presets read as words', () => {
    for (const p of [...updatePresets, ...backupPresets]) expect(checkCalendar('x', p.value).ok).toBe(true);
    expect(describeSchedule('Sun *-*-* 04:00:00', updatePresets)).toBe('every Sunday at 04:00');
    expect(describeSchedule('Sun *-*-* 04:00:00', updatePresets, true)).toBe('Sundays 04:00');
    expect(describeSchedule('tue 05:00', updatePresets)).toBe('tue 05:00');
    expect(describeSchedule(null, updatePresets)).toBe('never');
  });
});
