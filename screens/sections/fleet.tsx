// The Fleet section: a Proxmox cluster as one fleet (every node with its guests, the cluster-wide backup jobs and
// what nothing backs up), read from pvecm and pvesh when the section opens. Read-only; r reads it again.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { type FleetLine, fleetLines } from '../../src/fleet/lines';
import { type FleetProbe, probeFleet } from '../../src/fleet/probe';
import { createHost } from '../../src/host/host';
import { Footer } from '../components/Footer';
import { useKeys } from '../hooks/useKeys';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color, symbols } from '../theme';

const HELP = [
  'The whole Proxmox cluster as one fleet, read from pvecm status and pvesh get /cluster/resources and /cluster/backup: every node with its guests, and the backup jobs, which belong to the cluster, with the guests each one covers.',
  `A guest marked "${symbols.warn} in no backup job" is not covered by any enabled job: add it in the Maintenance section. On a single node the fleet is that node.`,
  'Keys: ↑/↓ or j/k scroll, r read again, esc back, ? help.',
];

export interface FleetViewProps {
  probe: FleetProbe | null;
  onBack(): void;
  onReload(): void;
  onHelp(): void;
  isActive: boolean;
}

const TONE: Record<FleetLine['tone'], Parameters<typeof color>[0] | null> = {
  ok: 'ok',
  warn: 'warn',
  bad: 'bad',
  muted: 'muted',
  plain: null,
};

export function FleetView({ probe, onBack, onReload, onHelp, isActive }: FleetViewProps) {
  const { rows } = useTerminalSize();
  const [top, setTop] = useState(0);
  const lines: FleetLine[] = probe?.fleet
    ? fleetLines(probe.fleet)
    : probe
      ? [{ text: 'The fleet could not be read.', tone: 'bad', heading: true }]
      : [{ text: 'Reading the cluster (pvecm status, pvesh get /cluster/resources)…', tone: 'muted' }];
  const problems: FleetLine[] = (probe?.problems ?? []).map((p) => ({
    text: `${symbols.warn} ${p}`,
    tone: 'warn',
  }));
  const all = [...lines, ...problems];
  const height = Math.max(3, rows - 6);
  const maxTop = Math.max(0, all.length - height);
  const first = Math.min(top, maxTop);
  useKeys(
    (input, key) => {
      if (key.escape) onBack();
      else if (input === '?') onHelp();
      else if (input === 'r') onReload();
      else if (key.upArrow || input === 'k') setTop(Math.max(0, first - 1));
      else if (key.downArrow || input === 'j') setTop(Math.min(maxTop, first + 1));
    },
    { isActive },
  );
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box flexDirection="column" height={height}>
        {all.slice(first, first + height).map((l, i) => (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the list is redrawn whole
            key={`${first + i}`}
            wrap="truncate-end"
            bold={l.heading}
            color={TONE[l.tone] ? color(TONE[l.tone]!) : undefined}
          >
            {l.heading ? '' : '    '}
            {l.text}
          </Text>
        ))}
      </Box>
      {all.length > height ? (
        <Text dimColor>{`lines ${first + 1}-${Math.min(all.length, first + height)} of ${all.length}`}</Text>
      ) : null}
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'scroll' },
          { keys: 'r', label: 'read again' },
          { keys: '?', label: 'help' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}

function FleetScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const [probe, setProbe] = useState<FleetProbe | null>(null);
  const load = useCallback(() => {
    setProbe(null);
    const env = api.command?.io.env ?? process.env;
    const host = createHost(api.command?.global.root ?? '/', env);
    void probeFleet(host, api.report.hostname).then(setProbe, (err: Error) =>
      setProbe({ fleet: null, problems: [err.message] }),
    );
  }, [api.command, api.report.hostname]);
  useEffect(load, [load]);
  return (
    <FleetView
      probe={probe}
      onBack={onBack}
      onReload={load}
      onHelp={() => api.showHelp(fleetSection.title, HELP)}
      isActive={api.inputActive}
    />
  );
}

export const fleetSection: Section = {
  id: 'fleet',
  title: 'Fleet',
  required: false,
  status: (state) =>
    state.report.platform.kind === 'proxmox'
      ? {
          kind: 'info',
          summary: `this node: ${state.report.guests.length} guest${state.report.guests.length === 1 ? '' : 's'}; open for every node and the cluster's backup jobs`,
        }
      : { kind: 'info', summary: 'a Proxmox cluster view; this machine is not a Proxmox host' },
  help: HELP,
  Screen: FleetScreen,
};
