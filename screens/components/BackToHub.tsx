// A screen with nothing to do here (wrong machine role, data not ready): why, and one way back to the hub.
import { Box, Text } from 'ink';
import { color } from '../theme';
import { Choice } from './Choice';
import { Footer } from './Footer';
import { SectionTitle } from './SectionTitle';

export function BackToHub({
  title,
  text,
  tone,
  isActive,
  onBack,
}: {
  title: string;
  text: string;
  tone?: 'bad';
  isActive: boolean;
  onBack(): void;
}) {
  return (
    <Box flexDirection="column">
      <SectionTitle title={title} />
      <Text color={tone ? color(tone) : undefined} wrap="wrap">
        {text}
      </Text>
      <Choice
        key="back"
        options={[{ value: 'back', label: 'Back to the hub' }]}
        isActive={isActive}
        onChoose={onBack}
        onCancel={onBack}
      />
      <Footer hints={[{ keys: 'esc', label: 'back' }]} />
    </Box>
  );
}
