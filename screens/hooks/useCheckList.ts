// A grouped multi-select list, in the @inkjs/ui manner: a state hook (useCheckListState), a key hook
// (useCheckListKeys) and a view (components/CheckList.tsx). The selection is the caller's (controlled): every
// toggle goes to onChange at once. Rows may be disabled with a reason; toggling one shows the reason instead.
import type { Key } from 'ink';
import { useRef, useState } from 'react';
import { useKeys } from './useKeys';

export interface CheckItem {
  id: string;
  label: string;
  group: string;
  /** Short text after the label (e.g. the nixpkgs attribute). */
  detail?: string;
  /** Shown under the list while the row is focused. */
  description?: string;
  /** Why this row cannot be chosen; it is then shown as such and space refuses it with this reason. */
  disabledReason?: string;
}

export interface CheckGroup {
  id: string;
  title: string;
}

export type CheckRow =
  | { kind: 'group'; group: CheckGroup; chosen: number; total: number }
  | { kind: 'item'; item: CheckItem; checked: boolean; focused: boolean };

export interface CheckListStateProps {
  items: CheckItem[];
  groups: CheckGroup[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  /** Lines the list may use (headers, rows and the scroll markers). */
  height: number;
}

export interface CheckListState {
  /** The rows to draw now, within `height`. */
  window: CheckRow[];
  /** Rows hidden above and below the window. */
  above: number;
  below: number;
  focused: CheckItem | undefined;
  /** Items that pass the filter. */
  visibleCount: number;
  filter: string;
  filtering: boolean;
  /** The last refusal or bulk action, in words; cleared by the next move. */
  notice: string | null;
  move(delta: number): void;
  toggle(): void;
  toggleGroup(): void;
  startFilter(): void;
  typeFilter(text: string): void;
  eraseFilter(): void;
  /** Leaves typing; keep=false also clears the filter. */
  endFilter(keep: boolean): void;
}

const matches = (item: CheckItem, group: CheckGroup | undefined, filter: string): boolean => {
  if (filter === '') return true;
  const hay = `${item.label} ${item.id} ${item.detail ?? ''} ${group?.title ?? ''}`;
  return hay.toLowerCase().includes(filter.toLowerCase());
};

/** Rows (group headers and items) of the items that pass the filter, groups in their given order. */
export function buildRows(
  items: CheckItem[],
  groups: CheckGroup[],
  selected: ReadonlySet<string>,
  filter: string,
  focusedId: string | undefined,
): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const group of groups) {
    const all = items.filter((i) => i.group === group.id);
    const shown = all.filter((i) => matches(i, group, filter));
    if (shown.length === 0) continue;
    const chosen = all.filter((i) => selected.has(i.id)).length;
    rows.push({ kind: 'group', group, chosen, total: all.filter((i) => !i.disabledReason).length });
    for (const item of shown) {
      rows.push({ kind: 'item', item, checked: selected.has(item.id), focused: item.id === focusedId });
    }
  }
  return rows;
}

/** First row index of a window of `size` rows that shows row `target`, keeping `start` when it already does. */
export function scrollTo(start: number, target: number, size: number, total: number): number {
  if (total <= size) return 0;
  let s = start;
  if (target < s) s = target;
  if (target >= s + size) s = target - size + 1;
  return Math.max(0, Math.min(s, total - size));
}

export function useCheckListState(props: CheckListStateProps): CheckListState {
  const { items, groups, height } = props;
  const [focusId, setFocusId] = useState<string | undefined>(items[0]?.id);
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const start = useRef(0);
  // Keys can come faster than renders: toggles chain on the latest selection, not the last rendered one.
  const latestSelected = useRef<string[]>([...props.selected]);
  const lastProp = useRef(props.selected);
  if (lastProp.current !== props.selected) {
    lastProp.current = props.selected;
    latestSelected.current = [...props.selected];
  }
  const latestFocus = useRef(focusId);
  latestFocus.current = focusId;

  const selected = new Set(latestSelected.current);
  const visible = groups.flatMap((g) => items.filter((i) => i.group === g.id && matches(i, g, filter)));
  const focused = visible.find((i) => i.id === focusId) ?? visible[0];
  const rows = buildRows(items, groups, selected, filter, focused?.id);

  // Scroll markers take a line each when there is more than fits.
  const overflow = rows.length > height;
  const size = Math.max(1, overflow ? height - 2 : height);
  let target = rows.findIndex((r) => r.kind === 'item' && r.focused);
  // Show the group header with the first item of a group.
  if (target > 0 && rows[target - 1]?.kind === 'group') target -= 1;
  start.current = scrollTo(start.current, Math.max(0, target), size, rows.length);
  const focusRow = rows.findIndex((r) => r.kind === 'item' && r.focused);
  if (focusRow >= start.current + size) start.current = scrollTo(start.current, focusRow, size, rows.length);
  const window = rows.slice(start.current, start.current + size);

  const commit = (next: string[]) => {
    latestSelected.current = next;
    props.onChange(next);
  };
  const currentFocus = (): CheckItem | undefined =>
    visible.find((i) => i.id === latestFocus.current) ?? visible[0];

  return {
    window,
    above: start.current,
    below: Math.max(0, rows.length - start.current - size),
    focused,
    visibleCount: visible.length,
    filter,
    filtering,
    notice,
    move(delta) {
      setNotice(null);
      if (visible.length === 0) return;
      const at = Math.max(
        0,
        visible.findIndex((i) => i.id === currentFocus()?.id),
      );
      const next = visible[(at + delta + visible.length) % visible.length];
      latestFocus.current = next?.id;
      setFocusId(next?.id);
    },
    toggle() {
      const item = currentFocus();
      if (!item) return;
      if (item.disabledReason) {
        setNotice(`${item.label} cannot be chosen: ${item.disabledReason}`);
        return;
      }
      setNotice(null);
      const cur = latestSelected.current;
      commit(cur.includes(item.id) ? cur.filter((id) => id !== item.id) : [...cur, item.id]);
    },
    toggleGroup() {
      const item = currentFocus();
      if (!item) return;
      const group = groups.find((g) => g.id === item.group);
      const inGroup = visible.filter((i) => i.group === item.group);
      const choosable = inGroup.filter((i) => !i.disabledReason);
      const refused = inGroup.filter((i) => i.disabledReason);
      const cur = latestSelected.current;
      const allOn = choosable.every((i) => cur.includes(i.id));
      const title = group?.title ?? item.group;
      if (allOn) {
        commit(cur.filter((id) => !choosable.some((i) => i.id === id)));
        setNotice(`Cleared ${choosable.length} in ${title}`);
      } else {
        commit([...cur, ...choosable.filter((i) => !cur.includes(i.id)).map((i) => i.id)]);
        const left = refused.length
          ? ` (${refused.map((i) => i.label).join(', ')} cannot be chosen, left out)`
          : '';
        setNotice(`Chose all ${choosable.length} in ${title}${left}`);
      }
    },
    startFilter() {
      setNotice(null);
      setFiltering(true);
    },
    typeFilter(text) {
      setFilter((f) => f + text);
    },
    eraseFilter() {
      setFilter((f) => f.slice(0, -1));
    },
    endFilter(keep) {
      setFiltering(false);
      if (!keep) setFilter('');
    },
  };
}

export interface CheckListKeyOptions {
  isActive: boolean;
  onBack(): void;
  onHelp(): void;
  /** Keys the list does not use (e.g. enter on a row that opens a field). */
  onKey?(input: string, key: Key, focused: CheckItem | undefined): void;
}

const printable = (input: string): string => [...input].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');

/** ↑↓/jk move, space toggles, a all in the group, / filters (enter keeps, esc clears), esc back, ? help. */
export function useCheckListKeys(state: CheckListState, opts: CheckListKeyOptions): void {
  useKeys(
    (input, key) => {
      if (key.upArrow) return state.move(-1);
      if (key.downArrow) return state.move(1);
      if (state.filtering) {
        if (key.escape) state.endFilter(false);
        else if (key.return) state.endFilter(true);
        else if (key.backspace || key.delete) state.eraseFilter();
        else if (!key.ctrl && !key.meta && printable(input)) state.typeFilter(printable(input));
        return;
      }
      if (key.escape) {
        if (state.filter !== '') state.endFilter(false);
        else opts.onBack();
      } else if (input === 'k') state.move(-1);
      else if (input === 'j') state.move(1);
      else if (input === ' ') state.toggle();
      else if (input === 'a') state.toggleGroup();
      else if (input === '/') state.startFilter();
      else if (input === '?') opts.onHelp();
      else opts.onKey?.(input, key, state.focused);
    },
    { isActive: opts.isActive },
  );
}
