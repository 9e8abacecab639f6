// Terminal byte sequences for keys, shared by screen tests (ink-testing-library stdin) and tmux tests.
export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  space: ' ',
  ctrlC: '\u0003',
} as const;

export type KeyName = keyof typeof keys;
