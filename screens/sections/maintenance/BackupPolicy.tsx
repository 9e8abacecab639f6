// vzdump backups: on/off, the Proxmox job's schedule, the storage they go to, and the prune-backups keeps.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../../src/answers/schema';
import { backupPresets, describeSchedule } from '../../../src/wizard/calendar';
import { checkStorageId } from '../../../src/wizard/maintenance';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { chooseHints, fieldListHints } from '../../components/hints';
import { SectionTitle } from '../../components/SectionTitle';
import { TextField, textFieldHints } from '../../components/TextField';
import { KeepField } from './KeepField';
import { PolicyRows } from './PolicyRows';
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
const TITLE = 'Maintenance › Backups';

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
  const title = (sub?: string) => <SectionTitle title={TITLE} sub={sub} />;

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
        <Footer hints={chooseHints} />
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
      <KeepField
        title={TITLE}
        label={keepLabels[key]}
        value={value[key]}
        hint="prune-backups keeps this many backups per guest for the period, 0 to 1000"
        isActive={isActive}
        onSubmit={(n) => set({ [key]: n })}
        onCancel={close}
      />
    );
  }

  return (
    <Box flexDirection="column">
      {title()}
      <PolicyRows<Exclude<Row, 'enabled'>>
        what="backups"
        enabled={value.enabled}
        rows={[
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
        onChosen={setLast}
        onSetEnabled={(enabled) => onChange({ ...value, enabled })}
        onEdit={setEditing}
        onBack={onBack}
      />
      <Box marginTop={1}>
        <Text dimColor wrap="wrap">
          Proxmox job: vzdump --all 1 --mode snapshot --compress zstd --storage {value.storage}{' '}
          --prune-backups keep-daily=
          {value.keepDaily},keep-weekly={value.keepWeekly},keep-monthly={value.keepMonthly}, at{' '}
          {value.schedule}
        </Text>
      </Box>
      <Footer hints={fieldListHints()} />
    </Box>
  );
}
