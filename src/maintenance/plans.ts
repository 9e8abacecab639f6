// The maintenance commands as Plans: each step runs one of the scripts with argv built from checked options.
// Dry runs only read, so their steps do not need root.
import type { Plan, Step } from '../plan/types';
import { scriptPath } from './scripts-dir';

const MINUTE = 60_000;

function plan(steps: Step[]): Plan {
  return { steps, rebootNeeded: false, disksTouched: [] };
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

export interface UpdateOptions {
  proxmox: boolean;
  templates: boolean;
  flake: { dir: string; host: string; dataset: string | null; snapshot: boolean } | null;
  dryRun: boolean;
}

export function updatePlan(o: UpdateOptions, scripts: string): Plan {
  const steps: Step[] = [];
  if (o.proxmox) {
    steps.push({
      id: 'proxmox-update',
      title: `Update the Proxmox host (apt-get dist-upgrade${o.templates ? ', templates' : ''})`,
      argv: [
        scriptPath(scripts, 'proxmox-update'),
        ...(o.templates ? [] : ['--no-templates']),
        ...(o.dryRun ? ['--dry-run'] : []),
      ],
      root: !o.dryRun,
      risk: ['P', 'N'],
      timeoutMs: 120 * MINUTE,
    });
  }
  if (o.flake) {
    const f = o.flake;
    steps.push({
      id: 'nixos-flake-update',
      title: `Update NixOS from ${f.dir}#${f.host}`,
      argv: [
        scriptPath(scripts, 'nixos-flake-update'),
        '--flake',
        f.dir,
        '--host',
        f.host,
        ...(f.dataset ? ['--dataset', f.dataset] : []),
        ...(f.snapshot ? [] : ['--no-snapshot']),
        '--json-log',
        ...(o.dryRun ? ['--dry-run'] : []),
      ],
      root: !o.dryRun,
      risk: ['P', 'S', 'K', 'D'],
      timeoutMs: 180 * MINUTE,
    });
  }
  return plan(steps);
}

export interface SnapshotOptions {
  pools: string[];
  label: string;
  keep: number | null;
  pruneOnly: boolean;
  dryRun: boolean;
}

export function snapshotPlan(o: SnapshotOptions, scripts: string): Plan {
  return plan(
    o.pools.map((pool) => ({
      id: `snapshot-${safeId(pool)}`,
      title: `${o.pruneOnly ? 'Prune' : 'Snapshot'} ${pool} (${o.label}${o.keep !== null ? `, keep ${o.keep}` : ''})`,
      argv: [
        scriptPath(scripts, 'zfs-snapshot'),
        '--pool',
        pool,
        '--label',
        o.label,
        ...(o.keep !== null ? ['--keep', String(o.keep)] : []),
        ...(o.pruneOnly ? ['--prune-only'] : []),
        ...(o.dryRun ? ['--dry-run'] : []),
      ],
      root: !o.dryRun,
      risk: o.keep !== null ? ['D'] : [],
      timeoutMs: 30 * MINUTE,
    })),
  );
}

export interface BackupOptions {
  /** Empty with `all`. */
  vmids: number[];
  all: boolean;
  storage: string;
  mode: 'snapshot' | 'suspend' | 'stop';
  keep: { daily: number; weekly: number; monthly: number };
  dryRun: boolean;
}

export function backupPlan(o: BackupOptions, scripts: string): Plan {
  const common = [
    '--storage',
    o.storage,
    '--mode',
    o.mode,
    '--keep-daily',
    String(o.keep.daily),
    '--keep-weekly',
    String(o.keep.weekly),
    '--keep-monthly',
    String(o.keep.monthly),
    ...(o.dryRun ? ['--dry-run'] : []),
  ];
  const step = (id: string, title: string, target: string[]): Step => ({
    id,
    title,
    argv: [scriptPath(scripts, 'vzdump-backup'), ...target, ...common],
    root: !o.dryRun,
    risk: [],
    timeoutMs: 12 * 60 * MINUTE,
  });
  if (o.all) return plan([step('backup-all', `Back up all guests to ${o.storage}`, ['--all'])]);
  return plan(
    o.vmids.map((id) => step(`backup-${id}`, `Back up guest ${id} to ${o.storage}`, ['--vmid', String(id)])),
  );
}
