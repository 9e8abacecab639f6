// The new pool, edited as a draft: it reaches the answers only as a whole, valid pool ("Save this pool").
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { HostReport } from '../../../src/host/types';
import { humanSize } from '../../../src/wizard/status';
import {
  type Layout,
  type PoolDraft,
  byIdName,
  checkPoolName,
  layoutInfo,
  layoutProblem,
  layouts,
  poolDraftProblems,
  usableBytes,
} from '../../../src/wizard/storage';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { SectionTitle } from '../../components/SectionTitle';
import { chooseHints, fieldListHints } from '../../components/hints';
import { TextField, textFieldHints } from '../../components/TextField';
import { color, symbols } from '../../theme';
import { PoolDisks } from './PoolDisks';

type Row = 'name' | 'disks' | 'layout' | 'save' | 'remove';

export function NewPool({
  report,
  initial,
  exists,
  isActive,
  onSave,
  onRemove,
  onBack,
}: {
  report: HostReport;
  initial: PoolDraft;
  /** The answers already hold a new pool (it can be removed). */
  exists: boolean;
  isActive: boolean;
  onSave(draft: PoolDraft): void;
  onRemove(): void;
  onBack(): void;
}) {
  const [draft, setDraft] = useState<PoolDraft>(initial);
  const [editing, setEditing] = useState<Exclude<Row, 'save' | 'remove'> | null>(null);
  const [last, setLast] = useState<Row>('name');
  const sizes = draft.disks.map((id) => report.disks.find((d) => d.byId === id)?.sizeBytes ?? null);
  const problems = poolDraftProblems(draft, report);
  const title = (sub?: string) => <SectionTitle title="Storage › New pool" sub={sub} />;

  if (editing === 'name') {
    return (
      <Box flexDirection="column">
        {title('Name')}
        <TextField<string>
          label="Pool name"
          initial={draft.name}
          check={(raw) => checkPoolName(raw, report)}
          hint="starts with a letter; letters, digits, _ - . : (e.g. tank)"
          isActive={isActive}
          onSubmit={(name) => {
            setDraft({ ...draft, name });
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }
  if (editing === 'disks') {
    return (
      <PoolDisks
        report={report}
        chosen={draft.disks}
        isActive={isActive}
        onChange={(disks) => setDraft({ ...draft, disks })}
        onBack={() => setEditing(null)}
      />
    );
  }
  if (editing === 'layout') {
    return (
      <Box flexDirection="column">
        {title('Layout')}
        <Choice<Layout>
          key="layout"
          options={layouts.map((l) => ({
            value: l,
            label: l,
            detail: layoutProblem(l, draft.disks.length) ?? `${humanSize(usableBytes(l, sizes))} usable`,
            disabled: layoutProblem(l, draft.disks.length),
            note: layoutInfo[l].detail,
          }))}
          initial={draft.layout}
          isActive={isActive}
          onChoose={(layout) => {
            setDraft({ ...draft, layout });
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
        <Footer hints={chooseHints} />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      {title()}
      <Choice<Row>
        key="rows"
        options={[
          { value: 'name', label: 'Name', detail: draft.name },
          {
            value: 'disks',
            label: 'Disks',
            detail: draft.disks.length
              ? `${draft.disks.length}: ${draft.disks.map(byIdName).join(', ')}`
              : 'none chosen',
          },
          {
            value: 'layout',
            label: 'Layout',
            detail: `${draft.layout} · ${layoutProblem(draft.layout, draft.disks.length) ?? `${humanSize(usableBytes(draft.layout, sizes))} usable`}`,
          },
          {
            value: 'save',
            label: 'Save this pool',
            disabled: problems.length ? problems.join('; ') : null,
            note: `zpool create -o ashift=12 ${draft.name} ${draft.layout} ${draft.disks.join(' ')}`,
          },
          ...(exists
            ? [{ value: 'remove' as const, label: 'Remove the new pool', note: 'No new pool is created.' }]
            : []),
        ]}
        initial={last}
        isActive={isActive}
        onChoose={(row) => {
          setLast(row);
          if (row === 'save') onSave(draft);
          else if (row === 'remove') onRemove();
          else setEditing(row);
        }}
        onCancel={onBack}
      />
      {problems.map((p) => (
        <Text key={p} color={color('warn')} wrap="wrap">
          {symbols.warn} {p}
        </Text>
      ))}
      <Footer hints={fieldListHints('back (discards unsaved changes)')} />
    </Box>
  );
}
