import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { editText } from '../../screens/hooks/useTextField';
import { noKey } from '../helpers/ink-key';

const none = noKey;
const k = (over: Partial<Key>): Key => ({ ...none, ...over });
const s = (value: string, cursor = value.length) => ({ value, cursor });

describe('editText', () => {
  it('inserts typed or pasted text at the cursor', () => {
    expect(editText(s('pve'), '1', none)).toEqual(s('pve1'));
    expect(editText(s('pve', 0), 'my-', none)).toEqual({ value: 'my-pve', cursor: 3 });
  });
  it('drops control characters from a paste (a line break never gets into a field)', () => {
    expect(editText(s(''), '/root/a.pub\r\n', none)).toEqual(s('/root/a.pub'));
    expect(editText(s('x'), '\u0007', none)).toBeNull();
  });
  it('backspace (DEL, which Ink reports as delete) removes the character before the cursor', () => {
    expect(editText(s('pve'), '', k({ delete: true }))).toEqual(s('pv'));
    expect(editText(s('pve', 1), '', k({ backspace: true }))).toEqual({ value: 've', cursor: 0 });
    expect(editText(s('pve', 0), '', k({ backspace: true }))).toEqual(s('pve', 0));
  });
  it('moves with the arrows, home/end and ctrl-a/ctrl-e, within the text', () => {
    expect(editText(s('ab', 0), '', k({ leftArrow: true }))).toEqual(s('ab', 0));
    expect(editText(s('ab', 2), '', k({ rightArrow: true }))).toEqual(s('ab', 2));
    expect(editText(s('ab', 2), '', k({ leftArrow: true }))).toEqual(s('ab', 1));
    expect(editText(s('abc', 3), 'a', k({ ctrl: true }))).toEqual(s('abc', 0));
    expect(editText(s('abc', 0), 'e', k({ ctrl: true }))).toEqual(s('abc', 3));
    expect(editText(s('abc', 1), '', k({ end: true }))).toEqual(s('abc', 3));
    expect(editText(s('abc', 1), '', k({ home: true }))).toEqual(s('abc', 0));
  });
  it('ctrl-u clears up to the cursor', () => {
    expect(editText(s('abcdef', 4), 'u', k({ ctrl: true }))).toEqual({ value: 'ef', cursor: 0 });
  });
  it('leaves enter, esc, tab and up/down to the caller', () => {
    for (const key of [
      k({ return: true }),
      k({ escape: true }),
      k({ tab: true }),
      k({ upArrow: true }),
      k({ downArrow: true }),
    ]) {
      expect(editText(s('x'), '', key)).toBeNull();
    }
  });
});
