// Snapshots of a prefix before each step that changes it: a ZFS snapshot when the prefix is a dataset of its
// own (instant, free), else a copy beside it (`cp --reflink=auto -a`: shared blocks on btrfs/XFS, a full copy
// elsewhere). Undo puts the prefix back exactly as the snapshot has it and proves it by comparing the trees.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Step } from '../plan/types';
import { commandFor, runningAsRoot } from '../run/sudo';
import type { GameHost } from './host';
import { snapshotRoot } from './paths';
import { type TreeDifference, diffTrees, digestTree } from './tree';
import type { SnapshotRef } from './types';

/** `zfs list -H -o name,mountpoint` prints one tab-separated line per dataset. */
export function parseZfsMounts(stdout: string): { name: string; mountpoint: string }[] {
  return stdout
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 2 && f[0] && f[1])
    .map((f) => ({ name: f[0]!, mountpoint: f[1]! }));
}

/** The dataset mounted exactly at the prefix, or null (no zfs, no dataset, or the prefix is a plain directory). */
export async function findPrefixDataset(host: GameHost, prefix: string): Promise<string | null> {
  const zfs = host.which('zfs');
  if (!zfs) return null;
  const r = await host.run(zfs, ['list', '-H', '-o', 'name,mountpoint', '-t', 'filesystem']);
  if (r.code !== 0) return null;
  return parseZfsMounts(r.stdout).find((d) => d.mountpoint === prefix)?.name ?? null;
}

/** `2026-07-14T09:05:03.120Z` -> `20260714T090503Z`: unique per run, sorts by time, valid in ZFS names. */
export function runStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function snapshotRef(
  prefix: string,
  dataset: string | null,
  stamp: string,
  index: number,
  beforeStepId: string,
): SnapshotRef {
  const label = `${String(index).padStart(2, '0')}-${beforeStepId}`;
  if (dataset) return { kind: 'zfs', dataset, name: `nix-mox-game_${stamp}_${label}`, prefix };
  return { kind: 'copy', path: join(snapshotRoot(prefix), stamp, label), prefix };
}

export function describeSnapshot(ref: SnapshotRef): string {
  return ref.kind === 'zfs' ? `${ref.dataset}@${ref.name}` : ref.path;
}

/** The step that takes the snapshot. */
export function snapshotStep(ref: SnapshotRef, id: string, what: string): Step {
  if (ref.kind === 'zfs') {
    return {
      id,
      title: `Snapshot the prefix before ${what} (ZFS ${ref.dataset}@${ref.name})`,
      argv: ['zfs', 'snapshot', `${ref.dataset}@${ref.name}`],
      root: true,
      risk: ['D'],
      timeoutMs: 60_000,
    };
  }
  return {
    id,
    title: `Snapshot the prefix before ${what} (copy)`,
    argv: ['cp', '--reflink=auto', '-a', '--', ref.prefix, ref.path],
    root: false,
    risk: ['F'],
    timeoutMs: 30 * 60_000,
  };
}

/** The argv that undoes a step after a ZFS snapshot (copies are restored by restoreSnapshot). */
export function zfsUndoArgv(ref: SnapshotRef): string[] | undefined {
  return ref.kind === 'zfs' ? ['zfs', 'rollback', `${ref.dataset}@${ref.name}`] : undefined;
}

/** Where the snapshot's files can be read: the copy, or ZFS's .zfs/snapshot directory (null when not visible). */
export function snapshotTree(ref: SnapshotRef): string | null {
  if (ref.kind === 'copy') return ref.path;
  const dir = join(ref.prefix, '.zfs', 'snapshot', ref.name);
  return existsSync(dir) ? dir : null;
}

export interface RestoreResult {
  ok: boolean;
  /** Differences left between the prefix and its snapshot (empty when restored exactly). */
  differences: TreeDifference[];
  /** Whether the trees were compared (a ZFS snapshot may not be readable to compare against). */
  verified: boolean;
  message: string;
}

export interface RestoreOptions {
  env: NodeJS.ProcessEnv;
  /** wineserver to stop first, so nothing writes the prefix while it is put back. */
  wineserver: string | null;
  asRoot?: boolean;
}

async function runArgv(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  const r = await execa(argv[0]!, argv.slice(1), {
    reject: false,
    env,
    stdin: 'ignore',
    timeout: 30 * 60_000,
  });
  return { code: typeof r.exitCode === 'number' ? r.exitCode : 127, stderr: String(r.stderr ?? '').trim() };
}

async function compare(ref: SnapshotRef): Promise<{ verified: boolean; differences: TreeDifference[] }> {
  const tree = snapshotTree(ref);
  if (!tree) return { verified: false, differences: [] };
  const [expected, actual] = await Promise.all([digestTree(tree), digestTree(ref.prefix)]);
  actual.delete('.zfs');
  return { verified: true, differences: diffTrees(expected, actual) };
}

/** Puts the prefix back as the snapshot has it. */
export async function restoreSnapshot(ref: SnapshotRef, opts: RestoreOptions): Promise<RestoreResult> {
  if (opts.wineserver && existsSync(ref.prefix)) {
    await runArgv([opts.wineserver, '-k'], { ...opts.env, WINEPREFIX: ref.prefix });
    await runArgv([opts.wineserver, '-w'], { ...opts.env, WINEPREFIX: ref.prefix });
  }
  if (ref.kind === 'zfs') {
    const argv = commandFor(zfsUndoArgv(ref)!, {}, true, opts.asRoot ?? runningAsRoot());
    const r = await runArgv(argv, opts.env);
    if (r.code !== 0) {
      return {
        ok: false,
        differences: [],
        verified: false,
        message: `zfs rollback failed (exit ${r.code}): ${r.stderr}`,
      };
    }
  } else {
    if (!existsSync(ref.path)) {
      return { ok: false, differences: [], verified: false, message: `the snapshot ${ref.path} is missing` };
    }
    await rm(ref.prefix, { recursive: true, force: true });
    const r = await runArgv(['cp', '--reflink=auto', '-a', '--', ref.path, ref.prefix], opts.env);
    if (r.code !== 0) {
      return {
        ok: false,
        differences: [],
        verified: false,
        message: `copying the snapshot back failed: ${r.stderr}`,
      };
    }
  }
  const { verified, differences } = await compare(ref);
  if (differences.length > 0) {
    return {
      ok: false,
      differences,
      verified,
      message: `the prefix still differs from the snapshot in ${differences.length} places`,
    };
  }
  return {
    ok: true,
    differences,
    verified,
    message: verified
      ? `prefix restored from ${describeSnapshot(ref)}; it matches the snapshot file for file`
      : `prefix rolled back to ${describeSnapshot(ref)}`,
  };
}
