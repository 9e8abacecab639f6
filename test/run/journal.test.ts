import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  finishedStepIds,
  JournalError,
  JournalWriter,
  readJournal,
  stepFingerprint,
} from '../../src/run/journal';
import { step, tempDir } from './helpers';

let cleanup = () => {};
afterEach(() => cleanup());

function journalDir() {
  const t = tempDir();
  cleanup = t.cleanup;
  return join(t.dir, 'state', 'journal.json');
}

describe('journal', () => {
  const a = step('a', ['true']);
  const b = step('b', ['false']);
  const c = step('c', ['true']);

  it('records finished steps and where the run stopped', () => {
    const path = journalDir();
    const w = new JournalWriter(path, { steps: [a, b, c] }, null);
    w.record(a, 'done', 0, 5, '/logs/a.log');
    w.record(b, 'failed', 3, 7, '/logs/b.log');
    w.finish();
    const j = readJournal(path)!;
    expect(j.entries.map((e) => [e.id, e.status, e.code])).toEqual([
      ['a', 'done', 0],
      ['b', 'failed', 3],
    ]);
    expect(j.stoppedAt).toEqual({ stepId: 'b', reason: 'failed', code: 3 });
    expect(j.finished).toBe(false);
    expect(j.plan.steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect([...finishedStepIds(j, [a, b, c])]).toEqual(['a']);
  });

  it('is written on every record, so a killed run leaves what finished so far', () => {
    const path = journalDir();
    const w = new JournalWriter(path, { steps: [a, b] }, null);
    expect(readJournal(path)!.entries).toEqual([]);
    w.record(a, 'done', 0, 1, null);
    expect(readJournal(path)!.entries.map((e) => e.id)).toEqual(['a']);
  });

  it('does not take a changed step as finished', () => {
    const path = journalDir();
    const w = new JournalWriter(path, { steps: [a] }, null);
    w.record(a, 'done', 0, 1, null);
    const changed = { ...a, argv: ['true', '--changed'] };
    expect(stepFingerprint(changed)).not.toBe(stepFingerprint(a));
    expect(finishedStepIds(readJournal(path), [changed]).size).toBe(0);
  });

  it('keeps the finished entries of the run it resumes and clears the stop', () => {
    const path = journalDir();
    const first = new JournalWriter(path, { steps: [a, b] }, null);
    first.record(a, 'done', 0, 1, null);
    first.record(b, 'failed', 1, 1, null);
    const second = new JournalWriter(path, { steps: [a, b] }, readJournal(path));
    expect(second.current.entries.map((e) => e.id)).toEqual(['a']);
    expect(second.current.stoppedAt).toBeNull();
    second.record(b, 'done', 0, 1, null);
    second.finish();
    const j = readJournal(path)!;
    expect(j.finished).toBe(true);
    expect(j.entries.map((e) => `${e.id}:${e.status}`)).toEqual(['a:done', 'b:done']);
  });

  it('redacts what it saves', () => {
    const path = journalDir();
    const secretStep = step('s', ['true'], { env: { API_TOKEN: 'abcdef123' } });
    new JournalWriter(path, { steps: [secretStep] }, null, (t) => t.replaceAll('abcdef123', '***'));
    expect(readFileSync(path, 'utf8')).not.toContain('abcdef123');
  });

  it('says clearly when the file is not a journal', () => {
    const path = journalDir();
    new JournalWriter(path, { steps: [] }, null);
    writeFileSync(path, '{broken');
    expect(() => readJournal(path)).toThrow(JournalError);
    expect(() => readJournal(path)).toThrow(/not valid JSON.*remove it to start over/);
    writeFileSync(path, '{"version": 99}');
    expect(() => readJournal(path)).toThrow(/not a nix-mox journal/);
    expect(readJournal(join(path, '..', 'missing.json'))).toBeNull();
  });
});
