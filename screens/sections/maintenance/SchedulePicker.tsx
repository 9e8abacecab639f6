// A schedule: one of the presets, never (when allowed), or a calendar expression typed in.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { type SchedulePreset, checkCalendar } from '../../../src/wizard/calendar';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { chooseHints } from '../../components/hints';
import { TextField, textFieldHints } from '../../components/TextField';
import { color } from '../../theme';

const NEVER = '\u0000never';
const CUSTOM = '\u0000custom';

export function SchedulePicker({
  title,
  field,
  value,
  presets,
  allowNever,
  isActive,
  onChoose,
  onCancel,
}: {
  title: string;
  /** The field's name in messages ("Backup schedule"). */
  field: string;
  value: string | null;
  presets: SchedulePreset[];
  allowNever: boolean;
  isActive: boolean;
  onChoose(value: string | null): void;
  onCancel(): void;
}) {
  const [custom, setCustom] = useState(false);
  const isPreset = value === null || presets.some((p) => p.value === value);

  if (custom) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('accent')}>
          {title} › Custom
        </Text>
        <TextField<string>
          label={field}
          initial={isPreset ? '' : (value ?? '')}
          check={(raw) => checkCalendar(field, raw)}
          hint='[weekday] [date] [time], e.g. "sun 03:00", "mon..fri 22:30", "*-*-01 04:00", or daily / weekly'
          isActive={isActive}
          onSubmit={onChoose}
          onCancel={() => setCustom(false)}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        {title}
      </Text>
      <Choice<string>
        options={[
          ...presets.map((p) => ({ value: p.value, label: p.label, detail: p.value })),
          ...(allowNever ? [{ value: NEVER, label: 'never' }] : []),
          {
            value: CUSTOM,
            label: 'custom…',
            detail: isPreset ? '' : (value ?? ''),
            note: 'type a calendar expression',
          },
        ]}
        initial={value === null ? NEVER : isPreset ? value : CUSTOM}
        isActive={isActive}
        onChoose={(v) => (v === CUSTOM ? setCustom(true) : onChoose(v === NEVER ? null : v))}
        onCancel={onCancel}
      />
      <Footer hints={chooseHints} />
    </Box>
  );
}
