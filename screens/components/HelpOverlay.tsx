import { Box, Text } from 'ink';
import { color } from '../theme';

export function HelpOverlay({ title, lines }: { title: string; lines: string[] }) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={color('accent')}>
        Help: {title}
      </Text>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static text lines
        <Text key={i} wrap="wrap">
          {l}
        </Text>
      ))}
      <Text dimColor>esc or ? closes this help</Text>
    </Box>
  );
}
