// One bridge of ours (vmbr1 or vmbr2): on/off, its port (or none: host-only), and its address (manual or static).
// Ports that cannot be chosen are listed with the reason; the SSH session's port is one of them.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers, BridgeConfig } from '../../src/answers/schema';
import { BRIDGE_PURPOSE } from '../../src/network/block';
import { checkNetworkAnswers, networkErrors } from '../../src/network/check';
import { portLine } from '../../src/network/summary';
import type { NetworkView } from '../../src/network/topology';
import { MANAGED_BRIDGES, type ManagedBridge } from '../../src/network/types';
import { answersProblem } from '../../src/wizard/commit';
import { type Check, fail, ok } from '../../src/wizard/check';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import { SectionTitle } from '../components/SectionTitle';
import { chooseHints } from '../components/hints';
import { TextField, textFieldHints } from '../components/TextField';
import { useWizard } from '../state';
import { color, symbols } from '../theme';

type Row = 'enabled' | 'port' | 'address' | 'cidr' | 'gateway';
const NO_PORT = '';

const withBridge = (answers: Answers, name: ManagedBridge, cfg: BridgeConfig): Answers => ({
  ...answers,
  network: { ...answers.network, [name]: cfg },
});

/** The first error the whole network check finds for one field of this bridge, after the change. */
function fieldError(answers: Answers, view: NetworkView, field: string): string | null {
  const e = networkErrors(checkNetworkAnswers(answers, view)).find((p) => p.field === field);
  return e ? `${field.split('.').pop()}: ${e.message}` : null;
}

export function BridgeEditor({
  name,
  view,
  onBack,
}: {
  name: ManagedBridge;
  view: NetworkView;
  onBack(): void;
}) {
  const api = useWizard();
  const { answers } = api;
  const cfg = answers.network[name];
  const [editing, setEditing] = useState<Exclude<Row, 'enabled'> | null>(null);
  const [last, setLast] = useState<Row>('enabled');
  const [refused, setRefused] = useState<string | null>(null);
  const active = api.inputActive;
  const other = MANAGED_BRIDGES.find((b) => b !== name)!;

  const save = (patch: Partial<BridgeConfig>): boolean => {
    const next = withBridge(answers, name, { ...cfg, ...patch });
    const problem =
      answersProblem(next) ??
      (patch.enabled === false
        ? null
        : ((
            networkErrors(checkNetworkAnswers(next, view)).find((p) =>
              p.field.startsWith(`network.${name}`),
            ) ?? null
          )?.message ?? null));
    setRefused(problem);
    if (problem) return false;
    api.update(() => next);
    setEditing(null);
    return true;
  };

  const title = (sub?: string) => (
    <SectionTitle title={`Network › ${name} · ${BRIDGE_PURPOSE[name]}`} sub={sub} />
  );

  if (editing === 'port') {
    return (
      <Box flexDirection="column">
        {title('Port')}
        <Choice<string>
          key="port"
          options={[
            {
              value: NO_PORT,
              label: 'none',
              detail: 'host-only: guests on this bridge reach the host and each other, nothing else',
            },
            ...view.ports.map((p) => ({
              value: p.name,
              label: p.name,
              detail: portLine(p),
              disabled:
                p.locked ??
                (p.unavailable && p.usedBy !== name ? p.unavailable : null) ??
                (answers.network[other].enabled && answers.network[other].port === p.name
                  ? `already ${other}'s port`
                  : null),
            })),
          ]}
          initial={cfg.port ?? NO_PORT}
          isActive={active}
          onChoose={(port) => save({ port: port === NO_PORT ? null : port })}
          onCancel={() => setEditing(null)}
        />
        {refused ? <Text color={color('bad')} wrap="wrap">{`${symbols.bad} ${refused}`}</Text> : null}
        <Footer hints={chooseHints} />
      </Box>
    );
  }
  if (editing === 'address') {
    return (
      <Box flexDirection="column">
        {title('Address')}
        <Choice<'manual' | 'static'>
          key="address"
          options={[
            {
              value: 'manual',
              label: 'manual',
              detail: 'no address on the host: the bridge only carries guest traffic',
            },
            {
              value: 'static',
              label: 'static',
              detail: 'the host gets an address on this bridge (needed to reach it there)',
            },
          ]}
          initial={cfg.address}
          isActive={active}
          onChoose={(address) => {
            if (address === 'manual') save({ address, cidr: null, gateway: null });
            else setEditing('cidr');
          }}
          onCancel={() => setEditing(null)}
        />
        <Footer hints={chooseHints} />
      </Box>
    );
  }
  if (editing === 'cidr' || editing === 'gateway') {
    const field = `network.${name}.${editing}`;
    const check = (raw: string): Check<string | null> => {
      const value = raw.trim();
      if (editing === 'cidr' && value === '')
        return fail('cidr', 'required for a static address, e.g. 10.10.10.1/24');
      const next = withBridge(
        answers,
        name,
        editing === 'cidr' ? { ...cfg, address: 'static', cidr: value } : { ...cfg, gateway: value || null },
      );
      const e = fieldError(next, view, field);
      return e ? { ok: false, message: e } : ok(value || null);
    };
    return (
      <Box flexDirection="column">
        {title(editing === 'cidr' ? 'Address' : 'Gateway')}
        <TextField<string | null>
          key={editing}
          label={editing === 'cidr' ? 'Address/prefix' : 'Gateway'}
          initial={(editing === 'cidr' ? cfg.cidr : cfg.gateway) ?? ''}
          check={check}
          hint={
            editing === 'cidr'
              ? 'the host address on this bridge with its prefix length, e.g. 10.10.10.1/24; a subnet no other bridge uses'
              : 'usually empty: vmbr0 already holds the default gateway'
          }
          isActive={active}
          onSubmit={(value) =>
            save(editing === 'cidr' ? { address: 'static', cidr: value } : { gateway: value })
          }
          onCancel={() => setEditing(null)}
        />
        {refused ? <Text color={color('bad')} wrap="wrap">{`${symbols.bad} ${refused}`}</Text> : null}
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  const rows: { value: Row; label: string; detail: string; note?: string }[] = [
    {
      value: 'enabled',
      label: 'Enabled',
      detail: cfg.enabled ? 'yes' : 'no',
      note: 'enter or space turns this bridge on or off',
    },
  ];
  if (cfg.enabled) {
    rows.push(
      { value: 'port', label: 'Port', detail: cfg.port ?? 'none (host-only)' },
      { value: 'address', label: 'Address mode', detail: cfg.address },
    );
    if (cfg.address === 'static') {
      rows.push(
        { value: 'cidr', label: 'Address', detail: cfg.cidr ?? 'not set' },
        { value: 'gateway', label: 'Gateway', detail: cfg.gateway ?? 'none' },
      );
    }
  }
  const problems = networkErrors(checkNetworkAnswers(answers, view)).filter((p) =>
    p.field.startsWith(`network.${name}`),
  );
  return (
    <Box flexDirection="column">
      {title()}
      <Choice<Row>
        key="rows"
        options={rows}
        initial={last}
        isActive={active}
        onChoose={(row) => {
          setLast(row);
          setRefused(null);
          if (row === 'enabled') save({ enabled: !cfg.enabled });
          else setEditing(row);
        }}
        onToggle={(row) => row === 'enabled' && save({ enabled: !cfg.enabled })}
        onCancel={onBack}
      />
      {[...problems.map((p) => `${p.field}: ${p.message}`), ...(refused ? [refused] : [])].map((m) => (
        <Text key={m} color={color('bad')} wrap="wrap">
          {symbols.bad} {m}
        </Text>
      ))}
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'edit' },
          { keys: 'space', label: 'on/off' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
