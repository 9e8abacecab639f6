// The messaging backup: the per-user data directories of the chosen messaging apps are copied out of each NixOS
// guest that runs them into the messaging dataset on the host (one directory per guest and user), the dataset is
// snapshotted and pruned by the same rules as every nix-mox snapshot (scripts/zfs-snapshot: label, keep N), and,
// when a target is chosen, the snapshots are sent to a second pool or an external disk (send.ts).
import type { Answers } from '../answers/schema';
import type { GuestStep } from '../guests/exec';
import { dataDirsFor } from './app-dirs';

export type SourceAccess =
  /** A VM: rsync over SSH. */
  | { kind: 'ssh'; destination: string }
  /** A container: its root file system is mounted on the host (the subvol's mountpoint). */
  | { kind: 'path'; root: string }
  | { kind: 'none'; reason: string };

export interface MessagingSource {
  guest: string;
  access: SourceAccess;
}

export interface MessagingBackupSettings {
  /** `<pool>/messaging`. */
  dataset: string;
  /** Its mountpoint on the host. */
  mountpoint: string;
  user: string;
  apps: string[];
  label: string;
  keep: number;
  /** Where zfs-snapshot is (the installed scripts, or the package's scripts/). */
  scriptsDir: string;
  /** A dataset on a second pool or an external disk to receive the snapshots, or null. */
  target: string | null;
}

/** The messaging dataset the answers ask for, or null (no `messaging` dataset, or no pool for the datasets). */
export function messagingDataset(answers: Answers): string | null {
  if (!answers.storage.datasets.includes('messaging') || !answers.storage.datasetPool) return null;
  return `${answers.storage.datasetPool}/messaging`;
}

/** The NixOS guests that run the messaging apps: the VM (the desktop); the LXC when there is no VM. */
export function messagingGuests(answers: Answers): { name: string; vmid: number; kind: 'lxc' | 'vm' }[] {
  if (answers.messaging.length === 0) return [];
  const vm = answers.guests.nixosVm;
  if (vm.enabled) return [{ name: vm.name, vmid: vm.vmid, kind: 'vm' }];
  return [];
}

/** Does a scheduled snapshot timer already cover the dataset (its pool, or itself, is in the snapshot pools)? */
export function coveredBySchedule(answers: Answers, dataset: string): boolean {
  const s = answers.maintenance.snapshots;
  return s.enabled && s.pools.some((p) => dataset === p || dataset.startsWith(`${p}/`));
}

const MIN = 60_000;
export const RSYNC_SSH = 'ssh -o BatchMode=yes -o ConnectTimeout=10';

/** rsync's exit code 24 ("some files vanished before they could be transferred"): live app data; not a failure. */
export const RSYNC_VANISHED = 24;

export function copySteps(
  sources: MessagingSource[],
  s: MessagingBackupSettings,
): { steps: GuestStep[]; notes: string[] } {
  const dirs = dataDirsFor(s.apps);
  const steps: GuestStep[] = [];
  const notes: string[] = [];
  if (dirs.length === 0) return { steps, notes: ['no messaging app with data to copy'] };
  for (const src of sources) {
    if (src.access.kind === 'none') {
      notes.push(`${src.guest}: not copied (${src.access.reason})`);
      continue;
    }
    const dest = `${s.mountpoint}/${src.guest}/${s.user}`;
    const home = src.access.kind === 'ssh' ? `/home/${s.user}` : `${src.access.root}/home/${s.user}`;
    // /./ marks where the kept relative path starts (rsync --relative): .config/Signal lands under dest.
    const from = dirs.map((d) =>
      src.access.kind === 'ssh' ? `${src.access.destination}:${home}/./${d}` : `${home}/./${d}`,
    );
    steps.push(
      {
        id: `messaging.mkdir-${src.guest}`,
        title: `Make ${dest}`,
        argv: ['mkdir', '-p', dest],
        timeoutMs: MIN,
        risk: ['F'],
        root: true,
      },
      {
        id: `messaging.copy-${src.guest}`,
        title: `Copy ${s.user}'s messaging data out of ${src.guest} (${dirs.length} folder${dirs.length === 1 ? '' : 's'})`,
        argv: [
          'rsync',
          '--archive',
          '--relative',
          '--delete',
          '--ignore-missing-args',
          ...(src.access.kind === 'ssh' ? ['--rsh', RSYNC_SSH] : []),
          ...from,
          `${dest}/`,
        ],
        timeoutMs: 60 * MIN,
        risk: ['F', 'N'],
        root: true,
      },
    );
  }
  return { steps, notes };
}

export function snapshotStep(s: MessagingBackupSettings): GuestStep {
  return {
    id: 'messaging.snapshot',
    title: `Snapshot ${s.dataset} (${s.label}, keep ${s.keep})`,
    argv: [`${s.scriptsDir}/zfs-snapshot`, '--pool', s.dataset, '--label', s.label, '--keep', String(s.keep)],
    timeoutMs: 10 * MIN,
    risk: ['D'],
    root: true,
  };
}
