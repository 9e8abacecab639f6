// vzdump backups: on/off, the Proxmox job's schedule, the storage they go to, and the prune-backups keeps.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../../src/answers/schema';
import { backupPresets, describeSchedule } from '../../../src/wizard/calendar';
import { checkKeep, checkStorageId } from '../../../src/wizard/maintenance';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { TextField, textFieldHints } from '../../components/TextField';
import { color } from '../../theme';
import { SchedulePicker } from './SchedulePicker';

type Backup = Answers['maintenance']['backup'];
type KeepKey = 'keepDaily' | 'keepWeekly' | 'keepMonthly';
type Row = 'enabled' | 'schedule' | 'storage' | KeepKey;

const keepLabels: Record<KeepKey, string> = {
  keepDaily: 'Keep daily',
  keepWeekly: 'Keep weekly',
  keepMonthly: 'Keep monthly',
};
const OTHER = '\u0000other';

export function BackupPolicy({
  value,
  storages,
  isActive,
  onChange,
  onBack,
}: {
  value: Backup;
  /** Storage IDs to offer first. */
  storages: string[];
  isActive: boolean;
  onChange(next: Backup): void;
  onBack(): void;
}) {
  const [editing, setEditing] = useState<Exclude<Row, 'enabled'> | 'storageText' | null>(null);
  const [last, setLast] = useState<Row>('enabled');
  const close = () => setEditing(null);
  const set = (patch: Partial<Backup>) => {
    onChange({ ...value, ...patch });
    close();
  };
  const title = (sub?: string) => (
    <Text bold color={color('accent')}>
      Maintenance › Backups{sub ? ` › ${sub}` : ''}
    </Text>
  );

  if (editing === 'schedule') {
    return (
      <SchedulePicker
        title="Maintenance › Backups › Schedule"
        field="Backup schedule"
        value={value.schedule}
        presets={backupPresets}
        allowNever={false}
        isActive={isActive}
        onChoose={(schedule) => set({ schedule: schedule ?? value.schedule })}
        onCancel={close}
      />
    );
  }
  if (editing === 'storage') {
    const offered = storages.includes(value.storage) ? storages : [...storages, value.storage];
    return (
      <Box flexDirection="column">
        {title('Storage')}
        <Choice<string>
          key="storage"
          options={[
            ...offered.map((s) => ({
              value: s,
              label: s,
              detail:
                s === 'local'
                  ? "Proxmox's own directory storage (/var/lib/vz)"
                  : s.endsWith('-backups')
                    ? 'the backups dataset (Storage section)'
                    : '',
            })),
            { value: OTHER, label: 'another storage ID…' },
          ]}
          initial={value.storage}
          isActive={isActive}
          onChoose={(s) => (s === OTHER ? setEditing('storageText') : set({ storage: s }))}
          onCancel={close}
        />
        <Footer
          hints={[
            { keys: '↑↓/jk', label: 'move' },
            { keys: 'enter', label: 'choose' },
            { keys: 'esc', label: 'cancel' },
          ]}
        />
      </Box>
    );
  }
  if (editing === 'storageText') {
    return (
      <Box flexDirection="column">
        {title('Storage')}
        <TextField<string>
          label="Backup storage"
          initial=""
          check={checkStorageId}
          hint="the ID of a Proxmox storage with content backup (pvesm status lists them)"
          isActive={isActive}
          onSubmit={(storage) => set({ storage })}
          onCancel={close}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }
  if (editing) {
    const key = editing;
    return (
      <Box flexDirection="column">
        {title(keepLabels[key])}
        <TextField<number>
          key={key}
          label={keepLabels[key]}
          initial={String(value[key])}
          check={(raw) => checkKeep(keepLabels[key], raw)}
          hint="prune-backups keeps this many backups per guest for the period, 0 to 1000"
          isActive={isActive}
          onSubmit={(n) => set({ [key]: n })}
          onCancel={close}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      {title()}
      <Choice<Row>
        key="rows"
        options={[
          {
            value: 'enabled',
            label: 'Enabled',
            detail: value.enabled ? 'yes' : 'no',
            note: 'enter or space turns backups on or off',
          },
          { value: 'schedule', label: 'Schedule', detail: describeSchedule(value.schedule, backupPresets) },
          { value: 'storage', label: 'Storage', detail: value.storage },
          ...(Object.keys(keepLabels) as KeepKey[]).map((k) => ({
            value: k,
            label: keepLabels[k],
            detail: String(value[k]),
          })),
        ]}
        initial={last}
        isActive={isActive}
        onChoose={(row) => {
          setLast(row);
          if (row === 'enabled') onChange({ ...value, enabled: !value.enabled });
          else setEditing(row);
        }}
        onToggle={(row) => row === 'enabled' && onChange({ ...value, enabled: !value.enabled })}
        onCancel={onBack}
      />
      <Box marginTop={1}>
        <Text dimColor wrap="wrap">
          Proxmox job: vzdump --all 1 --mode snapshot --compress zstd --storage {value.storage}{' '}
          --prune-backups keep-daily=
          {value.keepDaily},keep-weekly={value.keepWeekly},keep-monthly={value.keepMonthly}, at{' '}
          {value.schedule}
        </Text>
      </Box>
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'change' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
