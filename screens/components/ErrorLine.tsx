// The last rejected change's message under a form, or nothing.
import { Text } from 'ink';
import { color, symbols } from '../theme';

export function ErrorLine({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Text color={color('bad')} wrap="wrap">
      {symbols.bad} {error}
    </Text>
  );
}
