// Command-line flags, with the saved answers as defaults, turned into checked options for the plans.
// Pure: what the host is (Proxmox? NixOS?) is passed in.
import type { Answers } from '../answers/schema';
import {
  hostName,
  OptionError,
  oneOf,
  snapshotLabel,
  storageId,
  vmid,
  wholeNumber,
  zfsName,
} from './options';
import type { BackupOptions, SnapshotOptions, UpdateOptions } from './plans';

type Flags = Record<string, unknown>;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const POLICY_LABELS = ['hourly', 'daily', 'weekly', 'monthly'] as const;

export function resolveSnapshotOptions(
  flags: Flags,
  answers: Answers | null,
  dryRun: boolean,
): SnapshotOptions {
  const given = strings(flags['pool']);
  const pools = (given.length > 0 ? given : (answers?.maintenance.snapshots.pools ?? [])).map((p) =>
    zfsName('--pool', p),
  );
  if (pools.length === 0) {
    throw new OptionError(
      '--pool: give at least one pool or dataset (or choose snapshot pools in the wizard)',
    );
  }
  const label = snapshotLabel('--label', text(flags['label']) ?? 'manual');
  let keep = wholeNumber('--keep', flags['keep'], 1) ?? null;
  if (keep === null && answers && (POLICY_LABELS as readonly string[]).includes(label)) {
    const policy = answers.maintenance.snapshots.keep[label as (typeof POLICY_LABELS)[number]];
    if (policy > 0) keep = policy;
  }
  const pruneOnly = flags['pruneOnly'] === true;
  if (pruneOnly && keep === null) throw new OptionError('--prune-only needs --keep N (how many to keep)');
  return { pools: [...new Set(pools)], label, keep, pruneOnly, dryRun };
}

export function resolveBackupOptions(flags: Flags, answers: Answers | null, dryRun: boolean): BackupOptions {
  const vmids = [...new Set(strings(flags['vmid']).map((v) => vmid('--vmid', v)))];
  const all = flags['all'] === true || vmids.length === 0;
  if (flags['all'] === true && vmids.length > 0) throw new OptionError('give --all or --vmid, not both');
  const policy = answers?.maintenance.backup;
  const storageText = text(flags['storage']) ?? text(policy?.storage);
  if (!storageText) throw new OptionError('--storage is required (or choose a backup storage in the wizard)');
  const keep = {
    daily: wholeNumber('--keep-daily', flags['keepDaily'], 0) ?? policy?.keepDaily ?? 7,
    weekly: wholeNumber('--keep-weekly', flags['keepWeekly'], 0) ?? policy?.keepWeekly ?? 4,
    monthly: wholeNumber('--keep-monthly', flags['keepMonthly'], 0) ?? policy?.keepMonthly ?? 6,
  };
  const mode = oneOf('--mode', text(flags['mode']) ?? 'snapshot', ['snapshot', 'suspend', 'stop'] as const);
  return { vmids: all ? [] : vmids, all, storage: storageId('--storage', storageText), mode, keep, dryRun };
}

export interface HostFacts {
  /** pveversion is on PATH. */
  proxmox: boolean;
  /** /etc/NIXOS exists. */
  nixos: boolean;
  hostname: string;
}

export const DEFAULT_FLAKE = '/etc/nixos';

export function resolveUpdateOptions(
  flags: Flags,
  answers: Answers | null,
  host: HostFacts,
  dryRun: boolean,
): UpdateOptions {
  let proxmox = flags['proxmox'] === true;
  let flakeDir = text(flags['flake']);
  if (!proxmox && !flakeDir) {
    const role = answers?.machine.role ?? (host.proxmox ? 'proxmox-host' : host.nixos ? 'nixos' : null);
    if (role === 'proxmox-host') proxmox = true;
    else if (role === 'nixos') flakeDir = DEFAULT_FLAKE;
    else {
      throw new OptionError(
        'nothing to update here: this is neither a Proxmox host (no pveversion) nor NixOS; use --proxmox or --flake DIR',
      );
    }
  }
  if (flakeDir && !flakeDir.startsWith('/'))
    throw new OptionError(`--flake '${flakeDir}' must be an absolute path`);
  for (const f of ['host', 'dataset'] as const) {
    if (flags[f] !== undefined && !flakeDir) throw new OptionError(`--${f} goes with --flake DIR`);
  }
  const flake = flakeDir
    ? {
        dir: flakeDir,
        host: hostName('--host', text(flags['host']) ?? answers?.machine.hostname ?? host.hostname),
        dataset: text(flags['dataset']) ? zfsName('--dataset', String(flags['dataset'])) : null,
        snapshot: flags['snapshot'] !== false,
      }
    : null;
  return { proxmox, templates: flags['templates'] !== false, flake, dryRun };
}
