// The Network section: the host's ports and bridges as they are, which port each bridge uses, the interface
// that carries this SSH session (locked, with the reason), and our two bridges to edit.
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { BRIDGE_PURPOSE } from '../../src/network/block';
import { checkNetworkAnswers } from '../../src/network/check';
import { bridgeConfigLine, bridgeViewLine, portLine } from '../../src/network/summary';
import { type BridgeView, buildNetworkView, type NetworkView } from '../../src/network/topology';
import { MANAGED_BRIDGES, type ManagedBridge, NIX_MOX_DROPIN } from '../../src/network/types';
import { BackToHub } from '../components/BackToHub';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import type { SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color, symbols } from '../theme';
import { BridgeEditor } from './BridgeEditor';
import { useNetworkData } from './data';

export const NETWORK_HELP = [
  'Three bridges: vmbr0 for the NixOS guests (the one the Proxmox installer made; nix-mox never changes it), vmbr1 for the Windows VM, vmbr2 for the management network to the admin PC.',
  'For vmbr1 and vmbr2 pick a port (a free network card or bond) or none for a host-only bridge, and an address mode: manual (no host address) or static (the host gets an address there). Or keep them off.',
  'The interface that carries your SSH session, and the ports under it, are locked: moving them would cut this connection.',
  'nix-mox writes its bridges between "# BEGIN nix-mox bridges" and "# END nix-mox bridges" in /etc/network/interfaces, or in /etc/network/interfaces.d/nix-mox when the main file sources that directory; every other line stays as it is. A bridge you defined yourself outside that block is kept as it is.',
  'Applying checks the new files with ifupdown2 first, arms an automatic revert, reloads (ifreload -a), then counts down: confirm from this terminal in time or the previous configuration comes back, even if this session is gone.',
  'Keys: ↑/↓ or j/k move, enter edits a bridge, space turns it on or off, ? help, esc back.',
];

const isManaged = (name: string): name is ManagedBridge =>
  (MANAGED_BRIDGES as readonly string[]).includes(name);

function bridgeRow(b: BridgeView, answers: ReturnType<typeof useWizard>['answers']) {
  if (isManaged(b.name) && b.origin !== 'config') {
    const state =
      b.origin === 'nix-mox' ? 'applied' : b.origin === 'kernel' ? 'exists, not configured' : 'new';
    return {
      value: b.name,
      label: b.name,
      detail: `${BRIDGE_PURPOSE[b.name]} · ${bridgeConfigLine(answers.network[b.name])} (${state})`,
      disabled: b.locked,
    };
  }
  const where = b.definedAt ? `defined in ${b.definedAt}` : 'made outside the configuration files';
  const purpose = b.name === 'vmbr0' ? 'NixOS guests, LAN · ' : '';
  return {
    value: b.name,
    label: b.name,
    detail: `${purpose}${bridgeViewLine(b)}${b.locked ? ' · locked (SSH)' : ''}`,
    disabled: b.locked ?? `${b.name} is not nix-mox's (${where}); it stays as it is`,
  };
}

function Ports({ view }: { view: NetworkView }) {
  const width = Math.max(6, ...view.ports.map((p) => p.name.length)) + 2;
  return (
    <Box flexDirection="column">
      <Text bold>Ports</Text>
      {view.ports.length === 0 ? <Text dimColor> no network cards found</Text> : null}
      {view.ports.map((p) => (
        <Box key={p.name} flexDirection="column" marginLeft={2}>
          <Text wrap="truncate-end">
            {p.name.padEnd(width)}
            {portLine(p)}
          </Text>
          {p.locked ? (
            <Box marginLeft={width}>
              <Text color={color('warn')} wrap="wrap">
                {symbols.bad} locked: {p.locked}
              </Text>
            </Box>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}

function ReadyScreen({ view, onBack }: { view: NetworkView; onBack(): void }) {
  const api = useWizard();
  const { answers } = api;
  const [open, setOpen] = useState<ManagedBridge | null>(null);
  const [last, setLast] = useState<string>('vmbr1');
  const [refused, setRefused] = useState<string | null>(null);

  if (open) return <BridgeEditor name={open} view={view} onBack={() => setOpen(null)} />;

  const problems = checkNetworkAnswers(answers, view);
  const toggle = (name: string) => {
    if (!isManaged(name)) return;
    const cfg = answers.network[name];
    api.update((a) => ({ ...a, network: { ...a.network, [name]: { ...cfg, enabled: !cfg.enabled } } }));
    setRefused(null);
  };
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Network
      </Text>
      <Ports view={view} />
      {view.ssh ? (
        view.ports.some((p) => p.name === view.ssh!.interface) ? null : (
          <Text color={color('warn')} wrap="wrap">
            {symbols.bad} locked: {view.ssh.interface} {view.ssh.reason}
          </Text>
        )
      ) : (
        <Text dimColor>Not connected over SSH: no interface is locked.</Text>
      )}
      <Box marginTop={1}>
        <Text bold>Bridges</Text>
      </Box>
      <Choice<string>
        key="bridges"
        options={view.bridges.map((b) => bridgeRow(b, answers))}
        initial={last}
        isActive={api.inputActive}
        onChoose={(name) => {
          setLast(name);
          if (isManaged(name)) setOpen(name);
        }}
        onToggle={toggle}
        onCancel={onBack}
        onKey={(input) => input === '?' && api.showHelp('Network', NETWORK_HELP)}
      />
      <Text dimColor wrap="wrap">
        Bridges go to {view.targetPath}
        {view.targetPath === NIX_MOX_DROPIN ? ' (the main file sources that directory)' : ''}, between the
        nix-mox BEGIN/END lines.
      </Text>
      {[
        ...view.problems,
        ...problems.map((p) => `${p.field}: ${p.message}`),
        ...(refused ? [refused] : []),
      ].map((m) => (
        <Text key={m} color={color('warn')} wrap="wrap">
          {symbols.warn} {m}
        </Text>
      ))}
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'edit' },
          { keys: 'space', label: 'on/off' },
          { keys: '?', label: 'help' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}

function Waiting({ text, onBack, tone }: { text: string; onBack(): void; tone?: 'bad' }) {
  const api = useWizard();
  return <BackToHub title="Network" text={text} tone={tone} isActive={api.inputActive} onBack={onBack} />;
}

export function NetworkScreen({ onBack }: SectionScreenProps) {
  const { answers } = useWizard();
  const data = useNetworkData();
  const view = useMemo(() => (data.state === 'ready' ? buildNetworkView(data.current) : null), [data]);
  if (answers.machine.role !== 'proxmox-host') {
    return (
      <Waiting
        text="Bridges are set up on a Proxmox host; this machine's role is NixOS machine."
        onBack={onBack}
      />
    );
  }
  if (data.state === 'loading')
    return <Waiting text="Reading the network (ip -j, /etc/network/interfaces)…" onBack={onBack} />;
  if (data.state === 'failed')
    return (
      <Waiting
        text={`${symbols.bad} Could not read the network: ${data.message}`}
        tone="bad"
        onBack={onBack}
      />
    );
  const probeProblems = data.current.problems;
  return <ReadyScreen view={{ ...view!, problems: [...probeProblems, ...view!.problems] }} onBack={onBack} />;
}
