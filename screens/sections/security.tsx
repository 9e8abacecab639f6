// Security: Tailscale (auth key by file path), Infisical (token by file path), SSH hardening, firewall.
// Secrets are only ever paths: the files are read on the machine when it starts the service, never by nix-mox.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../src/answers/schema';
import { checkSecretPath } from '../../src/answers/secret-path';
import { securityStatus } from '../../src/catalog/security-status';
import { Footer, type KeyHint } from '../components/Footer';
import { TextField, textFieldHints } from '../components/TextField';
import { useKeys } from '../hooks/useKeys';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color, symbols } from '../theme';

type Security = Answers['security'];
type RowId = 'tailscale' | 'tailscaleKey' | 'infisical' | 'infisicalToken' | 'ssh' | 'firewall';
type PathRow = 'tailscaleKey' | 'infisicalToken';

const HELP = [
  'How the NixOS machines are reached and protected.',
  'Tailscale joins them to your tailnet (services.tailscale). Its auth key is given as the path of a file that holds it (services.tailscale.authKeyFile), e.g. /run/secrets/tailscale-key: nix-mox never reads, stores or shows the key.',
  'Infisical fetches secrets at run time; its machine token is likewise a file path.',
  'SSH hardening: key logins only (services.openssh.settings.PasswordAuthentication = false, PermitRootLogin = "prohibit-password"). Firewall: networking.firewall.enable.',
  'Keys: ↑/↓ or j/k move, space toggles, enter toggles or edits a file path, d clears a path, esc goes back to the hub.',
];

const pathFields: Record<PathRow, { label: string; hint: string }> = {
  tailscaleKey: {
    label: 'Tailscale auth key file',
    hint: 'the path of a file that holds the auth key (e.g. /run/secrets/tailscale-key), never the key itself',
  },
  infisicalToken: {
    label: 'Infisical token file',
    hint: 'the path of a file that holds the machine identity token (e.g. /run/secrets/infisical-token)',
  },
};

interface Row {
  id: RowId;
  label: string;
  value: string;
  checked?: boolean;
  note: string;
  /** Indented under its switch. */
  sub?: boolean;
}

function rowsOf(s: Security): Row[] {
  const path = (p: string | null, needed: boolean) => p ?? (needed ? '(none: needed)' : '(none)');
  return [
    {
      id: 'tailscale',
      label: 'Tailscale',
      value: s.tailscale.enabled ? 'on' : 'off',
      checked: s.tailscale.enabled,
      note: 'Joins the machines to your tailnet (services.tailscale).',
    },
    {
      id: 'tailscaleKey',
      label: 'auth key file',
      value: path(s.tailscale.authKeyFile, s.tailscale.enabled),
      note: 'enter to set the path of the file that holds the auth key; d clears it.',
      sub: true,
    },
    {
      id: 'infisical',
      label: 'Infisical',
      value: s.infisical.enabled ? 'on' : 'off',
      checked: s.infisical.enabled,
      note: 'Installs the Infisical CLI; secrets are fetched with a machine token read from a file.',
    },
    {
      id: 'infisicalToken',
      label: 'token file',
      value: path(s.infisical.tokenFile, s.infisical.enabled),
      note: 'enter to set the path of the file that holds the token; d clears it.',
      sub: true,
    },
    {
      id: 'ssh',
      label: 'SSH hardening',
      value: s.sshHardening ? 'keys only' : 'passwords allowed',
      checked: s.sshHardening,
      note: 'PasswordAuthentication = false, PermitRootLogin = "prohibit-password".',
    },
    {
      id: 'firewall',
      label: 'Firewall',
      value: s.firewall ? 'on' : 'off',
      checked: s.firewall,
      note: 'networking.firewall.enable: only ports that services open are reachable.',
    },
  ];
}

function toggled(s: Security, id: RowId): Security | null {
  switch (id) {
    case 'tailscale':
      return { ...s, tailscale: { ...s.tailscale, enabled: !s.tailscale.enabled } };
    case 'infisical':
      return { ...s, infisical: { ...s.infisical, enabled: !s.infisical.enabled } };
    case 'ssh':
      return { ...s, sshHardening: !s.sshHardening };
    case 'firewall':
      return { ...s, firewall: !s.firewall };
    default:
      return null;
  }
}

function withPath(s: Security, id: PathRow, path: string | null): Security {
  return id === 'tailscaleKey'
    ? { ...s, tailscale: { ...s.tailscale, authKeyFile: path } }
    : { ...s, infisical: { ...s.infisical, tokenFile: path } };
}

const isPathRow = (id: RowId): id is PathRow => id === 'tailscaleKey' || id === 'infisicalToken';

const listHints: KeyHint[] = [
  { keys: '↑↓/jk', label: 'move' },
  { keys: 'space', label: 'toggle' },
  { keys: 'enter', label: 'toggle/edit' },
  { keys: 'd', label: 'clear path' },
  { keys: '?', label: 'help' },
  { keys: 'esc', label: 'back' },
];

function SecurityScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const s = api.answers.security;
  const rows = rowsOf(s);
  const [cursor, setCursor] = useState(0);
  const [editing, setEditing] = useState<PathRow | null>(null);
  const focused = rows[cursor] ?? rows[0]!;
  const set = (next: Security) => api.update((a) => ({ ...a, security: next }));

  useKeys(
    (input, key) => {
      if (key.upArrow || input === 'k') setCursor((c) => (c + rows.length - 1) % rows.length);
      else if (key.downArrow || input === 'j') setCursor((c) => (c + 1) % rows.length);
      else if (key.escape) onBack();
      else if (input === '?') api.showHelp(securitySection.title, HELP);
      else if (input === ' ' || key.return) {
        if (isPathRow(focused.id)) {
          if (key.return) setEditing(focused.id);
        } else {
          const next = toggled(s, focused.id);
          if (next) set(next);
        }
      } else if (input === 'd' && isPathRow(focused.id)) set(withPath(s, focused.id, null));
    },
    { isActive: api.inputActive && editing === null },
  );

  if (editing) {
    const f = pathFields[editing];
    const current = editing === 'tailscaleKey' ? s.tailscale.authKeyFile : s.infisical.tokenFile;
    return (
      <Box flexDirection="column">
        <Text bold color={color('accent')}>
          Security › {f.label}
        </Text>
        <TextField<string>
          label={f.label}
          initial={current ?? ''}
          check={(raw) => checkSecretPath(f.label, raw)}
          hint={f.hint}
          isActive={api.inputActive}
          onSubmit={(path) => {
            set(withPath(s, editing, path));
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  const labelWidth = Math.max(...rows.map((r) => r.label.length + (r.sub ? 2 : 0)));
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Security
      </Text>
      {rows.map((r, i) => {
        const on = i === cursor;
        const mark = r.checked === undefined ? '   ' : r.checked ? '[x]' : '[ ]';
        const label = (r.sub ? `  ${r.label}` : r.label).padEnd(labelWidth);
        return (
          <Text key={r.id} color={on ? color('accent') : undefined} bold={on} wrap="truncate-end">
            {on ? `${symbols.pointer} ` : '  '}
            {mark} {label} {r.value}
          </Text>
        );
      })}
      <Box marginTop={1}>
        <Text wrap="wrap">{focused.note}</Text>
      </Box>
      <Text wrap="wrap">{securityStatus(s).summary}</Text>
      <Footer hints={listHints} />
    </Box>
  );
}

export const securitySection: Section = {
  id: 'security',
  title: 'Security',
  required: true,
  status: (state) => securityStatus(state.answers.security),
  help: HELP,
  Screen: SecurityScreen,
};
