import { Box, Text } from 'ink';
import { color } from '../theme';

export function TitleBar({ title, right }: { title: string; right: string }) {
  return (
    <Box justifyContent="space-between">
      <Text bold color={color('accent')} wrap="truncate-end">
        {title}
      </Text>
      <Text wrap="truncate-start">{right}</Text>
    </Box>
  );
}
