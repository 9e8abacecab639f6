// A section screen's heading: "Storage", or "Storage › Datasets" inside one of its sub-screens.
import { Text } from 'ink';
import { color } from '../theme';

export function SectionTitle({ title, sub }: { title: string; sub?: string }) {
  return (
    <Text bold color={color('accent')}>
      {title}
      {sub ? ` › ${sub}` : ''}
    </Text>
  );
}
