// A single-choice list: move with arrows or j/k, enter chooses, esc cancels, / filters long lists.
// Options may carry a mark ([x]/[ ]) for lists whose rows toggle, a value column, a note shown for the focused
// row, and a reason when they cannot be chosen (shown instead of choosing).
import { Box, type Key, Text } from 'ink';
import { useRef, useState } from 'react';
import { useKeys } from '../hooks/useKeys';
import { color, symbols } from '../theme';

export interface ChoiceOption<V> {
  value: V;
  label: string;
  /** Shown after the label: the current value of a field, a size, a verdict. */
  detail?: string;
  /** Shown under the list while this row is focused. */
  note?: string;
  /** Why this row cannot be chosen; null or absent when it can. */
  disabled?: string | null;
  /** A toggle row: true shows [x], false [ ]. */
  checked?: boolean;
}

export interface ChoiceProps<V> {
  options: ChoiceOption<V>[];
  initial?: V;
  isActive: boolean;
  onChoose(value: V): void;
  onCancel(): void;
  /** Space on a toggle row. */
  onToggle?(value: V): void;
  /** Keys the list does not use itself (e.g. ? or d); the focused row's value comes along. */
  onKey?(input: string, key: Key, focused: V | undefined): void;
  /** Rows shown at once; longer lists scroll around the cursor. */
  maxRows?: number;
  /** Turns on / filtering. */
  filterable?: boolean;
}

const matches = (o: ChoiceOption<unknown>, filter: string) =>
  `${o.label} ${o.detail ?? ''}`.toLowerCase().includes(filter.toLowerCase());

export function Choice<V>(props: ChoiceProps<V>) {
  const { options, maxRows = 12 } = props;
  const start = Math.max(
    0,
    options.findIndex((o) => o.value === props.initial),
  );
  // Keys can come faster than renders (held arrows, a typed filter): handlers read and write the latest view.
  const [view, setView] = useState<{ cursor: number; filter: string | null }>({
    cursor: start,
    filter: null,
  });
  const latest = useRef(view);
  const [refused, setRefused] = useState<string | null>(null);

  const shownFor = (filter: string | null) => (filter ? options.filter((o) => matches(o, filter)) : options);
  const clamp = (cursor: number, list: ChoiceOption<V>[]) => Math.min(cursor, Math.max(0, list.length - 1));
  const set = (next: { cursor: number; filter: string | null }) => {
    latest.current = next;
    setView(next);
  };
  const shown = shownFor(view.filter);
  const at = clamp(view.cursor, shown);
  const focused = shown[at];

  useKeys(
    (input, key) => {
      const { cursor, filter } = latest.current;
      const list = shownFor(filter);
      const i = clamp(cursor, list);
      const current = list[i];
      const move = (delta: number) => {
        setRefused(null);
        if (list.length > 0) set({ cursor: (i + delta + list.length) % list.length, filter });
      };
      const choose = () => {
        if (!current) return;
        if (current.disabled) setRefused(current.disabled);
        else props.onChoose(current.value);
      };
      if (filter !== null) {
        if (key.escape) set({ cursor: 0, filter: null });
        else if (key.backspace || key.delete) set({ cursor: 0, filter: filter.slice(0, -1) });
        else if (key.upArrow) move(-1);
        else if (key.downArrow) move(1);
        else if (key.return) choose();
        else if (input && !key.ctrl && !key.meta && input >= ' ') set({ cursor: 0, filter: filter + input });
        return;
      }
      if (key.upArrow || input === 'k') move(-1);
      else if (key.downArrow || input === 'j') move(1);
      else if (key.escape) props.onCancel();
      else if (key.return) choose();
      else if (input === ' ' && props.onToggle && current) {
        if (current.disabled) setRefused(current.disabled);
        else props.onToggle(current.value);
      } else if (input === '/' && props.filterable) set({ cursor: 0, filter: '' });
      else props.onKey?.(input, key, current?.value);
    },
    { isActive: props.isActive },
  );

  const first = Math.min(Math.max(0, at - Math.floor(maxRows / 2)), Math.max(0, shown.length - maxRows));
  const visible = shown.slice(first, first + maxRows);
  const labelWidth = Math.min(
    48,
    Math.max(0, ...options.map((o) => o.label.length + (o.checked === undefined ? 0 : 4))),
  );

  return (
    <Box flexDirection="column">
      {view.filter !== null ? (
        <Text>
          <Text bold>Filter: </Text>
          {view.filter}
          <Text inverse> </Text>{' '}
          <Text dimColor>
            ({shown.length} of {options.length})
          </Text>
        </Text>
      ) : null}
      {first > 0 ? <Text dimColor> ↑ {first} more</Text> : null}
      {visible.map((o, i) => {
        const selected = first + i === at;
        const box = o.checked === undefined ? '' : o.checked ? '[x] ' : o.disabled ? '[-] ' : '[ ] ';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional; values may be objects
          <Box key={first + i}>
            <Box width={labelWidth + 2} flexShrink={0}>
              <Text
                color={selected ? color('accent') : undefined}
                bold={selected}
                dimColor={Boolean(o.disabled)}
                wrap="truncate-end"
              >
                {selected ? `${symbols.pointer} ` : '  '}
                {box + o.label}
              </Text>
            </Box>
            {o.detail ? (
              <Text dimColor={Boolean(o.disabled)} wrap="truncate-end">
                {'  '}
                {o.detail}
              </Text>
            ) : null}
          </Box>
        );
      })}
      {first + maxRows < shown.length ? <Text dimColor> ↓ {shown.length - first - maxRows} more</Text> : null}
      {shown.length === 0 ? <Text dimColor> nothing matches</Text> : null}
      {refused ? (
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} Not available: {refused}
        </Text>
      ) : focused?.note || focused?.disabled ? (
        <Text dimColor wrap="wrap">
          {focused.disabled ? `${symbols.bad} ${focused.disabled}. ` : ''}
          {focused.note ?? ''}
        </Text>
      ) : null}
    </Box>
  );
}
