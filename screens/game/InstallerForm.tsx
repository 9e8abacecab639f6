// The game's name (for another Windows game), its installer, and the prefix (~/Games/<slug> unless changed).
import { Box, Text } from 'ink';
import { useState } from 'react';
import { defaultPrefix, resolvePrefix } from '../../src/game/paths';
import { installerProblem } from '../../src/game/setup';
import { slugify } from '../../src/game/slug';
import { type Check, fail, ok } from '../../src/wizard/check';
import { Footer } from '../components/Footer';
import { TextField, textFieldHints } from '../components/TextField';

export interface InstallerAnswers {
  name: string | null;
  installer: string;
  prefix: string;
}

type Field = 'name' | 'installer' | 'prefix';

export function InstallerForm(props: {
  gameName: string | null;
  slug: string | null;
  home: string;
  cwd: string;
  isActive: boolean;
  onDone(answers: InstallerAnswers): void;
  onBack(): void;
}) {
  const [field, setField] = useState<Field>(props.slug ? 'installer' : 'name');
  const [name, setName] = useState<string | null>(null);
  const [installer, setInstaller] = useState('');
  const slug = props.slug ?? slugify(name ?? '');

  const checkName = (raw: string): Check<string> =>
    slugify(raw) ? ok(raw.trim()) : fail('Name', 'give the game a name with letters or digits');
  const checkInstaller = (raw: string): Check<string> => {
    const problem = installerProblem(raw.trim(), props.cwd, props.home);
    return problem ? { ok: false, message: problem.replace(/^installer:/, 'Installer:') } : ok(raw.trim());
  };
  const checkPrefix = (raw: string): Check<string> => {
    try {
      return ok(resolvePrefix(raw.trim(), props.home));
    } catch (err) {
      return { ok: false, message: (err as Error).message.replace(/^prefix:/, 'Prefix:') };
    }
  };

  return (
    <Box flexDirection="column">
      <Text>{props.gameName ? `Set up ${props.gameName}` : 'Set up another Windows game'}</Text>
      {field !== 'name' && name ? <Text dimColor>Name: {name}</Text> : null}
      {field === 'prefix' ? <Text dimColor>Installer: {installer}</Text> : null}
      {field === 'name' ? (
        <TextField
          key="name"
          label="Name"
          initial=""
          check={checkName}
          hint="The game's name; its prefix becomes ~/Games/<name>."
          isActive={props.isActive}
          onSubmit={(v) => {
            setName(v);
            setField('installer');
          }}
          onCancel={props.onBack}
        />
      ) : field === 'installer' ? (
        <TextField
          key="installer"
          label="Installer"
          initial=""
          check={checkInstaller}
          hint="Path of the game's installer (.exe or .msi), e.g. ~/Downloads/Gw2Setup-64.exe"
          isActive={props.isActive}
          onSubmit={(v) => {
            setInstaller(v);
            setField('prefix');
          }}
          onCancel={() => (props.slug ? props.onBack() : setField('name'))}
        />
      ) : (
        <TextField
          key="prefix"
          label="Prefix"
          initial={defaultPrefix(props.home, slug)}
          check={checkPrefix}
          hint="One Wine prefix per game. A ZFS dataset mounted exactly here gets ZFS snapshots; otherwise copies."
          isActive={props.isActive}
          onSubmit={(prefix) => props.onDone({ name, installer, prefix })}
          onCancel={() => setField('installer')}
        />
      )}
      <Footer hints={textFieldHints} />
    </Box>
  );
}
