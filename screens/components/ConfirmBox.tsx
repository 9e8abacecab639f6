import { Box, Text } from 'ink';
import { color } from '../theme';

/** A yes/no question; the caller handles y/n/esc. */
export function ConfirmBox({ question, detail }: { question: string; detail?: string }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('warn')} paddingX={1}>
      <Text bold>{question}</Text>
      {detail ? <Text wrap="wrap">{detail}</Text> : null}
      <Text>
        <Text bold>y</Text> yes <Text bold>n</Text> no
      </Text>
    </Box>
  );
}
