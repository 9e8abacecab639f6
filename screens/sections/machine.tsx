// Machine: role, hostname, time zone, admin user, SSH public key files.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../src/answers/schema';
import { checkAdminUser, checkHostname, machineStatus, roleLabels } from '../../src/wizard/machine';
import { checkTimezone } from '../../src/wizard/timezone';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import { sectionMenuHints } from '../components/hints';
import { SectionTitle } from '../components/SectionTitle';
import { TextField, textFieldHints } from '../components/TextField';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { SshKeys } from './machine/SshKeys';

type Field = 'role' | 'hostname' | 'timezone' | 'adminUser' | 'sshKeys';
type Machine = Answers['machine'];

const HELP = [
  'What this machine is and who administers it.',
  'Role: a Proxmox host runs the guests (Windows VM, NixOS LXC and VM); a NixOS machine gets the flake only.',
  'Hostname: an RFC 1123 label (a-z, 0-9, -). Time zone: a tz database name like Europe/Berlin.',
  'Admin user: your personal account (not root). SSH key files: paths to public keys (.pub) that may log in; the files are read when the plan is applied, never copied into the answers.',
  'Keys: ↑/↓ or j/k move, enter changes the field, esc goes back to the hub.',
];

const textFields = {
  hostname: {
    label: 'Hostname',
    check: checkHostname,
    hint: 'a-z, 0-9 and -, 1-63 characters, e.g. pve or lab-01',
  },
  timezone: {
    label: 'Time zone',
    check: checkTimezone,
    hint: 'a tz database name, e.g. Europe/Berlin, America/New_York, UTC',
  },
  adminUser: { label: 'Admin user', check: checkAdminUser, hint: 'your own account: lower-case, e.g. alice' },
} as const;

function MachineScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const m = api.answers.machine;
  const [editing, setEditing] = useState<Field | null>(null);
  const [last, setLast] = useState<Field>('role');
  const active = api.inputActive;

  const close = () => setEditing(null);
  const set = (patch: Partial<Machine>) => {
    api.update((a) => ({ ...a, machine: { ...a.machine, ...patch } }));
    close();
  };
  const help = () => api.showHelp(machineSection.title, HELP);

  if (editing === 'role') {
    return (
      <Box flexDirection="column">
        <SectionTitle title="Machine" sub="Role" />
        <Choice
          key="role"
          options={[
            {
              value: 'proxmox-host' as const,
              label: roleLabels['proxmox-host'],
              note: 'Runs the guests: passthrough, storage, guests and backups apply.',
            },
            {
              value: 'nixos' as const,
              label: roleLabels.nixos,
              note: 'Gets the NixOS flake only; the Proxmox sections do not apply.',
            },
          ]}
          initial={m.role}
          isActive={active}
          onChoose={(role) => set({ role })}
          onCancel={close}
        />
        <Footer
          hints={[
            { keys: '↑↓', label: 'move' },
            { keys: 'enter', label: 'choose' },
            { keys: 'esc', label: 'cancel' },
          ]}
        />
      </Box>
    );
  }
  if (editing === 'sshKeys') {
    return (
      <SshKeys
        files={m.sshKeyFiles}
        onChange={(sshKeyFiles) => api.update((a) => ({ ...a, machine: { ...a.machine, sshKeyFiles } }))}
        onBack={close}
      />
    );
  }
  if (editing) {
    const f = textFields[editing];
    return (
      <Box flexDirection="column">
        <SectionTitle title="Machine" sub={f.label} />
        <TextField<string>
          key={editing}
          label={f.label}
          initial={m[editing]}
          check={f.check}
          hint={f.hint}
          isActive={active}
          onSubmit={(value) => set({ [editing]: value })}
          onCancel={close}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  const keys = m.sshKeyFiles.length === 0 ? 'none: add at least one' : m.sshKeyFiles.join(', ');
  return (
    <Box flexDirection="column">
      <SectionTitle title="Machine" />
      <Choice<Field>
        key="menu"
        options={[
          { value: 'role', label: 'Role', detail: roleLabels[m.role] },
          { value: 'hostname', label: 'Hostname', detail: m.hostname },
          { value: 'timezone', label: 'Time zone', detail: m.timezone },
          { value: 'adminUser', label: 'Admin user', detail: m.adminUser },
          { value: 'sshKeys', label: 'SSH key files', detail: keys },
        ]}
        initial={last}
        isActive={active}
        onChoose={(field) => {
          setLast(field);
          setEditing(field);
        }}
        onCancel={onBack}
        onKey={(input) => input === '?' && help()}
      />
      <Box marginTop={1}>
        <Text wrap="wrap">{machineSection.status(api).summary}</Text>
      </Box>
      <Footer hints={sectionMenuHints()} />
    </Box>
  );
}

export const machineSection: Section = {
  id: 'machine',
  title: 'Machine',
  required: true,
  status: (state) => machineStatus(state.answers),
  help: HELP,
  Screen: MachineScreen,
};
