import { describe, expect, it } from 'vitest';
import { formatProgressLine, parseProgressLine } from '../../src/run/progress';

describe('progress protocol', () => {
  it('parses ::step', () => {
    expect(parseProgressLine('::step refresh the package lists')).toEqual({
      kind: 'step',
      label: 'refresh the package lists',
    });
    expect(parseProgressLine('::step')).toEqual({ kind: 'step', label: '' });
  });

  it('parses ::progress with a known and an unknown total', () => {
    expect(parseProgressLine('::progress 2/4 apt-get autoremove')).toEqual({
      kind: 'progress',
      done: 2,
      total: 4,
      label: 'apt-get autoremove',
    });
    expect(parseProgressLine('::progress 3/? guest 101')).toEqual({
      kind: 'progress',
      done: 3,
      total: null,
      label: 'guest 101',
    });
    expect(parseProgressLine('::progress 0/1')).toEqual({ kind: 'progress', done: 0, total: 1, label: '' });
  });

  it('clamps a count past its total', () => {
    expect(parseProgressLine('::progress 5/4 x')).toMatchObject({ done: 4, total: 4 });
  });

  it('leaves other lines alone', () => {
    for (const line of [
      '',
      'progress 1/2',
      ' ::step x',
      '::stepper x',
      '::progress one/two',
      '::progress 1/2x',
      '::',
    ]) {
      expect(parseProgressLine(line), line).toBeNull();
    }
  });

  it('formats what it parses', () => {
    for (const line of ['::step a b', '::progress 1/2 label', '::progress 3/? x']) {
      expect(formatProgressLine(parseProgressLine(line)!)).toBe(line);
    }
  });
});
