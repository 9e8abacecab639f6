// The setup as runner Steps: the prefix, the dependency steps (each after a snapshot of the prefix), and the
// installer. Pure: the same setup and stamp give the same steps.
import { dirname } from 'node:path';
import type { Step } from '../plan/types';
import { DXVK2_VULKAN } from './preflight/graphics';
import { versionAtLeast } from './preflight/parse';
import { snapshotRoot } from './paths';
import { snapshotRef, snapshotStep, zfsUndoArgv } from './snapshot';
import type { GameSetup, SnapshotRef } from './types';

export interface SetupPlan {
  steps: Step[];
  /** For each step that changes the prefix: the snapshot taken just before it (undo restores it). */
  undo: Record<string, SnapshotRef>;
  snapshots: SnapshotRef[];
}

const MINUTE = 60_000;

/** GE-Proton through umu: umu-run fetches the newest GE-Proton build when PROTONPATH is "GE-Proton". */
export const UMU_PROTON = 'GE-Proton';
/** umu's own default game id (no protonfix from the umu database). */
export const UMU_GAME_ID = 'umu-default';

export function wineEnv(setup: GameSetup, debug: '-all' | 'fixme-all'): Record<string, string> {
  return { WINEPREFIX: setup.prefix, WINEARCH: 'win64', WINEDEBUG: debug };
}

export function umuEnv(setup: GameSetup): Record<string, string> {
  return { WINEPREFIX: setup.prefix, GAMEID: UMU_GAME_ID, PROTONPATH: UMU_PROTON };
}

/** Why the steps cannot be built for this setup, or null. */
export function setupBlocker(setup: GameSetup): string | null {
  if (setup.runner === 'umu') return setup.tools.umu ? null : 'umu-launcher (umu-run) is not installed';
  if (!setup.tools.wine) return 'Wine is not installed';
  const needsTricks = setup.needs.verbs.length > 0 || setup.needs.dxvk || setup.needs.vkd3d;
  if (needsTricks && !setup.tools.winetricks)
    return 'winetricks is not installed (needed for the dependency steps)';
  return null;
}

/** DXVK 2.x needs Vulkan 1.3; winetricks' dxvk1103 is the last release for older drivers. */
export function dxvkVerb(vulkanApi: string | null): string {
  return vulkanApi && !versionAtLeast(vulkanApi, DXVK2_VULKAN) ? 'dxvk1103' : 'dxvk';
}

export function installerArgv(setup: GameSetup): string[] {
  const msi = /\.msi$/i.test(setup.installer);
  const program = msi ? ['msiexec', '/i', setup.installer] : [setup.installer];
  return setup.runner === 'umu' ? ['umu-run', ...program] : ['wine', ...program];
}

interface PrefixChange {
  id: string;
  /** For the snapshot title: "the winetricks verbs", "DXVK" ... */
  what: string;
  step: Omit<Step, 'id'>;
}

function prefixChanges(setup: GameSetup): PrefixChange[] {
  const umu = setup.runner === 'umu';
  const tricksEnv = umu ? umuEnv(setup) : wineEnv(setup, 'fixme-all');
  const tricks = (args: string[]) =>
    umu ? ['umu-run', 'winetricks', ...args] : ['winetricks', '--unattended', ...args];
  const out: PrefixChange[] = [];
  if (setup.needs.verbs.length > 0) {
    out.push({
      id: 'verbs',
      what: 'the winetricks verbs',
      step: {
        title: `Install ${setup.needs.verbs.join(', ')} with winetricks`,
        argv: tricks(setup.needs.verbs),
        env: tricksEnv,
        root: false,
        risk: ['F', 'N'],
        timeoutMs: 30 * MINUTE,
      },
    });
  }
  // Proton already carries DXVK and VKD3D-Proton; only system Wine gets them from winetricks.
  if (!umu && setup.needs.dxvk) {
    const verb = dxvkVerb(setup.tools.vulkanApi);
    out.push({
      id: 'dxvk',
      what: 'DXVK',
      step: {
        title: `Install DXVK (${verb}: Direct3D 9-11 on Vulkan)`,
        argv: tricks([verb]),
        env: tricksEnv,
        root: false,
        risk: ['F', 'N'],
        timeoutMs: 15 * MINUTE,
      },
    });
  }
  if (!umu && setup.needs.vkd3d) {
    out.push({
      id: 'vkd3d',
      what: 'VKD3D-Proton',
      step: {
        title: 'Install VKD3D-Proton (Direct3D 12 on Vulkan)',
        argv: tricks(['vkd3d']),
        env: tricksEnv,
        root: false,
        risk: ['F', 'N'],
        timeoutMs: 15 * MINUTE,
      },
    });
  }
  out.push({
    id: 'installer',
    what: 'the installer',
    step: {
      title: `Run the installer ${setup.installer.split('/').pop()}`,
      argv: installerArgv(setup),
      env: umu ? umuEnv(setup) : wineEnv(setup, 'fixme-all'),
      root: false,
      risk: ['F', 'N'],
      timeoutMs: 6 * 60 * MINUTE,
    },
  });
  return out;
}

/**
 * Waits until the prefix's wineserver has exited: wineboot and winetricks return while it still holds the registry,
 * which it writes to system.reg/user.reg when it exits. Runs after every step that started Wine.
 */
function settleStep(setup: GameSetup, id: string): Step | null {
  if (setup.runner === 'umu' || !setup.tools.wineserver) return null;
  return {
    id,
    title: 'Let Wine finish writing the prefix (wineserver -w)',
    argv: [setup.tools.wineserver, '-w'],
    env: { WINEPREFIX: setup.prefix },
    root: false,
    risk: [],
    timeoutMs: 5 * MINUTE,
  };
}

export function buildSetupPlan(setup: GameSetup, stamp: string): SetupPlan {
  const blocker = setupBlocker(setup);
  if (blocker) throw new Error(blocker);
  const steps: Step[] = [];
  const undo: Record<string, SnapshotRef> = {};
  const snapshots: SnapshotRef[] = [];
  const umu = setup.runner === 'umu';

  steps.push({
    id: 'prefix-dir',
    title: `Create the prefix directory ${setup.prefix}`,
    argv: ['mkdir', '-p', '--', setup.prefix],
    root: false,
    risk: ['F'],
    timeoutMs: MINUTE,
  });
  steps.push({
    id: 'prefix-init',
    title: umu
      ? `Create the Proton prefix (umu-run, ${UMU_PROTON})`
      : 'Create the Wine prefix (wineboot --init, 64-bit)',
    argv: umu ? ['umu-run', ''] : ['wineboot', '--init'],
    env: umu ? umuEnv(setup) : wineEnv(setup, '-all'),
    skipIf: { argv: ['test', '-f', `${setup.prefix}/system.reg`] },
    root: false,
    risk: umu ? ['F', 'N'] : ['F'],
    timeoutMs: 10 * MINUTE,
  });
  const initSettle = settleStep(setup, 'settle-prefix-init');
  if (initSettle) steps.push(initSettle);
  if (!setup.zfsDataset) {
    steps.push({
      id: 'snapshot-dir',
      title: `Create the snapshot directory ${snapshotRoot(setup.prefix)}/${stamp}`,
      argv: ['mkdir', '-p', '--', `${snapshotRoot(setup.prefix)}/${stamp}`],
      root: false,
      risk: ['F'],
      timeoutMs: MINUTE,
    });
  }

  prefixChanges(setup).forEach((change, i) => {
    const ref = snapshotRef(setup.prefix, setup.zfsDataset, stamp, i + 1, change.id);
    snapshots.push(ref);
    steps.push(snapshotStep(ref, `snapshot-${change.id}`, change.what));
    const undoArgv = zfsUndoArgv(ref);
    steps.push({ id: change.id, ...change.step, ...(undoArgv ? { undo: undoArgv } : {}) });
    undo[change.id] = ref;
    const settle = settleStep(setup, `settle-${change.id}`);
    if (settle) steps.push(settle);
  });
  return { steps, undo, snapshots };
}

/** The step that removes this run's snapshots once the game is set up. */
export function removeSnapshotsStep(setup: GameSetup, stamp: string, snapshots: SnapshotRef[]): Step | null {
  if (snapshots.length === 0) return null;
  const first = snapshots[0]!;
  if (first.kind === 'zfs') {
    const names = snapshots.map((s) => (s.kind === 'zfs' ? s.name : '')).join(',');
    return {
      id: 'remove-snapshots',
      title: `Remove the setup snapshots (${snapshots.length}, ZFS)`,
      argv: ['zfs', 'destroy', `${first.dataset}@${names}`],
      root: true,
      risk: ['D'],
      timeoutMs: 5 * MINUTE,
    };
  }
  return {
    id: 'remove-snapshots',
    title: `Remove the setup snapshots (${snapshots.length} copies)`,
    argv: ['rm', '-rf', '--', `${snapshotRoot(setup.prefix)}/${stamp}`],
    root: false,
    risk: ['F'],
    timeoutMs: 10 * MINUTE,
  };
}

export const exeDir = (exe: string): string => dirname(exe);
