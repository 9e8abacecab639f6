// Edits one "keep N" count of a maintenance policy (0 to 1000, checked by checkKeep, named in its message).
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { checkKeep } from '../../../src/wizard/maintenance';
import { Footer } from '../../components/Footer';
import { SectionTitle } from '../../components/SectionTitle';
import { TextField, textFieldHints } from '../../components/TextField';

export function KeepField({
  title,
  label,
  value,
  hint,
  isActive,
  onSubmit,
  onCancel,
  children,
}: {
  /** The policy's heading, e.g. "Maintenance › Backups"; the label follows it. */
  title: string;
  label: string;
  value: number;
  hint: string;
  isActive: boolean;
  onSubmit(n: number): void;
  onCancel(): void;
  /** Shown under the field, e.g. what the counts keep. */
  children?: ReactNode;
}) {
  return (
    <Box flexDirection="column">
      <SectionTitle title={title} sub={label} />
      <TextField<number>
        key={label}
        label={label}
        initial={String(value)}
        check={(raw) => checkKeep(label, raw)}
        hint={hint}
        isActive={isActive}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
      {children}
      <Footer hints={textFieldHints} />
    </Box>
  );
}
