// Maintenance: when the host updates, which ZFS snapshots are kept, and the vzdump backup job.
import { Box } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../src/answers/schema';
import { backupPresets, describeSchedule, updatePresets } from '../../src/wizard/calendar';
import { backupStorageChoices, maintenanceStatus, snapshotPoolChoices } from '../../src/wizard/maintenance';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import { ErrorLine } from '../components/ErrorLine';
import { sectionMenuHints } from '../components/hints';
import { SectionStatus } from '../components/SectionStatus';
import { SectionTitle } from '../components/SectionTitle';
import { useCheckedUpdate } from '../hooks/useCheckedUpdate';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { BackupPolicy } from './maintenance/BackupPolicy';
import { SchedulePicker } from './maintenance/SchedulePicker';
import { SnapshotPolicy } from './maintenance/SnapshotPolicy';

type Field = 'updates' | 'snapshots' | 'backups';
type Maintenance = Answers['maintenance'];

const HELP = [
  'Jobs that keep the machine healthy, run by systemd timers and by Proxmox itself.',
  'Update schedule: when apt-get dist-upgrade (Proxmox) or the flake update (NixOS) runs.',
  'Snapshots: ZFS snapshots per pool, pruned per label (hourly, daily, weekly, monthly) to the newest N; the table shows what that keeps over the coming weeks.',
  'Backups: a Proxmox vzdump job for all guests, its schedule, the storage it writes to and how many backups prune-backups keeps.',
  'Keys: ↑/↓ or j/k move, enter changes, esc goes back.',
];

function MaintenanceScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const { answers, report } = api;
  const m = answers.maintenance;
  const [editing, setEditing] = useState<Field | null>(null);
  const [last, setLast] = useState<Field>('updates');
  const { error, setError, apply } = useCheckedUpdate();
  // The preview counts from when the section was opened, so it does not shift while the user types.
  const [now] = useState(() => new Date());
  const active = api.inputActive;
  const close = () => setEditing(null);
  const proxmox = answers.machine.role === 'proxmox-host';

  const commit = (patch: Partial<Maintenance>, stay = true) => {
    if (apply((a) => ({ ...a, maintenance: { ...a.maintenance, ...patch } })) && !stay) close();
  };
  const errorLine = <ErrorLine error={error} />;

  if (editing === 'updates') {
    return (
      <SchedulePicker
        title="Maintenance › Update schedule"
        field="Update schedule"
        value={m.updateSchedule}
        presets={updatePresets}
        allowNever
        isActive={active}
        onChoose={(updateSchedule) => commit({ updateSchedule }, false)}
        onCancel={close}
      />
    );
  }
  if (editing === 'snapshots') {
    return (
      <Box flexDirection="column">
        <SnapshotPolicy
          value={m.snapshots}
          pools={snapshotPoolChoices(answers, report)}
          now={now}
          isActive={active}
          onChange={(snapshots) => commit({ snapshots })}
          onBack={close}
        />
        {errorLine}
      </Box>
    );
  }
  if (editing === 'backups') {
    return (
      <Box flexDirection="column">
        <BackupPolicy
          value={m.backup}
          storages={backupStorageChoices(answers)}
          isActive={active}
          onChange={(backup) => commit({ backup })}
          onBack={close}
        />
        {errorLine}
      </Box>
    );
  }

  const k = m.snapshots.keep;
  const b = m.backup;
  const status = maintenanceSection.status(api);
  return (
    <Box flexDirection="column">
      <SectionTitle title="Maintenance" />
      <Choice<Field>
        key="menu"
        options={[
          {
            value: 'updates',
            label: 'Update schedule',
            detail: describeSchedule(m.updateSchedule, updatePresets),
          },
          {
            value: 'snapshots',
            label: 'Snapshots',
            detail: m.snapshots.enabled
              ? `${m.snapshots.pools.join(', ') || 'no pool'} · keep ${k.hourly} hourly, ${k.daily} daily, ${k.weekly} weekly, ${k.monthly} monthly`
              : 'off',
          },
          ...(proxmox
            ? [
                {
                  value: 'backups' as const,
                  label: 'Backups',
                  detail: b.enabled
                    ? `${describeSchedule(b.schedule, backupPresets)} → ${b.storage} · keep ${b.keepDaily} daily, ${b.keepWeekly} weekly, ${b.keepMonthly} monthly`
                    : 'off',
                },
              ]
            : []),
        ]}
        initial={last}
        isActive={active}
        onChoose={(field) => {
          setLast(field);
          setError(null);
          setEditing(field);
        }}
        onCancel={onBack}
        onKey={(input) => input === '?' && api.showHelp(maintenanceSection.title, HELP)}
      />
      <SectionStatus status={status} />
      <Footer hints={sectionMenuHints()} />
    </Box>
  );
}

export const maintenanceSection: Section = {
  id: 'maintenance',
  title: 'Maintenance',
  required: true,
  status: (state) => maintenanceStatus(state.answers, state.report),
  help: HELP,
  Screen: MaintenanceScreen,
};
