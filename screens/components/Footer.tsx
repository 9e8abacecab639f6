import { Box, Text } from 'ink';
import { color } from '../theme';

export interface KeyHint {
  keys: string;
  label: string;
}

/** The one-line footer: the keys that work on this screen, nothing else. */
export function Footer({ hints }: { hints: KeyHint[] }) {
  return (
    <Box>
      <Text wrap="truncate-end">
        {hints.map((h, i) => (
          <Text key={h.keys}>
            {i > 0 ? '  ' : ''}
            <Text bold color={color('accent')}>
              {h.keys}
            </Text>{' '}
            {h.label}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
