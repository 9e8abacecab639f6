import { describe, expect, it } from 'vitest';
import { stopAnswer } from '../../screens/run/stop-answer';
import { noKey } from '../helpers/ink-key';

describe('stopAnswer', () => {
  it('stops on y, Y and a second ctrl-c', () => {
    expect(stopAnswer('y', noKey)).toBe('stop');
    expect(stopAnswer('Y', noKey)).toBe('stop');
    expect(stopAnswer('c', { ...noKey, ctrl: true })).toBe('stop');
  });

  it('keeps going on n, N and esc', () => {
    expect(stopAnswer('n', noKey)).toBe('keep');
    expect(stopAnswer('N', noKey)).toBe('keep');
    expect(stopAnswer('', { ...noKey, escape: true })).toBe('keep');
  });

  it('ignores other keys, a plain c included', () => {
    expect(stopAnswer('c', noKey)).toBeNull();
    expect(stopAnswer('q', noKey)).toBeNull();
    expect(stopAnswer('', { ...noKey, return: true })).toBeNull();
  });
});
