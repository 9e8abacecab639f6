// A prefix that is a ZFS dataset of its own: found with `zfs list`, snapshotted with `zfs snapshot` before each
// change, a failed step undone with `zfs rollback`, and the run's snapshots destroyed at the end (zfs shim).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findGame } from '../../src/game/catalog';
import { finishPlanFor, undoFailedStep, type PhaseContext } from '../../src/game/flow';
import { createGameHost } from '../../src/game/host';
import { findPrefixDataset } from '../../src/game/snapshot';
import { buildSetupPlan } from '../../src/game/steps';
import { runPlan } from '../../src/run/runner';
import { type ShimEnv, makeShimEnv } from '../helpers/shim-env';
import { allTools, fakeWineBin, makeSetup, nodeDir, shimBin, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
let shims: ShimEnv;
let prefix: string;
const STAMP = '20260714T090503Z';
const dataset = 'tank/games/guild-wars-2';

beforeEach(() => {
  dir = tempDir();
  prefix = join(dir.path, 'Games/guild-wars-2');
  mkdirSync(prefix, { recursive: true });
  shims = makeShimEnv({
    state: {
      zfs: {
        pools: [{ name: 'tank', health: 'ONLINE', sizeBytes: 1e12, allocBytes: 1e11, layout: 'mirror' }],
        datasets: [
          { name: 'tank', properties: { mountpoint: '/tank' } },
          { name: 'tank/games', properties: { mountpoint: join(dir.path, 'Games') } },
          { name: dataset, properties: { mountpoint: prefix } },
        ],
        snapshots: [],
      },
    },
  });
});
afterEach(() => {
  shims.cleanup();
  dir.cleanup();
});

const env = (extra: Record<string, string> = {}) => ({
  ...shims.env,
  PATH: [shimBin, fakeWineBin, shims.env.PATH.split(':')[0]!, nodeDir, '/usr/bin', '/bin'].join(':'),
  HOME: dir.path,
  ...extra,
});
const snapshots = () =>
  ((shims.state('zfs') as { snapshots: { name: string }[] }).snapshots ?? []).map((s) => s.name);

describe('a prefix on its own ZFS dataset', () => {
  it('is found by its mountpoint, and a plain directory is not', async () => {
    const host = createGameHost('/', env());
    expect(await findPrefixDataset(host, prefix)).toBe(dataset);
    expect(await findPrefixDataset(host, join(dir.path, 'Games/other'))).toBeNull();
    expect(await findPrefixDataset(createGameHost('/', { PATH: nodeDir }), prefix)).toBeNull();
  });

  it('takes ZFS snapshots before each change, rolls a failed step back, and destroys the snapshots at the end', async () => {
    const gw2 = findGame('guild-wars-2')!;
    const setup = makeSetup({
      home: dir.path,
      dataHome: join(dir.path, '.local/share'),
      configHome: join(dir.path, '.config'),
      slug: gw2.slug,
      name: gw2.name,
      game: gw2,
      needs: { ...gw2.needs, vkd3d: true },
      prefix,
      installer: join(dir.path, 'Gw2Setup-64.exe'),
      tools: { ...allTools, wineserver: join(fakeWineBin, 'wineserver'), lutris: null },
      zfsDataset: await findPrefixDataset(createGameHost('/', env()), prefix),
    });
    writeFileSync(setup.installer, 'MZ installer');
    const plan = buildSetupPlan(setup, STAMP);
    const ctx: PhaseContext = { setup, stamp: STAMP, logDir: join(dir.path, 'logs'), env: env(), runPlan };
    const failed = await runPlan(
      plan,
      { logDir: join(dir.path, 'logs/1'), env: env({ NIX_MOX_FAIL_VERB: 'vkd3d' }) },
      () => {},
    );
    expect(failed.failedStepId).toBe('vkd3d');
    expect(snapshots()).toEqual([
      `${dataset}@nix-mox-game_${STAMP}_01-dxvk`,
      `${dataset}@nix-mox-game_${STAMP}_02-vkd3d`,
    ]);

    const undone = await undoFailedStep(ctx, plan, failed);
    expect(undone).toMatchObject({ ok: true, verified: false });
    expect(undone?.message).toBe(`prefix rolled back to ${dataset}@nix-mox-game_${STAMP}_02-vkd3d`);
    expect(
      shims
        .calls()
        .filter((c) => c.cmd === 'zfs')
        .map((c) => c.argv.join(' ')),
    ).toContain(`rollback ${dataset}@nix-mox-game_${STAMP}_02-vkd3d`);

    const rest = await runPlan(
      plan,
      { logDir: join(dir.path, 'logs/1'), env: env(), resume: true },
      () => {},
    );
    expect(rest.ok, JSON.stringify(rest)).toBe(true);
    const finish = finishPlanFor(ctx, plan, join(prefix, 'drive_c/Program Files/Game/Game.exe'), new Date(0));
    expect(finish.steps.at(-1)!.argv).toEqual([
      'zfs',
      'destroy',
      `${dataset}@nix-mox-game_${STAMP}_01-dxvk,nix-mox-game_${STAMP}_02-vkd3d,nix-mox-game_${STAMP}_03-installer`,
    ]);
    const done = await runPlan(finish, { logDir: join(dir.path, 'logs/2'), env: env() }, () => {});
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect(snapshots()).toEqual([]);
  });
});
