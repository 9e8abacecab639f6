import { describe, expect, it } from 'vitest';
import { splitBurst } from '../../screens/hooks/useKeys';
import { noKey } from '../helpers/ink-key';

const none = noKey;

describe('splitBurst', () => {
  it('passes a single key through unchanged', () => {
    expect(splitBurst('j', none)).toEqual([['j', none]]);
  });

  it('splits characters that arrived in one read, Enter included', () => {
    const out = splitBurst('j\r', none);
    expect(out.map(([i, k]) => [i, k.return])).toEqual([
      ['j', false],
      ['', true],
    ]);
  });

  it('turns tab and backspace in a burst into their keys', () => {
    const out = splitBurst('a\t\u007F', none);
    expect(out[1]![1].tab).toBe(true);
    expect(out[2]![1].backspace).toBe(true);
  });

  it('reports control characters in a burst as ctrl and the letter, as Ink does for one key', () => {
    const out = splitBurst('\u0015ab', none);
    expect(out[0]).toEqual(['u', { ...none, ctrl: true }]);
    expect(out[1]![0]).toBe('a');
  });

  it('turns a chunk with enter, backspace and ctrl-u inside into keys, in order', () => {
    const keys = splitBurst('\u0015lab\u007fb-1\r', none);
    expect(
      keys.map(([input, key]) =>
        key.return ? 'enter' : key.backspace ? 'bs' : key.ctrl ? `ctrl-${input}` : input,
      ),
    ).toEqual(['ctrl-u', 'l', 'a', 'b', 'bs', 'b', '-', '1', 'enter']);
  });

  it('leaves escape sequences and ctrl chords whole', () => {
    expect(splitBurst('\u001B[A', none)).toHaveLength(1);
    expect(splitBurst('ab', { ...none, ctrl: true })).toHaveLength(1);
  });
});
