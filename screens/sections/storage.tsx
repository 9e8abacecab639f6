// Storage: existing pools, a new pool from free disks, and the datasets the guests and services use.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Answers } from '../../src/answers/schema';
import { humanSize } from '../../src/wizard/status';
import {
  type DatasetId,
  allowedLayouts,
  datasetIds,
  datasetInfo,
  diskOffers,
  poolChoices,
  removeNewPool,
  saveNewPool,
  storageStatus,
} from '../../src/wizard/storage';
import { toggleInOrder } from '../../src/wizard/toggle-in-order';
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
import { color } from '../theme';
import { NewPool } from './storage/NewPool';

type Field = 'newPool' | 'datasetPool' | 'datasets';

const HELP = [
  'Where the guests and services keep their data.',
  'New pool: made from free disks only, named by /dev/disk/by-id. System disks are never offered; a disk that holds partitions, a filesystem, a pool label or a mount is used only after you type its by-id name.',
  'Layouts: mirror (2+ disks), raidz1 (3+), raidz2 (4+). Datasets: VM disks, containers, backups, shared storage and messaging data, on the pool you choose.',
  'Keys: ↑/↓ or j/k move, enter changes, space toggles a dataset, esc goes back.',
];

function StorageScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const { report, answers } = api;
  const s = answers.storage;
  const [editing, setEditing] = useState<Field | null>(null);
  const [last, setLast] = useState<Field>('newPool');
  const [lastDataset, setLastDataset] = useState<DatasetId>('vm-disks');
  const { error, setError, apply } = useCheckedUpdate();
  const active = api.inputActive;
  const close = () => setEditing(null);

  const commit = (next: Answers, stay = false) => {
    if (apply(() => next) && !stay) close();
  };
  const title = (sub?: string) => <SectionTitle title="Storage" sub={sub} />;
  const errorLine = <ErrorLine error={error} />;

  if (answers.machine.role !== 'proxmox-host') {
    return (
      <BackToHub
        title="Storage"
        text="Pools and datasets are set up on a Proxmox host; this machine's role is NixOS machine."
        isActive={active}
        onBack={onBack}
      />
    );
  }

  if (editing === 'newPool') {
    const free = diskOffers(report).flatMap((o) => (o.kind === 'free' ? [o.byId] : []));
    return (
      <NewPool
        report={report}
        initial={
          s.newPool ?? { name: 'tank', layout: allowedLayouts(free.length).at(-1) ?? 'mirror', disks: free }
        }
        exists={s.newPool !== null}
        isActive={active}
        onSave={(draft) => commit(saveNewPool(answers, draft))}
        onRemove={() => commit(removeNewPool(answers, report))}
        onBack={close}
      />
    );
  }

  if (editing === 'datasetPool') {
    const pools = poolChoices(answers, report);
    return (
      <Box flexDirection="column">
        {title('Datasets on')}
        {pools.length === 0 ? <Text color={color('warn')}>No pool yet: make a new pool first.</Text> : null}
        <Choice<string>
          key="dataset-pool"
          options={pools.map((name) => {
            const found = report.zfs?.pools.find((p) => p.name === name);
            return {
              value: name,
              label: name,
              detail: found ? `${found.health} ${humanSize(found.sizeBytes)}` : 'new pool',
            };
          })}
          initial={s.datasetPool ?? undefined}
          isActive={active}
          onChoose={(datasetPool) => commit({ ...answers, storage: { ...s, datasetPool } })}
          onCancel={close}
        />
        {errorLine}
        <Footer hints={chooseHints} />
      </Box>
    );
  }

  if (editing === 'datasets') {
    const toggle = (id: DatasetId) => {
      setLastDataset(id);
      const datasets = toggleInOrder(datasetIds, s.datasets, id);
      commit({ ...answers, storage: { ...s, datasets } }, true);
    };
    return (
      <Box flexDirection="column">
        {title('Datasets')}
        <Choice<DatasetId>
          key="datasets"
          options={datasetIds.map((id) => ({
            value: id,
            label: datasetInfo[id].title,
            detail: `${s.datasetPool ?? '?'}/${id}`,
            checked: s.datasets.includes(id),
            note: datasetInfo[id].detail,
          }))}
          initial={lastDataset}
          isActive={active}
          onChoose={toggle}
          onToggle={toggle}
          onCancel={close}
        />
        {errorLine}
        <Footer hints={toggleHints} />
      </Box>
    );
  }

  const pools = report.zfs?.pools ?? [];
  const status = storageSection.status(api);
  return (
    <Box flexDirection="column">
      {title()}
      <Text wrap="wrap">
        Existing pools:{' '}
        {pools.length
          ? pools.map((p) => `${p.name} (${p.health}, ${humanSize(p.sizeBytes)})`).join(', ')
          : 'none'}
      </Text>
      <Choice<Field>
        key="menu"
        options={[
          {
            value: 'newPool',
            label: 'New pool',
            detail: s.newPool
              ? `${s.newPool.name} · ${s.newPool.layout} · ${s.newPool.disks.length} disks`
              : 'none',
          },
          { value: 'datasetPool', label: 'Datasets on', detail: s.datasetPool ?? 'not chosen' },
          {
            value: 'datasets',
            label: 'Datasets',
            detail: s.datasets.length ? s.datasets.map((d) => datasetInfo[d].title).join(', ') : 'none',
          },
        ]}
        initial={last}
        isActive={active}
        onChoose={(field) => {
          setLast(field);
          setError(null);
          setEditing(field);
        }}
        onCancel={onBack}
        onKey={(input) => input === '?' && api.showHelp(storageSection.title, HELP)}
      />
      {errorLine}
      <SectionStatus status={status} />
      <Footer hints={sectionMenuHints()} />
    </Box>
  );
}

export const storageSection: Section = {
  id: 'storage',
  title: 'Storage',
  required: true,
  status: (state) => storageStatus(state.answers, state.report),
  help: HELP,
  Screen: StorageScreen,
};
