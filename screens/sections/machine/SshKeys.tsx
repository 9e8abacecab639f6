// The list of SSH public key files: add one by path, remove the focused one with d.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Box, Text } from 'ink';
import { useState } from 'react';
import { checkSshKeyFile } from '../../../src/wizard/machine';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { TextField, textFieldHints } from '../../components/TextField';
import { useWizard } from '../../state';
import { color } from '../../theme';

const ADD = '\u0000add';

export function SshKeys({
  files,
  onChange,
  onBack,
}: {
  files: string[];
  onChange(files: string[]): void;
  onBack(): void;
}) {
  const api = useWizard();
  const root = api.command?.global.root ?? '/';
  const readUnderRoot = (path: string): string | null => {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return null;
    }
  };
  const [adding, setAdding] = useState(false);
  const [focus, setFocus] = useState<string>(ADD);

  if (adding) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('accent')}>
          Machine › SSH key files › Add
        </Text>
        <TextField<string>
          label="SSH key file"
          initial=""
          check={(raw) => checkSshKeyFile(raw, files, readUnderRoot)}
          hint="the path of a public key on this machine, e.g. /root/.ssh/id_ed25519.pub (only the path is kept)"
          isActive={api.inputActive}
          onSubmit={(path) => {
            onChange([...files, path]);
            setFocus(path);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  const remove = (path: string | undefined) => {
    if (!path || path === ADD) return;
    const i = files.indexOf(path);
    const rest = files.filter((f) => f !== path);
    setFocus(rest[Math.min(i, rest.length - 1)] ?? ADD);
    onChange(rest);
  };

  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Machine › SSH key files
      </Text>
      <Choice<string>
        key={files.join('\n')}
        options={[
          ...files.map((f) => ({ value: f, label: f, note: 'd removes this file from the list' })),
          { value: ADD, label: '+ Add a public key file…' },
        ]}
        initial={focus}
        isActive={api.inputActive}
        onChoose={(v) => (v === ADD ? setAdding(true) : undefined)}
        onCancel={onBack}
        onKey={(input, key, focused) => {
          if (input === 'd' || key.delete || key.backspace) remove(focused);
        }}
      />
      {files.length === 0 ? (
        <Text color={color('warn')}>
          No key files yet: the admin user needs at least one to log in over SSH.
        </Text>
      ) : null}
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'add' },
          { keys: 'd', label: 'remove' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
