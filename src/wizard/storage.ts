// Storage section: which disks a new pool may use, which layouts their count allows, datasets, and names.
import { poolAlreadyCreated } from '../answers/pool-created';
import { type Answers, ZfsPoolName } from '../answers/schema';
import type { DiskReport, HostReport } from '../host/types';
import { type Check, checkWith, fail, ok } from './check';
import { type WizardStatus, humanSize, missingOr } from './status';

export type Storage = Answers['storage'];
export type Layout = 'mirror' | 'raidz1' | 'raidz2';
export type DatasetId = Storage['datasets'][number];

export const BY_ID = '/dev/disk/by-id/';

export const datasetInfo: Record<DatasetId, { title: string; detail: string }> = {
  'vm-disks': { title: 'VM disks', detail: 'virtual disks of the VMs (Proxmox storage, content images)' },
  containers: { title: 'containers', detail: 'root disks of the LXC containers (content rootdir)' },
  backups: { title: 'backups', detail: 'vzdump backup archives' },
  shared: { title: 'shared storage', detail: 'files shared between the host and guests' },
  messaging: {
    title: 'messaging data',
    detail: "data of the messaging apps (kept out of the guests' disks)",
  },
};
export const datasetIds = Object.keys(datasetInfo) as DatasetId[];

export const layoutInfo: Record<Layout, { minDisks: number; parity: number; detail: string }> = {
  mirror: {
    minDisks: 2,
    parity: 0,
    detail: 'every disk holds a full copy; survives all but one disk failing',
  },
  raidz1: { minDisks: 3, parity: 1, detail: 'one disk of parity; survives one disk failing' },
  raidz2: { minDisks: 4, parity: 2, detail: 'two disks of parity; survives two disks failing' },
};
export const layouts = Object.keys(layoutInfo) as Layout[];

export type DiskOffer =
  | { disk: DiskReport; kind: 'free'; byId: string }
  /** Holds partitions, a filesystem, a pool label or a mount: usable only after typing its by-id name. */
  | { disk: DiskReport; kind: 'in-use'; byId: string; reason: string }
  | { disk: DiskReport; kind: 'never'; reason: string };

function usage(d: DiskReport): string {
  return [...d.holds, ...d.mounted.map((m) => `mounted on ${m}`)].join(', ');
}

export function diskOffer(d: DiskReport): DiskOffer {
  if (d.system)
    return { disk: d, kind: 'never', reason: `system disk (${usage(d) || 'the running system'})` };
  if (!d.byId) return { disk: d, kind: 'never', reason: 'has no /dev/disk/by-id name' };
  if (d.holds.length > 0 || d.mounted.length > 0) {
    return { disk: d, kind: 'in-use', byId: d.byId, reason: `holds ${usage(d)}` };
  }
  return { disk: d, kind: 'free', byId: d.byId };
}

export const diskOffers = (report: HostReport): DiskOffer[] => report.disks.map(diskOffer);

export const byIdName = (byId: string): string => byId.slice(BY_ID.length);

/** The user must type the by-id name (with or without /dev/disk/by-id/) of a disk that holds something. */
export function checkTypedDisk(offer: DiskOffer, typed: string): Check<string> {
  const field = 'Disk confirmation';
  if (offer.kind === 'never') return fail(field, `${offer.disk.name} cannot be used: ${offer.reason}`);
  const t = typed.trim();
  if (t === offer.byId || t === byIdName(offer.byId)) return ok(offer.byId);
  return fail(field, `type ${byIdName(offer.byId)} exactly to use this disk (its data will be destroyed)`);
}

export function layoutProblem(layout: Layout, count: number): string | null {
  const min = layoutInfo[layout].minDisks;
  return count >= min ? null : `${layout} needs at least ${min} disks (${count} chosen)`;
}

/** Layouts the disk count allows, the best-protected first among equals. */
export const allowedLayouts = (count: number): Layout[] =>
  layouts.filter((l) => layoutProblem(l, count) === null);

/** Usable bytes before ZFS overhead: a mirror holds one disk; raidz holds (n - parity) of the smallest. */
export function usableBytes(layout: Layout, sizes: readonly (number | null)[]): number | null {
  if (sizes.length === 0 || sizes.some((s) => s === null)) return null;
  const smallest = Math.min(...(sizes as number[]));
  if (layout === 'mirror') return smallest;
  return smallest * (sizes.length - layoutInfo[layout].parity);
}

export function checkPoolName(raw: string, report: HostReport): Check<string> {
  const name = raw.trim();
  const shape = checkWith('Pool name', ZfsPoolName, name);
  if (!shape.ok) return shape;
  if (name.length > 255) return fail('Pool name', 'at most 255 characters');
  if (report.zfs?.pools.some((p) => p.name === name))
    return fail('Pool name', `a pool named ${name} already exists`);
  return ok(name);
}

export interface PoolDraft {
  name: string;
  layout: Layout;
  disks: string[];
}

export function poolDraftProblems(draft: PoolDraft, report: HostReport): string[] {
  const problems: string[] = [];
  const name = checkPoolName(draft.name, report);
  if (!name.ok && !poolAlreadyCreated(draft, report)) problems.push(name.message);
  const layout = layoutProblem(draft.layout, draft.disks.length);
  if (layout) problems.push(`Layout: ${layout}`);
  for (const byId of draft.disks) {
    const offer = diskOffers(report).find((o) => o.kind !== 'never' && o.byId === byId);
    if (!offer) problems.push(`Disks: ${byId} is not a disk nix-mox may use`);
  }
  return problems;
}

/** Pools the datasets may go on: the existing ones and the new one. */
export function poolChoices(answers: Answers, report: HostReport): string[] {
  const names = (report.zfs?.pools ?? []).map((p) => p.name);
  const fresh = answers.storage.newPool?.name;
  return fresh && !names.includes(fresh) ? [...names, fresh] : names;
}

export function storageProblems(answers: Answers, report: HostReport): string[] {
  const s = answers.storage;
  const problems: string[] = [];
  if (s.newPool) problems.push(...poolDraftProblems(s.newPool, report).map((p) => `new pool: ${p}`));
  if (s.datasetPool === null) problems.push('the pool for the datasets');
  else if (!poolChoices(answers, report).includes(s.datasetPool))
    problems.push(`pool ${s.datasetPool} does not exist`);
  if (s.datasets.length === 0) problems.push('at least one dataset');
  return problems;
}

export function storageStatus(answers: Answers, report: HostReport): WizardStatus {
  if (answers.machine.role !== 'proxmox-host')
    return { kind: 'info', summary: 'not used on a NixOS machine' };
  const s = answers.storage;
  const parts: string[] = [];
  if (s.newPool) {
    const sizes = s.newPool.disks.map((id) => report.disks.find((d) => d.byId === id)?.sizeBytes ?? null);
    const created = poolAlreadyCreated(s.newPool, report);
    parts.push(
      `${created ? '' : 'new '}${s.newPool.name} ${s.newPool.layout} of ${s.newPool.disks.length} disks (${humanSize(usableBytes(s.newPool.layout, sizes))})${created ? ', created' : ''}`,
    );
  }
  parts.push(`${s.datasets.length} datasets on ${s.datasetPool ?? '?'}`);
  return missingOr(storageProblems(answers, report), { kind: 'done', summary: parts.join(' · ') });
}

const rename = (list: string[], from: string | undefined, to: string): string[] =>
  from && from !== to ? list.map((x) => (x === from ? to : x)) : list;

/** Puts the draft in the answers; what named the old new pool (datasets, snapshots) follows its new name. */
export function saveNewPool(answers: Answers, draft: PoolDraft): Answers {
  const old = answers.storage.newPool?.name;
  const datasetPool =
    answers.storage.datasetPool === null || answers.storage.datasetPool === old
      ? draft.name
      : answers.storage.datasetPool;
  const snapshots = answers.maintenance.snapshots;
  return {
    ...answers,
    storage: {
      ...answers.storage,
      newPool: { name: draft.name, layout: draft.layout, disks: [...draft.disks] },
      datasetPool,
    },
    maintenance: {
      ...answers.maintenance,
      snapshots: { ...snapshots, pools: rename(snapshots.pools, old, draft.name) },
    },
  };
}

/** Drops the new pool; the datasets move to the first existing pool, or wait for one. */
export function removeNewPool(answers: Answers, report: HostReport): Answers {
  const old = answers.storage.newPool?.name;
  if (old === undefined) return answers;
  const existing = (report.zfs?.pools ?? []).map((p) => p.name)[0] ?? null;
  const moved = answers.storage.datasetPool === old;
  const datasetPool = moved ? existing : answers.storage.datasetPool;
  const snapshots = answers.maintenance.snapshots;
  return {
    ...answers,
    storage: {
      newPool: null,
      datasetPool,
      datasets: datasetPool === null ? [] : answers.storage.datasets,
    },
    maintenance: {
      ...answers.maintenance,
      snapshots: { ...snapshots, pools: snapshots.pools.filter((p) => p !== old) },
    },
  };
}
