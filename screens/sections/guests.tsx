// Guests: the NixOS LXC, the Windows VM (it gets the passthrough devices) and the NixOS VM.
import { Box, Text } from 'ink';
import { useState } from 'react';
import {
  type GuestKey,
  guestInfo,
  guestKeys,
  guestLine,
  guestProblems,
  guestsStatus,
  setGuest,
} from '../../src/wizard/guests';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import { BackToHub } from '../components/BackToHub';
import { sectionMenuHints } from '../components/hints';
import { SectionStatus } from '../components/SectionStatus';
import { SectionTitle } from '../components/SectionTitle';
import { useCheckedUpdate } from '../hooks/useCheckedUpdate';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { GuestForm } from './guests/GuestForm';

const HELP = [
  'The guests nix-mox creates on this Proxmox host.',
  'NixOS LXC: a light container on vmbr0. Windows VM: gets the passed-through GPU and USB controllers, on vmbr1. NixOS VM: a full VM on vmbr0. vmbr2 is the management network.',
  'VMIDs are whole numbers from 100 up; one that another guest (here or already on the host) uses is refused.',
  'Keys: ↑/↓ or j/k move, enter opens a guest, esc goes back.',
];

function GuestsScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const { answers, report } = api;
  const [open, setOpen] = useState<GuestKey | null>(null);
  const [last, setLast] = useState<GuestKey>('nixosLxc');
  const { error, setError, apply } = useCheckedUpdate();

  if (answers.machine.role !== 'proxmox-host') {
    return (
      <BackToHub
        title="Guests"
        text="Guests run on a Proxmox host; this machine's role is NixOS machine."
        isActive={api.inputActive}
        onBack={onBack}
      />
    );
  }

  if (open) {
    return (
      <GuestForm
        guest={open}
        error={error}
        onSave={(next) => {
          const all = setGuest(answers, open, next);
          return apply(() => all);
        }}
        onBack={() => {
          setError(null);
          setOpen(null);
        }}
      />
    );
  }

  const status = guestsSection.status(api);
  return (
    <Box flexDirection="column">
      <SectionTitle title="Guests" />
      <Choice<GuestKey>
        key="guests"
        options={guestKeys.map((k) => ({
          value: k,
          label: guestInfo[k].title,
          detail: guestLine(answers.guests[k]),
          note: guestProblems(k, answers, report).join('; ') || undefined,
        }))}
        initial={last}
        isActive={api.inputActive}
        onChoose={(k) => {
          setLast(k);
          setOpen(k);
        }}
        onCancel={onBack}
        onKey={(input) => input === '?' && api.showHelp(guestsSection.title, HELP)}
      />
      {report.guests.length ? (
        <Text wrap="wrap">
          Already on this host:{' '}
          {report.guests.map((g) => `${g.vmid} ${g.name} (${g.kind}, ${g.status})`).join(', ')}
        </Text>
      ) : null}
      <SectionStatus status={status} />
      <Footer hints={sectionMenuHints('open')} />
    </Box>
  );
}

export const guestsSection: Section = {
  id: 'guests',
  title: 'Guests',
  required: true,
  status: (state) => guestsStatus(state.answers, state.report),
  help: HELP,
  Screen: GuestsScreen,
};
