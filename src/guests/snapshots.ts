// The ZFS snapshot of a guest's disks on the host before its switch, the rollback to it, and the pruning of older
// pre-update snapshots. Names follow scripts/zfs-snapshot: <dataset>@nix-mox_<label>_<UTC yyyy-mm-ddThh:mm>.
import { snapshotName } from '../plan/steps';

export const PRE_UPDATE_LABEL = 'pre-update';

/** One `zfs snapshot` for all of a guest's datasets: ZFS takes them atomically together. */
export function preUpdateSnapshots(datasets: string[], now: Date): string[] {
  return datasets.map((d) => snapshotName(d, PRE_UPDATE_LABEL, now));
}

export function snapshotArgv(snapshots: string[]): string[] {
  return ['zfs', 'snapshot', ...snapshots];
}

/** -r: also destroys snapshots taken after ours (an hourly one during the failed update), or ZFS refuses. */
export function rollbackArgv(snapshot: string): string[] {
  return ['zfs', 'rollback', '-r', snapshot];
}

export function listSnapshotsArgv(datasets: string[]): string[] {
  return [
    'zfs',
    'list',
    '-H',
    '-p',
    '-t',
    'snapshot',
    '-o',
    'name,creation',
    '-s',
    'creation',
    '-d',
    '1',
    ...datasets,
  ];
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * The snapshots to destroy so that the newest `keep` of `dataset`'s nix-mox snapshots with `label` remain. Only names
 * that are exactly `<dataset>@nix-mox_<label>_<stamp>` are ever candidates (as nm_prune_candidates in the scripts).
 */
export function pruneCandidates(listing: string, dataset: string, label: string, keep: number): string[] {
  const prefix = `${dataset}@nix-mox_${label}_`;
  const ours: { name: string; creation: number }[] = [];
  for (const line of listing.split('\n')) {
    const [name, creation, ...rest] = line.split('\t');
    if (!name || rest.length > 0 || !creation || !/^\d+$/.test(creation)) continue;
    if (!name.startsWith(prefix) || !STAMP.test(name.slice(prefix.length))) continue;
    ours.push({ name, creation: Number(creation) });
  }
  ours.sort((a, b) => a.creation - b.creation || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ours.slice(0, Math.max(0, ours.length - Math.max(0, keep))).map((s) => s.name);
}

/** `zfs destroy ds@a,b,c`: several snapshots of one dataset in one call. */
export function destroyArgv(snapshots: string[]): string[] {
  if (snapshots.length === 0) throw new Error('destroyArgv: nothing to destroy');
  const dataset = snapshots[0]!.split('@')[0]!;
  const names = snapshots.map((s) => {
    const [ds, name] = s.split('@');
    if (ds !== dataset || !name) throw new Error(`destroyArgv: ${s} is not a snapshot of ${dataset}`);
    return name;
  });
  return ['zfs', 'destroy', `${dataset}@${names.join(',')}`];
}
