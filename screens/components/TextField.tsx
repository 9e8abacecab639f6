// A labelled one-line text entry with a cursor and the validation message that names the field.
import { Box, Text } from 'ink';
import type { Check } from '../../src/wizard/check';
import { type TextFieldState, useTextField, useTextFieldKeys } from '../hooks/useTextField';
import { color, symbols } from '../theme';
import type { KeyHint } from './Footer';

export const textFieldHints: KeyHint[] = [
  { keys: 'enter', label: 'confirm' },
  { keys: 'esc', label: 'cancel' },
  { keys: '←→', label: 'move' },
  { keys: 'backspace', label: 'delete' },
];

export function TextFieldView<T>({
  label,
  field,
  hint,
}: {
  label: string;
  field: TextFieldState<T>;
  hint?: string;
}) {
  const before = field.value.slice(0, field.cursor);
  const at = field.value.slice(field.cursor, field.cursor + 1) || ' ';
  const after = field.value.slice(field.cursor + 1);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{label}: </Text>
        <Text>{before}</Text>
        <Text inverse>{at}</Text>
        <Text>{after}</Text>
      </Text>
      {hint ? (
        <Text dimColor wrap="wrap">
          {hint}
        </Text>
      ) : null}
      {field.error ? (
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} {field.error}
        </Text>
      ) : null}
    </Box>
  );
}

export interface TextFieldProps<T> {
  label: string;
  initial: string;
  check(raw: string): Check<T>;
  onSubmit(value: T): void;
  onCancel(): void;
  isActive: boolean;
  hint?: string;
}

/** State, keys and view together, for the usual case of one field on its own. */
export function TextField<T>(props: TextFieldProps<T>) {
  const field = useTextField(props.initial, props.check);
  useTextFieldKeys(field, props);
  return <TextFieldView label={props.label} field={field} hint={props.hint} />;
}
