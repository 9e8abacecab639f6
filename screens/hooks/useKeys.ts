// useInput, made dependable for keyboard-driven screens:
// - it always calls the latest handler (Ink re-subscribes a new handler only after React's passive effects run, so
//   a key that arrives right after a render would otherwise see the previous render's state);
// - keys that arrive in one read ("j" then Enter typed fast, or sent together by a terminal driver) reach the
//   handler one at a time, each after React has rendered the one before, as if typed slowly.
import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';

export type KeyHandler = (input: string, key: Key) => void;

/** A Key with nothing pressed (the base for keys made up from a burst). */
export const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const plain = (key: Key): Key => ({ ...key, return: false, tab: false, backspace: false, delete: false });

/** One handler call per key in a burst of plain characters; escape sequences are left whole. */
export function splitBurst(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || input.includes('\u001B') || key.ctrl || key.meta) return [[input, key]];
  return [...input].map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...plain(key), return: true }];
    if (ch === '\t') return ['', { ...plain(key), tab: true }];
    if (ch === '\u007F' || ch === '\b') return ['', { ...plain(key), backspace: true }];
    const code = ch.charCodeAt(0);
    // Ctrl-A … Ctrl-Z, as Ink reports them for a single key: the letter with ctrl set.
    if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...plain(key), ctrl: true }];
    return [ch, plain(key)];
  });
}

export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const latest = useRef(handler);
  latest.current = handler;
  // Counts this component's renders: a queued key waits until the one before it has been rendered.
  const renders = useRef(0);
  renders.current++;
  const queue = useRef<[string, Key][]>([]);
  const stable = useCallback<KeyHandler>((input, key) => {
    const idle = queue.current.length === 0;
    queue.current.push(...splitBurst(input, key));
    if (!idle) return;
    const next = () => {
      const item = queue.current.shift();
      if (!item) return;
      const before = renders.current;
      latest.current(item[0], item[1]);
      if (queue.current.length > 0) afterRender(before, 0);
    };
    // A key that changed nothing causes no render: after a few turns of the event loop the next key goes anyway.
    const afterRender = (before: number, turns: number) => {
      if (renders.current !== before || turns >= MAX_WAIT_TURNS) next();
      else setImmediate(() => afterRender(before, turns + 1));
    };
    next();
  }, []);
  useInput(stable, { isActive: options.isActive ?? true });
}

const MAX_WAIT_TURNS = 50;
