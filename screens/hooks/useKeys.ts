// useInput with the latest handler: Ink re-subscribes a new handler only after React's passive effects run,
// so a key that arrives right after a render would otherwise see the previous render's state.
import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';

export type KeyHandler = (input: string, key: Key) => void;

export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback<KeyHandler>((input, key) => latest.current(input, key), []);
  useInput(stable, { isActive: options.isActive ?? true });
}
