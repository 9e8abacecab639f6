// Passthrough: which GPU (all its functions) and which USB controllers go to which VM, with group verdicts.
import { Box, Text } from 'ink';
import { useState } from 'react';
import {
  ACS_ARG,
  ACS_EXPLAINED,
  type Candidate,
  type Passthrough,
  chooseGpu,
  gpuCandidates,
  iommuMessage,
  iommuState,
  passthroughNotes,
  passthroughStatus,
  shortAddress,
  targetVms,
  toggleUsb,
  usbCandidates,
  withDefaultTarget,
  withTarget,
} from '../../src/wizard/passthrough';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import { BackToHub } from '../components/BackToHub';
import { ErrorLine } from '../components/ErrorLine';
import { chooseHints, sectionMenuHints, toggleHints } from '../components/hints';
import { SectionStatus } from '../components/SectionStatus';
import { SectionTitle } from '../components/SectionTitle';
import { useCheckedUpdate } from '../hooks/useCheckedUpdate';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color, symbols } from '../theme';
import { SharedGroup, type SharedChoice } from './passthrough/SharedGroup';

type Field = 'gpu' | 'usb' | 'target' | 'acs';
type Mode = { kind: 'menu' } | { kind: Field } | { kind: 'shared'; candidate: Candidate };

const HELP = [
  'Devices the Windows VM (or the NixOS VM) gets for itself: a GPU with all its functions, and USB controllers for keyboard, mouse and headset.',
  'Each device shows its IOMMU verdict. A device whose group holds other devices cannot go alone: pass the whole group, opt in to the ACS override (it weakens isolation), or leave it.',
  'Two identical cards share vendor:device ids; nix-mox then binds by address instead of by id.',
  'Keys: ↑/↓ or j/k move, enter changes, space toggles a controller, esc goes back.',
];

function PassthroughScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const { report, answers } = api;
  const p = answers.passthrough;
  const [mode, setMode] = useState<Mode>({ kind: 'menu' });
  const [last, setLast] = useState<Field>('gpu');
  const { error, setError, apply } = useCheckedUpdate();
  const [lastUsb, setLastUsb] = useState<string | undefined>(undefined);
  const active = api.inputActive;
  const gpus = gpuCandidates(report);
  const usbs = usbCandidates(report);
  const help = () => api.showHelp(passthroughSection.title, HELP);
  const menu = () => setMode({ kind: 'menu' });

  const commit = (change: Passthrough, then: Mode = { kind: 'menu' }) => {
    const next = withDefaultTarget(change, answers);
    if (apply((a) => ({ ...a, passthrough: next }))) setMode(then);
  };

  const title = (sub?: string) => <SectionTitle title="Passthrough" sub={sub} />;
  const errorLine = <ErrorLine error={error} />;

  if (answers.machine.role !== 'proxmox-host') {
    return (
      <BackToHub
        title="Passthrough"
        text="Passthrough is for a Proxmox host; this machine's role is NixOS machine (see Machine)."
        isActive={active}
        onBack={onBack}
      />
    );
  }

  if (mode.kind === 'shared') {
    const c = mode.candidate;
    // Back to the list the device came from; a GPU once chosen goes back to the section.
    const after: Mode = { kind: c.kind === 'gpu' ? 'gpu' : 'usb' };
    const pick = (choice: SharedChoice) => {
      if (choice === 'nothing') setMode(after);
      else if (c.kind === 'gpu') commit(chooseGpu(p, report, c, choice));
      else commit(toggleUsb(p, report, c, choice), after);
    };
    return (
      <SharedGroup
        report={report}
        candidate={c}
        isActive={active}
        onChoose={pick}
        onCancel={() => setMode(after)}
      />
    );
  }

  if (mode.kind === 'gpu') {
    return (
      <Box flexDirection="column">
        {title('GPU')}
        <Choice<string | null>
          key="gpu"
          options={[
            ...gpus.map((g) => ({
              value: g.address,
              label: `${shortAddress(g.address)} ${g.name}`,
              detail: g.verdict,
              note: `Functions that go together: ${g.functions.map(shortAddress).join(', ')}`,
            })),
            { value: null, label: 'No GPU', note: 'The VM gets no graphics card.' },
          ]}
          initial={p.gpu}
          isActive={active}
          onChoose={(address) => {
            const c = gpus.find((g) => g.address === address) ?? null;
            if (c && c.isolated === false && !p.acsOverride && c.address !== p.gpu)
              setMode({ kind: 'shared', candidate: c });
            else commit(chooseGpu(p, report, c, 'alone'));
          }}
          onCancel={menu}
        />
        {errorLine}
        <Footer hints={chooseHints} />
      </Box>
    );
  }

  if (mode.kind === 'usb') {
    const toggle = (address: string) => {
      const c = usbs.find((u) => u.address === address);
      if (!c) return;
      setLastUsb(address);
      const chosen = p.usbControllers.includes(address);
      if (!chosen && c.isolated === false && !p.acsOverride) setMode({ kind: 'shared', candidate: c });
      else commit(toggleUsb(p, report, c, 'alone'), { kind: 'usb' });
    };
    return (
      <Box flexDirection="column">
        {title('USB controllers')}
        {usbs.length === 0 ? <Text>This machine reports no USB controllers.</Text> : null}
        <Choice<string>
          key="usb"
          options={usbs.map((u) => ({
            value: u.address,
            label: `${shortAddress(u.address)} ${u.name}`,
            detail: u.verdict,
            checked: p.usbControllers.includes(u.address) || p.functions.includes(u.address),
            disabled: p.functions.includes(u.address)
              ? 'it is a function of the chosen GPU and goes with it'
              : null,
            note: 'A whole controller goes to the VM with every port on it: plug the keyboard, mouse or headset for the VM there.',
          }))}
          initial={lastUsb ?? usbs[0]?.address}
          isActive={active}
          onChoose={toggle}
          onToggle={toggle}
          onCancel={menu}
        />
        {errorLine}
        <Footer hints={toggleHints} />
      </Box>
    );
  }

  if (mode.kind === 'target') {
    const vms = targetVms(answers);
    return (
      <Box flexDirection="column">
        {title('Target VM')}
        {vms.length === 0 ? (
          <Text color={color('warn')}>
            No VM is enabled: turn on the Windows VM or the NixOS VM in Guests.
          </Text>
        ) : null}
        <Choice<number>
          key="target"
          options={vms.map((v) => ({ value: v.vmid, label: v.label, detail: `VMID ${v.vmid}` }))}
          initial={p.targetVmid ?? undefined}
          isActive={active}
          onChoose={(vmid) => commit(withTarget(p, vmid))}
          onCancel={menu}
        />
        {errorLine}
        <Footer hints={chooseHints} />
      </Box>
    );
  }

  if (mode.kind === 'acs') {
    return (
      <Box flexDirection="column">
        {title('ACS override')}
        {ACS_EXPLAINED.map((line) => (
          <Text key={line} wrap="wrap">
            {line}
          </Text>
        ))}
        <Choice<boolean>
          key="acs"
          options={[
            {
              value: false,
              label: 'Keep it off',
              note: 'Devices that share a group can only go with their whole group.',
            },
            {
              value: true,
              label: `Turn it on (${ACS_ARG})`,
              note: 'Weakens isolation between the devices of a group.',
            },
          ]}
          initial={p.acsOverride}
          isActive={active}
          onChoose={(on) => commit({ ...p, acsOverride: on })}
          onCancel={menu}
        />
        <Footer hints={chooseHints} />
      </Box>
    );
  }

  const state = iommuState(report);
  const gpu = gpus.find((g) => g.address === p.gpu);
  const target = targetVms(answers).find((t) => t.vmid === p.targetVmid);
  const status = passthroughSection.status(api);
  return (
    <Box flexDirection="column">
      {title()}
      <Text color={state.kind === 'on' ? undefined : color('warn')} wrap="wrap">
        {state.kind === 'on' ? symbols.ok : symbols.warn} {iommuMessage(state)}
      </Text>
      <Choice<Field>
        key="menu"
        options={[
          {
            value: 'gpu',
            label: 'GPU',
            detail: gpu ? `${gpu.name} (${p.functions.map(shortAddress).join(', ')})` : 'none',
            note: gpu ? gpu.verdict : `${gpus.length} GPU${gpus.length === 1 ? '' : 's'} found`,
          },
          {
            value: 'usb',
            label: 'USB controllers',
            detail: p.usbControllers.length ? p.usbControllers.map(shortAddress).join(', ') : 'none',
          },
          {
            value: 'target',
            label: 'Target VM',
            detail: target ? `${target.label} (VMID ${target.vmid})` : `VMID ${p.targetVmid ?? 'none'}`,
          },
          { value: 'acs', label: 'ACS override', detail: p.acsOverride ? `on (${ACS_ARG})` : 'off' },
        ]}
        initial={last}
        isActive={active}
        onChoose={(field) => {
          setLast(field);
          setError(null);
          setMode({ kind: field });
        }}
        onCancel={onBack}
        onKey={(input) => input === '?' && help()}
      />
      {passthroughNotes(answers, report).map((n) => (
        <Text key={n} color={color('warn')} wrap="wrap">
          {symbols.warn} {n}
        </Text>
      ))}
      {errorLine}
      <SectionStatus status={status} />
      <Footer hints={sectionMenuHints()} />
    </Box>
  );
}

export const passthroughSection: Section = {
  id: 'passthrough',
  title: 'Passthrough',
  required: false,
  status: (state) => passthroughStatus(state.answers, state.report),
  help: HELP,
  Screen: PassthroughScreen,
};
