// The answer to "Stop the run?" in the live panes: y (or ctrl-c again) stops, n or esc keeps going.
import type { Key } from 'ink';

export function stopAnswer(input: string, key: Key): 'stop' | 'keep' | null {
  if (input === 'y' || input === 'Y' || (key.ctrl && input === 'c')) return 'stop';
  if (input === 'n' || input === 'N' || key.escape) return 'keep';
  return null;
}
