// Footer hint sets that several screens share, so the same keys read the same everywhere.
import type { KeyHint } from './Footer';

const move: KeyHint = { keys: '↑↓/jk', label: 'move' };

/** A list where enter picks one value and esc leaves without a change. */
export const chooseHints: KeyHint[] = [
  move,
  { keys: 'enter', label: 'choose' },
  { keys: 'esc', label: 'cancel' },
];

/** A list of checkboxes: space or enter toggles, esc is done. */
export const toggleHints: KeyHint[] = [
  move,
  { keys: 'space/enter', label: 'toggle' },
  { keys: 'esc', label: 'done' },
];

/** A sub-form's field list: enter edits the field, esc goes back to the section (`back` names what esc does). */
export function fieldListHints(back = 'back'): KeyHint[] {
  return [move, { keys: 'enter', label: 'change' }, { keys: 'esc', label: back }];
}

/** A section's main menu: enter opens the entry (`enter` names it), ? shows the section's help. */
export function sectionMenuHints(enter = 'change'): KeyHint[] {
  return [
    move,
    { keys: 'enter', label: enter },
    { keys: '?', label: 'help' },
    { keys: 'esc', label: 'back' },
  ];
}
