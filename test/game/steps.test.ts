// The setup's steps as the runner gets them: exact argv, environment, snapshots before every change.
import { describe, expect, it } from 'vitest';
import { findGame } from '../../src/game/catalog';
import { buildSetupPlan, dxvkVerb, removeSnapshotsStep, setupBlocker } from '../../src/game/steps';
import { allTools, makeSetup, noTools } from './helpers';

const wow = findGame('world-of-warcraft')!;
const STAMP = '20260714T090503Z';
const prefix = '/home/alice/Games/world-of-warcraft';
const wineEnv = (debug: string) => ({ WINEPREFIX: prefix, WINEARCH: 'win64', WINEDEBUG: debug });

describe('setup steps with system Wine', () => {
  const setup = makeSetup({ slug: wow.slug, name: wow.name, game: wow, needs: wow.needs, prefix });
  const plan = buildSetupPlan(setup, STAMP);
  const byId = (id: string) => plan.steps.find((s) => s.id === id)!;

  it('creates the prefix with wineboot --init (64-bit, quiet), skipped when system.reg exists', () => {
    expect(byId('prefix-dir').argv).toEqual(['mkdir', '-p', '--', prefix]);
    expect(byId('prefix-init')).toMatchObject({
      argv: ['wineboot', '--init'],
      env: wineEnv('-all'),
      skipIf: { argv: ['test', '-f', `${prefix}/system.reg`] },
      root: false,
    });
  });

  it('takes a snapshot copy before each dependency step and the installer, and lets Wine settle after each', () => {
    expect(plan.steps.map((s) => s.id)).toEqual([
      'prefix-dir',
      'prefix-init',
      'settle-prefix-init',
      'snapshot-dir',
      'snapshot-verbs',
      'verbs',
      'settle-verbs',
      'snapshot-dxvk',
      'dxvk',
      'settle-dxvk',
      'snapshot-vkd3d',
      'vkd3d',
      'settle-vkd3d',
      'snapshot-installer',
      'installer',
      'settle-installer',
    ]);
    expect(byId('settle-dxvk')).toMatchObject({
      argv: ['/usr/lib/wine/wineserver', '-w'],
      env: { WINEPREFIX: prefix },
    });
    expect(byId('snapshot-dir').argv).toEqual(['mkdir', '-p', '--', `${prefix}.snapshots/${STAMP}`]);
    expect(byId('snapshot-dxvk').argv).toEqual([
      'cp',
      '--reflink=auto',
      '-a',
      '--',
      prefix,
      `${prefix}.snapshots/${STAMP}/02-dxvk`,
    ]);
    expect(plan.undo['dxvk']).toEqual({ kind: 'copy', path: `${prefix}.snapshots/${STAMP}/02-dxvk`, prefix });
    expect(Object.keys(plan.undo)).toEqual(['verbs', 'dxvk', 'vkd3d', 'installer']);
    expect(plan.snapshots).toHaveLength(4);
  });

  it('runs winetricks unattended for the verbs, DXVK and VKD3D-Proton, and the installer with wine', () => {
    expect(byId('verbs')).toMatchObject({
      argv: ['winetricks', '--unattended', 'corefonts'],
      env: wineEnv('fixme-all'),
    });
    expect(byId('dxvk').argv).toEqual(['winetricks', '--unattended', 'dxvk']);
    expect(byId('vkd3d').argv).toEqual(['winetricks', '--unattended', 'vkd3d']);
    expect(byId('installer')).toMatchObject({
      argv: ['wine', '/downloads/TestGameSetup.exe'],
      env: wineEnv('fixme-all'),
    });
    expect(byId('installer').timeoutMs).toBeGreaterThanOrEqual(60 * 60_000);
  });

  it('installs an .msi through msiexec', () => {
    const msi = buildSetupPlan(makeSetup({ installer: '/dl/Game.MSI' }), STAMP);
    expect(msi.steps.find((s) => s.id === 'installer')!.argv).toEqual([
      'wine',
      'msiexec',
      '/i',
      '/dl/Game.MSI',
    ]);
  });

  it('uses DXVK 1.10.3 when the GPU only has Vulkan 1.2', () => {
    expect(dxvkVerb('1.2.182')).toBe('dxvk1103');
    expect(dxvkVerb('1.3.274')).toBe('dxvk');
    expect(dxvkVerb(null)).toBe('dxvk');
    const old = buildSetupPlan(makeSetup({ tools: { ...allTools, vulkanApi: '1.2.182' } }), STAMP);
    expect(old.steps.find((s) => s.id === 'dxvk')!.argv).toEqual(['winetricks', '--unattended', 'dxvk1103']);
  });
});

describe('setup steps with Proton through umu-launcher', () => {
  const setup = makeSetup({ slug: wow.slug, game: wow, needs: wow.needs, prefix, runner: 'umu' });
  const plan = buildSetupPlan(setup, STAMP);
  const umuEnv = { WINEPREFIX: prefix, GAMEID: 'umu-default', PROTONPATH: 'GE-Proton' };

  it('creates the prefix with umu-run "" and runs winetricks and the installer through umu-run', () => {
    const byId = (id: string) => plan.steps.find((s) => s.id === id)!;
    expect(byId('prefix-init')).toMatchObject({ argv: ['umu-run', ''], env: umuEnv });
    expect(byId('verbs')).toMatchObject({ argv: ['umu-run', 'winetricks', 'corefonts'], env: umuEnv });
    expect(byId('installer')).toMatchObject({
      argv: ['umu-run', '/downloads/TestGameSetup.exe'],
      env: umuEnv,
    });
  });

  it('leaves DXVK and VKD3D-Proton to Proton, and needs no wineserver waits (umu waits itself)', () => {
    expect(plan.steps.map((s) => s.id)).toEqual([
      'prefix-dir',
      'prefix-init',
      'snapshot-dir',
      'snapshot-verbs',
      'verbs',
      'snapshot-installer',
      'installer',
    ]);
  });
});

describe('setup steps on a ZFS dataset of its own', () => {
  const setup = makeSetup({ zfsDataset: 'tank/games/test-game' });
  const plan = buildSetupPlan(setup, STAMP);

  it('snapshots with zfs snapshot, undoes with zfs rollback, and needs no snapshot directory', () => {
    const snap = plan.steps.find((s) => s.id === 'snapshot-dxvk')!;
    expect(snap).toMatchObject({
      argv: ['zfs', 'snapshot', `tank/games/test-game@nix-mox-game_${STAMP}_01-dxvk`],
      root: true,
    });
    expect(plan.steps.find((s) => s.id === 'dxvk')!.undo).toEqual([
      'zfs',
      'rollback',
      `tank/games/test-game@nix-mox-game_${STAMP}_01-dxvk`,
    ]);
    expect(plan.steps.some((s) => s.id === 'snapshot-dir')).toBe(false);
  });

  it('removes all of the run’s snapshots in one zfs destroy at the end', () => {
    expect(removeSnapshotsStep(setup, STAMP, plan.snapshots)!.argv).toEqual([
      'zfs',
      'destroy',
      `tank/games/test-game@nix-mox-game_${STAMP}_01-dxvk,nix-mox-game_${STAMP}_02-vkd3d,nix-mox-game_${STAMP}_03-installer`,
    ]);
  });
});

describe('what blocks a setup', () => {
  it('names the missing tool', () => {
    expect(setupBlocker(makeSetup({ tools: noTools }))).toBe('Wine is not installed');
    expect(setupBlocker(makeSetup({ tools: { ...allTools, winetricks: null } }))).toContain('winetricks');
    expect(setupBlocker(makeSetup({ runner: 'umu', tools: { ...allTools, umu: null } }))).toContain(
      'umu-launcher',
    );
    expect(setupBlocker(makeSetup())).toBeNull();
    expect(() => buildSetupPlan(makeSetup({ tools: noTools }), STAMP)).toThrow('Wine is not installed');
  });
});
