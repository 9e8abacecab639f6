// The view of a grouped multi-select list (state and keys in hooks/useCheckList.ts). Marks are words and
// brackets, never colour alone: [x] chosen, [ ] not, [-] cannot be chosen (with the reason on the row).
import { Box, Text } from 'ink';
import type { CheckListState, CheckRow } from '../hooks/useCheckList';
import { color, symbols } from '../theme';
import type { KeyHint } from './Footer';

export const checkListHints = (opts: { groups: boolean }): KeyHint[] => [
  { keys: '↑↓/jk', label: 'move' },
  { keys: 'space', label: 'toggle' },
  ...(opts.groups ? [{ keys: 'a', label: 'all in group' }] : [{ keys: 'a', label: 'all' }]),
  { keys: '/', label: 'filter' },
  { keys: '?', label: 'help' },
  { keys: 'esc', label: 'back' },
];

export const filterHints: KeyHint[] = [
  { keys: 'type', label: 'filter' },
  { keys: '↑↓', label: 'move' },
  { keys: 'enter', label: 'keep filter' },
  { keys: 'esc', label: 'clear' },
];

function Row({ row, labelWidth }: { row: CheckRow; labelWidth: number }) {
  if (row.kind === 'group') {
    return (
      <Text bold wrap="truncate-end">
        {row.group.title} ({row.chosen}/{row.total})
      </Text>
    );
  }
  const { item, checked, focused } = row;
  const mark = item.disabledReason ? '[-]' : checked ? '[x]' : '[ ]';
  const tone = item.disabledReason ? color('muted') : focused ? color('accent') : undefined;
  const detail = item.disabledReason ? `cannot be chosen: ${item.disabledReason}` : (item.detail ?? '');
  return (
    <Text color={tone} bold={focused} wrap="truncate-end">
      {focused ? `${symbols.pointer} ` : '  '}
      {mark} {item.label.padEnd(labelWidth)} {detail}
    </Text>
  );
}

export function CheckList({ state }: { state: CheckListState }) {
  const labelWidth = Math.max(8, ...state.window.map((r) => (r.kind === 'item' ? r.item.label.length : 0)));
  const showFilter = state.filtering || state.filter !== '';
  return (
    <Box flexDirection="column">
      {showFilter ? (
        <Text>
          <Text bold>/ </Text>
          {state.filter}
          {state.filtering ? <Text inverse> </Text> : null}
          <Text dimColor>
            {'  '}
            {state.visibleCount} match{state.visibleCount === 1 ? '' : 'es'}
          </Text>
        </Text>
      ) : null}
      {state.above > 0 ? <Text dimColor>↑ {state.above} more</Text> : null}
      {state.window.map((row) => (
        <Row
          key={row.kind === 'group' ? `g:${row.group.id}` : `i:${row.item.id}`}
          row={row}
          labelWidth={labelWidth}
        />
      ))}
      {state.below > 0 ? <Text dimColor>↓ {state.below} more</Text> : null}
      {state.visibleCount === 0 ? <Text dimColor>nothing matches "{state.filter}"</Text> : null}
      {state.focused?.description ? (
        <Box marginTop={1}>
          <Text wrap="wrap">{state.focused.description}</Text>
        </Box>
      ) : null}
      {state.notice ? (
        <Text color={color('warn')} wrap="wrap">
          {symbols.warn} {state.notice}
        </Text>
      ) : null}
    </Box>
  );
}
