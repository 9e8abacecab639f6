// One guest's settings: on/off, VMID, name, cores, memory, disk size, bridge.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { GuestConfig } from '../../../src/answers/schema';
import type { Check } from '../../../src/wizard/check';
import {
  type GuestKey,
  bridgeChoices,
  bridgeInfo,
  checkCores,
  checkDisk,
  checkEnabled,
  checkGuestName,
  checkMemory,
  checkVmid,
  guestInfo,
} from '../../../src/wizard/guests';
import { passedDevices, shortAddress } from '../../../src/wizard/passthrough';
import { Choice } from '../../components/Choice';
import { ErrorLine } from '../../components/ErrorLine';
import { Footer } from '../../components/Footer';
import { SectionTitle } from '../../components/SectionTitle';
import { chooseHints, fieldListHints } from '../../components/hints';
import { TextField, textFieldHints } from '../../components/TextField';
import { useWizard } from '../../state';
import { color, symbols } from '../../theme';

type Row = 'enabled' | 'vmid' | 'name' | 'cores' | 'memoryMiB' | 'diskGiB' | 'bridge';
type TextRow = Exclude<Row, 'enabled' | 'bridge'>;

export function GuestForm({
  guest,
  error,
  onSave,
  onBack,
}: {
  guest: GuestKey;
  /** Why the last change was refused, if it was. */
  error: string | null;
  /** Returns false when the change was refused (the error then says why). */
  onSave(next: GuestConfig): boolean;
  onBack(): void;
}) {
  const api = useWizard();
  const { answers, report } = api;
  const g = answers.guests[guest];
  const info = guestInfo[guest];
  const [editing, setEditing] = useState<'bridge' | TextRow | null>(null);
  const [last, setLast] = useState<Row>('enabled');
  const [refused, setRefused] = useState<string | null>(null);
  const active = api.inputActive;
  const title = (sub?: string) => <SectionTitle title={`Guests › ${info.title}`} sub={sub} />;

  const save = (patch: Partial<GuestConfig>) => {
    if (onSave({ ...g, ...patch })) setEditing(null);
  };

  const fields: Record<
    TextRow,
    { label: string; value: string; check(raw: string): Check<number | string>; hint: string }
  > = {
    vmid: {
      label: 'VMID',
      value: String(g.vmid),
      check: (raw) => checkVmid(raw, guest, answers, report),
      hint: `a whole number from 100 up, not used by another guest${report.guests.length ? ` (in use: ${report.guests.map((x) => x.vmid).join(', ')})` : ''}`,
    },
    name: {
      label: 'Name',
      value: g.name,
      check: checkGuestName,
      hint: "the guest's hostname: a-z, 0-9 and -",
    },
    cores: {
      label: 'Cores',
      value: String(g.cores),
      check: (raw) => checkCores(raw, report),
      hint: `1 to ${report.cpu.threads ?? 512} (this host has ${report.cpu.threads ?? 'an unknown number of'} threads)`,
    },
    memoryMiB: {
      label: 'Memory',
      value: String(g.memoryMiB),
      check: (raw) => checkMemory(raw, report),
      hint: 'in MiB, or with a unit: 8G, 512M',
    },
    diskGiB: { label: 'Disk size', value: String(g.diskGiB), check: checkDisk, hint: 'in GiB' },
  };

  if (editing === 'bridge') {
    return (
      <Box flexDirection="column">
        {title('Bridge')}
        <Choice<string>
          key="bridge"
          options={bridgeChoices(report).map((b) => ({
            value: b,
            label: b,
            detail: `${bridgeInfo[b] ?? 'other bridge'}${report.bridges.includes(b) ? '' : ' (made by the plan)'}`,
          }))}
          initial={g.bridge}
          isActive={active}
          onChoose={(bridge) => save({ bridge })}
          onCancel={() => setEditing(null)}
        />
        <ErrorLine error={error} />
        <Footer hints={chooseHints} />
      </Box>
    );
  }
  if (editing) {
    const f = fields[editing];
    return (
      <Box flexDirection="column">
        {title(f.label)}
        <TextField<number | string>
          key={editing}
          label={f.label}
          initial={f.value}
          check={f.check}
          hint={f.hint}
          isActive={active}
          onSubmit={(value) => save({ [editing]: value })}
          onCancel={() => setEditing(null)}
        />
        <ErrorLine error={error} />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  const toggle = () => {
    const verdict = checkEnabled(guest, !g.enabled, answers);
    if (!verdict.ok) setRefused(verdict.message);
    else {
      setRefused(null);
      save({ enabled: verdict.value });
    }
  };
  const p = answers.passthrough;
  const gets = p.targetVmid === g.vmid ? passedDevices(p) : [];

  return (
    <Box flexDirection="column">
      {title()}
      <Choice<Row>
        key="rows"
        options={[
          {
            value: 'enabled',
            label: 'Enabled',
            detail: g.enabled ? 'yes' : 'no',
            note: 'enter or space turns this guest on or off',
          },
          { value: 'vmid', label: 'VMID', detail: String(g.vmid) },
          { value: 'name', label: 'Name', detail: g.name },
          { value: 'cores', label: 'Cores', detail: String(g.cores) },
          { value: 'memoryMiB', label: 'Memory', detail: `${g.memoryMiB} MiB` },
          { value: 'diskGiB', label: 'Disk size', detail: `${g.diskGiB} GiB` },
          {
            value: 'bridge',
            label: 'Bridge',
            detail: `${g.bridge} (${bridgeInfo[g.bridge] ?? 'other'})`,
            note: `The ${info.title} belongs on ${info.bridge}.`,
          },
        ]}
        initial={last}
        isActive={active}
        onChoose={(row) => {
          setLast(row);
          setRefused(null);
          if (row === 'enabled') toggle();
          else setEditing(row);
        }}
        onToggle={(row) => row === 'enabled' && toggle()}
        onCancel={onBack}
      />
      {gets.length ? (
        <Text wrap="wrap">Gets the passed-through devices: {gets.map(shortAddress).join(', ')}</Text>
      ) : null}
      {refused || error ? (
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} {refused ?? error}
        </Text>
      ) : null}
      <Footer hints={fieldListHints()} />
    </Box>
  );
}
