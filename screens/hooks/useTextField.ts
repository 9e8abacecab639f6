// One-line text entry: the editing rules (pure), a state hook, and a key hook. TextField.tsx is the view.
import type { Key } from 'ink';
import { useRef, useState } from 'react';
import type { Check } from '../../src/wizard/check';
import { useKeys } from './useKeys';

export interface TextState {
  value: string;
  /** Index in `value` where the next character goes (0..value.length). */
  cursor: number;
}

// Characters that may be typed or pasted: printable ones only (a pasted line break or escape never gets in).
const printable = (input: string): string => [...input].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');

/** Applies one key to the text; null when the key is not an editing key (enter, esc, arrows up/down...). */
export function editText(s: TextState, input: string, key: Key): TextState | null {
  if (key.leftArrow) return { ...s, cursor: Math.max(0, s.cursor - 1) };
  if (key.rightArrow) return { ...s, cursor: Math.min(s.value.length, s.cursor + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { ...s, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { ...s, cursor: s.value.length };
  if (key.ctrl && input === 'u') return { value: s.value.slice(s.cursor), cursor: 0 };
  // Terminals send DEL (0x7f) for backspace, which Ink reports as `delete`: both remove the character before.
  if (key.backspace || key.delete) {
    if (s.cursor === 0) return s;
    return { value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1 };
  }
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.upArrow || key.downArrow)
    return null;
  const text = printable(input);
  if (text === '') return null;
  return {
    value: s.value.slice(0, s.cursor) + text + s.value.slice(s.cursor),
    cursor: s.cursor + text.length,
  };
}

export interface TextFieldState<T> extends TextState {
  check: Check<T>;
  /** The message to show: set once the user tried to confirm an invalid value, and kept up to date after. */
  error: string | null;
  apply(input: string, key: Key): boolean;
  /** Marks the field as tried; returns the verdict. */
  attempt(): Check<T>;
}

export function useTextField<T>(initial: string, check: (raw: string) => Check<T>): TextFieldState<T> {
  const [state, setState] = useState<TextState>({ value: initial, cursor: initial.length });
  const [tried, setTried] = useState(false);
  // Keys can arrive faster than renders (a paste, a fast typist over ssh): edits chain on the latest text.
  const latest = useRef(state);
  const verdict = check(state.value);
  return {
    ...state,
    check: verdict,
    error: tried && !verdict.ok ? verdict.message : null,
    apply(input, key) {
      const next = editText(latest.current, input, key);
      if (!next) return false;
      latest.current = next;
      setState(next);
      return true;
    },
    attempt() {
      setTried(true);
      return check(latest.current.value);
    },
  };
}

export interface TextFieldKeyOptions<T> {
  onSubmit(value: T): void;
  onCancel(): void;
  isActive: boolean;
}

/** enter confirms a valid value (or shows why not), esc cancels, everything else edits. */
export function useTextFieldKeys<T>(field: TextFieldState<T>, opts: TextFieldKeyOptions<T>): void {
  useKeys(
    // useKeys has already split a burst ("abc\r", ctrl-u and text) into one call per key, in order.
    (input, key) => {
      if (key.escape) return opts.onCancel();
      if (key.return) {
        const verdict = field.attempt();
        if (verdict.ok) return opts.onSubmit(verdict.value);
      } else field.apply(input, key);
    },
    { isActive: opts.isActive },
  );
}
