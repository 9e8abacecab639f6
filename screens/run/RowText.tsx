// One laid-out row of the live panes (run and update): positional coloured parts on one truncated line.
import { Text } from 'ink';
import { color } from '../theme';
import type { Row } from './layout';

export function RowText({ row }: { row: Row }) {
  return (
    <Text wrap="truncate-end">
      {row.parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's parts are positional and never reorder
        <Text key={i} color={p.tone ? color(p.tone) : undefined} bold={p.bold}>
          {p.text}
        </Text>
      ))}
    </Text>
  );
}
