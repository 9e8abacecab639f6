// The snapshot policy's preview: how many snapshots each label holds after 1, 2, 4, 8 and 12 weeks from `start`.
import { Box, Text } from 'ink';
import { type Keep, labels, retentionPreview, steadyState } from '../../../src/wizard/retention';

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function RetentionTable({ keep, start }: { keep: Keep; start: Date }) {
  const rows = retentionPreview(keep, start);
  return (
    <Box flexDirection="column">
      <Text bold>What this policy keeps, counting from now:</Text>
      <Text>
        {'  after    '}
        {labels.map((l) => pad(l, 8)).join('')}
        {pad('total', 7)}
        {'  reaches back'}
      </Text>
      {rows.map((r) => (
        <Text key={r.weeks}>
          {`  ${r.weeks} week${r.weeks === 1 ? ' ' : 's'}`.padEnd(11)}
          {labels.map((l) => pad(r.kept[l], 8)).join('')}
          {pad(r.total, 7)}
          {`  ${r.oldest ? `${r.reachesBackDays} days` : '-'}`}
        </Text>
      ))}
      <Text dimColor>Later: {steadyState(keep)}.</Text>
    </Box>
  );
}
