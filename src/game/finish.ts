// After the installer: the launcher script, the .desktop entry, the Lutris entry, and removing the snapshots.
import { join } from 'node:path';
import type { Step } from '../plan/types';
import { desktopEntry } from './desktop';
import { launcherScript } from './launcher';
import { lutrisConfigId, lutrisGameYaml, lutrisRegisterSql, lutrisUnregisterSql } from './lutris';
import { desktopEntryPath, launcherPath } from './paths';
import { removeSnapshotsStep } from './steps';
import type { GameSetup, SnapshotRef } from './types';

export interface LutrisTarget {
  gamesDir: string;
  dataDir: string;
  db: string;
}

export interface FinishOptions {
  stamp: string;
  snapshots: SnapshotRef[];
  /** Owner of the written files ("uid:gid"). */
  owner: string;
  epochSeconds: number;
  /** Where Lutris keeps its files, or null when Lutris is not installed. */
  lutris: LutrisTarget | null;
}

export interface FinishPlan {
  steps: Step[];
  launcher: string;
  desktopEntry: string;
  lutrisConfig: string | null;
}

export function buildFinishPlan(setup: GameSetup, exe: string, opts: FinishOptions): FinishPlan {
  const launcher = launcherPath(setup.prefix);
  const desktop = desktopEntryPath(setup.dataHome, setup.slug);
  const steps: Step[] = [
    {
      id: 'launcher',
      title: `Write the launcher ${launcher}`,
      write: { path: launcher, content: launcherScript(setup, exe), mode: 0o755, owner: opts.owner },
      root: false,
      risk: ['F'],
      timeoutMs: 60_000,
    },
    {
      id: 'desktop-entry',
      title: `Write the menu entry ${desktop}`,
      write: {
        path: desktop,
        content: desktopEntry({ name: setup.name, launcher, prefix: setup.prefix }),
        mode: 0o644,
        owner: opts.owner,
      },
      root: false,
      risk: ['F'],
      timeoutMs: 60_000,
    },
  ];
  let lutrisConfig: string | null = null;
  if (opts.lutris) {
    const configId = lutrisConfigId(setup.slug, opts.epochSeconds);
    lutrisConfig = join(opts.lutris.gamesDir, `${configId}.yml`);
    steps.push({
      id: 'lutris-config',
      title: `Write the Lutris game config ${lutrisConfig}`,
      write: {
        path: lutrisConfig,
        content: lutrisGameYaml(setup, exe, launcher),
        mode: 0o644,
        owner: opts.owner,
      },
      root: false,
      risk: ['F'],
      timeoutMs: 60_000,
    });
    if (setup.tools.sqlite3) {
      steps.push(
        {
          id: 'lutris-data-dir',
          title: `Make sure Lutris' data directory exists (${opts.lutris.dataDir})`,
          argv: ['mkdir', '-p', '--', opts.lutris.dataDir],
          root: false,
          risk: ['F'],
          timeoutMs: 60_000,
        },
        {
          id: 'lutris-library',
          title: "Add the game to Lutris' library (pga.db)",
          argv: ['sqlite3', opts.lutris.db, lutrisRegisterSql(setup, configId, opts.epochSeconds)],
          undo: ['sqlite3', opts.lutris.db, lutrisUnregisterSql(configId)],
          root: false,
          risk: ['F'],
          timeoutMs: 60_000,
        },
      );
    }
  }
  const cleanup = removeSnapshotsStep(setup, opts.stamp, opts.snapshots);
  if (cleanup) steps.push(cleanup);
  return { steps, launcher, desktopEntry: desktop, lutrisConfig };
}
