import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../hooks/useTerminalSize';

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>Terminal too small</Text>
      <Text wrap="wrap">
        nix-mox needs at least {MIN_COLUMNS}x{MIN_ROWS}; this one is {columns}x{rows}. Make the window larger,
        or press q to quit.
      </Text>
    </Box>
  );
}
