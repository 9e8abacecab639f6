// Guests: the NixOS LXC, the Windows VM (it gets the passthrough devices) and the NixOS VM.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { answersProblem } from '../../src/wizard/commit';
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
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color } from '../theme';
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
  const [error, setError] = useState<string | null>(null);

  if (answers.machine.role !== 'proxmox-host') {
    return (
      <Box flexDirection="column">
        <Text bold color={color('accent')}>
          Guests
        </Text>
        <Text wrap="wrap">Guests run on a Proxmox host; this machine's role is NixOS machine.</Text>
        <Choice
          key="not-proxmox"
          options={[{ value: 'back', label: 'Back to the hub' }]}
          isActive={api.inputActive}
          onChoose={onBack}
          onCancel={onBack}
        />
        <Footer hints={[{ keys: 'esc', label: 'back' }]} />
      </Box>
    );
  }

  if (open) {
    return (
      <GuestForm
        guest={open}
        error={error}
        onSave={(next) => {
          const all = setGuest(answers, open, next);
          const problem = answersProblem(all);
          setError(problem);
          if (problem) return false;
          api.update(() => all);
          return true;
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
      <Text bold color={color('accent')}>
        Guests
      </Text>
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
      <Box marginTop={1}>
        <Text wrap="wrap" color={status.kind === 'missing' ? color('warn') : undefined}>
          {status.summary}
        </Text>
      </Box>
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'open' },
          { keys: '?', label: 'help' },
          { keys: 'esc', label: 'back' },
        ]}
      />
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
