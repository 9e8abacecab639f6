// The status summary under a section's menu; a section still missing answers shows it in the warning tone.
import { Box, Text } from 'ink';
import type { SectionStatus as Status } from '../sections';
import { color } from '../theme';

export function SectionStatus({ status }: { status: Status }) {
  return (
    <Box marginTop={1}>
      <Text wrap="wrap" color={status.kind === 'missing' ? color('warn') : undefined}>
        {status.summary}
      </Text>
    </Box>
  );
}
