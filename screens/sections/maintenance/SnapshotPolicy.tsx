// ZFS snapshots: on/off, which pools, how many to keep per label, and what that keeps over the coming weeks.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../../src/answers/schema';
import { type Label, labels } from '../../../src/wizard/retention';
import { toggleInOrder } from '../../../src/wizard/toggle-in-order';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { fieldListHints, toggleHints } from '../../components/hints';
import { SectionTitle } from '../../components/SectionTitle';
import { KeepField } from './KeepField';
import { PolicyRows } from './PolicyRows';
import { RetentionTable } from './RetentionTable';

type Snapshots = Answers['maintenance']['snapshots'];
type Row = 'enabled' | 'pools' | Label;

const keepLabel = (l: Label) => `Keep ${l}`;
const TITLE = 'Maintenance › Snapshots';

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
  const title = (sub?: string) => <SectionTitle title={TITLE} sub={sub} />;

  if (editing === 'pools') {
    const toggle = (pool: string) => {
      setLastPool(pool);
      onChange({ ...value, pools: toggleInOrder(pools, value.pools, pool) });
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
        <Footer hints={toggleHints} />
      </Box>
    );
  }
  if (editing) {
    const label = editing;
    return (
      <KeepField
        title={TITLE}
        label={keepLabel(label)}
        value={value.keep[label]}
        hint={`how many ${label} snapshots to keep per pool (0 takes none), 0 to 1000`}
        isActive={isActive}
        onSubmit={(n) => {
          onChange({ ...value, keep: { ...value.keep, [label]: n } });
          setEditing(null);
        }}
        onCancel={() => setEditing(null)}
      >
        <RetentionTable keep={value.keep} start={now} />
      </KeepField>
    );
  }

  return (
    <Box flexDirection="column">
      {title()}
      <PolicyRows<Exclude<Row, 'enabled'>>
        what="snapshots"
        enabled={value.enabled}
        rows={[
          { value: 'pools', label: 'Pools', detail: value.pools.join(', ') || 'none' },
          ...labels.map((l) => ({ value: l, label: keepLabel(l), detail: String(value.keep[l]) })),
        ]}
        initial={last}
        isActive={isActive}
        onChosen={setLast}
        onSetEnabled={(enabled) => onChange({ ...value, enabled })}
        onEdit={setEditing}
        onBack={onBack}
      />
      <Box marginTop={1}>
        {value.enabled ? <RetentionTable keep={value.keep} start={now} /> : <Text>Snapshots are off.</Text>}
      </Box>
      <Footer hints={fieldListHints()} />
    </Box>
  );
}
