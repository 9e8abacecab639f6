// ZFS snapshots: on/off, which pools, how many to keep per label, and what that keeps over the coming weeks.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../../src/answers/schema';
import { checkKeep } from '../../../src/wizard/maintenance';
import { type Label, labels } from '../../../src/wizard/retention';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { TextField, textFieldHints } from '../../components/TextField';
import { color } from '../../theme';
import { RetentionTable } from './RetentionTable';

type Snapshots = Answers['maintenance']['snapshots'];
type Row = 'enabled' | 'pools' | Label;

const keepLabel = (l: Label) => `Keep ${l}`;

export function SnapshotPolicy({
  value,
  pools,
  now,
  isActive,
  onChange,
  onBack,
}: {
  value: Snapshots;
  /** Pools that can be snapshotted (existing and new). */
  pools: string[];
  now: Date;
  isActive: boolean;
  onChange(next: Snapshots): void;
  onBack(): void;
}) {
  const [editing, setEditing] = useState<'pools' | Label | null>(null);
  const [last, setLast] = useState<Row>('enabled');
  const [lastPool, setLastPool] = useState<string | undefined>(undefined);
  const title = (sub?: string) => (
    <Text bold color={color('accent')}>
      Maintenance › Snapshots{sub ? ` › ${sub}` : ''}
    </Text>
  );

  if (editing === 'pools') {
    const toggle = (pool: string) => {
      setLastPool(pool);
      const next = value.pools.includes(pool)
        ? value.pools.filter((p) => p !== pool)
        : pools.filter((p) => p === pool || value.pools.includes(p));
      onChange({ ...value, pools: next });
    };
    return (
      <Box flexDirection="column">
        {title('Pools')}
        <Choice<string>
          key="pools"
          options={pools.map((p) => ({ value: p, label: p, checked: value.pools.includes(p) }))}
          initial={lastPool}
          isActive={isActive}
          onChoose={toggle}
          onToggle={toggle}
          onCancel={() => setEditing(null)}
        />
        <Footer
          hints={[
            { keys: '↑↓/jk', label: 'move' },
            { keys: 'space/enter', label: 'toggle' },
            { keys: 'esc', label: 'done' },
          ]}
        />
      </Box>
    );
  }
  if (editing) {
    const label = editing;
    return (
      <Box flexDirection="column">
        {title(keepLabel(label))}
        <TextField<number>
          key={label}
          label={keepLabel(label)}
          initial={String(value.keep[label])}
          check={(raw) => checkKeep(keepLabel(label), raw)}
          hint={`how many ${label} snapshots to keep per pool (0 takes none), 0 to 1000`}
          isActive={isActive}
          onSubmit={(n) => {
            onChange({ ...value, keep: { ...value.keep, [label]: n } });
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
        <RetentionTable keep={value.keep} start={now} />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      {title()}
      <Choice<Row>
        key="rows"
        options={[
          {
            value: 'enabled',
            label: 'Enabled',
            detail: value.enabled ? 'yes' : 'no',
            note: 'enter or space turns snapshots on or off',
          },
          { value: 'pools', label: 'Pools', detail: value.pools.join(', ') || 'none' },
          ...labels.map((l) => ({ value: l, label: keepLabel(l), detail: String(value.keep[l]) })),
        ]}
        initial={last}
        isActive={isActive}
        onChoose={(row) => {
          setLast(row);
          if (row === 'enabled') onChange({ ...value, enabled: !value.enabled });
          else setEditing(row);
        }}
        onToggle={(row) => row === 'enabled' && onChange({ ...value, enabled: !value.enabled })}
        onCancel={onBack}
      />
      <Box marginTop={1}>
        {value.enabled ? <RetentionTable keep={value.keep} start={now} /> : <Text>Snapshots are off.</Text>}
      </Box>
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'change' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
