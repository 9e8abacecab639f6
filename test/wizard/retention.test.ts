import { describe, expect, it } from 'vitest';
import { keptAt, nextRun, retentionPreview, runs, steadyState } from '../../src/wizard/retention';

const at = (iso: string) => new Date(iso);
const keep = { hourly: 24, daily: 7, weekly: 4, monthly: 6 };

describe('timer runs', () => {
  it('fire at the next full hour, midnight, Monday and 1st of the month (UTC)', () => {
    const t = at('2026-06-10T10:30:00Z'); // a Wednesday
    expect(nextRun('hourly', t).toISOString()).toBe('2026-06-10T11:00:00.000Z');
    expect(nextRun('daily', t).toISOString()).toBe('2026-06-11T00:00:00.000Z');
    expect(nextRun('weekly', t).toISOString()).toBe('2026-06-15T00:00:00.000Z');
    expect(nextRun('monthly', t).toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(nextRun('weekly', at('2026-06-15T00:00:00Z')).toISOString()).toBe('2026-06-22T00:00:00.000Z');
    expect(nextRun('monthly', at('2026-12-01T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(runs('daily', at('2026-06-10T10:30:00Z'), at('2026-06-13T00:00:00Z')).length).toBe(3);
  });
});

describe('what the policy keeps', () => {
  it('fills each label up to its count, keeping the newest', () => {
    const start = at('2026-06-10T10:30:00Z');
    const [w1, w2, w4, w8, w12] = retentionPreview(keep, start);
    expect(w1).toMatchObject({ weeks: 1, kept: { hourly: 24, daily: 7, weekly: 1, monthly: 0 }, total: 32 });
    expect(w1?.oldest?.toISOString()).toBe('2026-06-11T00:00:00.000Z');
    expect(w1?.reachesBackDays).toBe(6);
    expect(w2?.kept).toEqual({ hourly: 24, daily: 7, weekly: 2, monthly: 0 });
    expect(w4?.kept).toEqual({ hourly: 24, daily: 7, weekly: 4, monthly: 1 });
    expect(w8?.kept).toEqual({ hourly: 24, daily: 7, weekly: 4, monthly: 2 });
    // 12 weeks after 10 June is 2 September: the monthlies of 1 July, 1 August and 1 September, none pruned yet.
    expect(w12?.kept).toEqual({ hourly: 24, daily: 7, weekly: 4, monthly: 3 });
    expect(w12?.reachesBackDays).toBe(63);
    expect(w12?.oldest?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('prunes to the newest N once a label is full', () => {
    const r = keptAt(
      { hourly: 3, daily: 0, weekly: 0, monthly: 0 },
      at('2026-06-10T00:00:00Z'),
      at('2026-06-11T00:00:00Z'),
    );
    expect(r.kept.hourly).toBe(3);
    expect(r.oldest?.toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(r.reachesBackDays).toBe(0);
  });

  it('keeps nothing when every count is 0', () => {
    const r = keptAt(
      { hourly: 0, daily: 0, weekly: 0, monthly: 0 },
      at('2026-06-10T00:00:00Z'),
      at('2026-07-10T00:00:00Z'),
    );
    expect(r).toEqual({
      kept: { hourly: 0, daily: 0, weekly: 0, monthly: 0 },
      total: 0,
      oldest: null,
      reachesBackDays: 0,
    });
    expect(steadyState({ hourly: 0, daily: 0, weekly: 0, monthly: 0 })).toBe(
      'keeps nothing: every snapshot is pruned',
    );
  });

  it('says how far back the full policy reaches', () => {
    expect(steadyState(keep)).toBe('at most 41 snapshots per pool, reaching back about 6 months');
    expect(steadyState({ hourly: 12, daily: 0, weekly: 1, monthly: 0 })).toBe(
      'at most 13 snapshots per pool, reaching back about 1 week',
    );
  });
});
