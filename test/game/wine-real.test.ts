// Acceptance with the real Wine (Debian's wine/wine64): one prefix for the file, made by the setup's own steps
// through the runner (wineboot --init, 64-bit, quiet, no display); snapshot, break, undo, and find it as it was.
// The failing dependency step uses the winetricks shim (no downloads), which half-installs and fails.
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoFailedStep, undoFor, type PhaseContext } from '../../src/game/flow';
import { createGameHost } from '../../src/game/host';
import { findTools } from '../../src/game/preflight/index';
import { restoreSnapshot, snapshotTree } from '../../src/game/snapshot';
import { type SetupPlan, buildSetupPlan } from '../../src/game/steps';
import { diffTrees, digestTree } from '../../src/game/tree';
import type { GameSetup } from '../../src/game/types';
import { runPlan } from '../../src/run/runner';
import type { RunEvent } from '../../src/run/types';
import { makeSetup, shimBin, tempDir } from './helpers';

delete process.env['DISPLAY'];
delete process.env['WAYLAND_DISPLAY'];

const haveWine = existsSync('/usr/bin/wine') && existsSync('/usr/bin/wineboot');
let dir: ReturnType<typeof tempDir>;
let setup: GameSetup;
let plan: SetupPlan;
const env = (): Record<string, string> => ({ PATH: `${shimBin}:${process.env['PATH']}`, HOME: dir.path });

async function run(ids: string[], extra: Record<string, string> = {}) {
  const steps = plan.steps.filter((s) => ids.includes(s.id));
  expect(steps.map((s) => s.id)).toEqual(ids);
  const events: RunEvent[] = [];
  const result = await runPlan(
    { steps },
    { logDir: join(dir.path, 'logs', ids[0]!), env: { ...env(), ...extra } },
    (e) => events.push(e),
  );
  return { result, events };
}

describe.skipIf(!haveWine)('a real Wine prefix', () => {
  beforeAll(async () => {
    dir = tempDir('nix-mox-wine-');
    const tools = await findTools(createGameHost('/', env()));
    expect(tools.wine?.version).toMatch(/^\d+\.\d+/);
    expect(tools.wineserver).not.toBeNull();
    setup = makeSetup({
      home: dir.path,
      prefix: join(dir.path, 'Games', 'real-wine'),
      dataHome: join(dir.path, '.local/share'),
      configHome: join(dir.path, '.config'),
      tools: { ...tools, vulkanApi: '1.3.274' },
      needs: { verbs: [], dxvk: false, vkd3d: true, env: {}, exeNames: [] },
    });
    plan = buildSetupPlan(setup, '20260714T090503Z');
    const { result } = await run(['prefix-dir', 'prefix-init', 'settle-prefix-init']);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }, 240_000);
  afterAll(() => dir?.cleanup());

  it('wineboot --init made a 64-bit prefix with drive_c and the registry files', () => {
    const p = setup.prefix;
    for (const d of [
      'drive_c/windows/system32',
      'drive_c/Program Files',
      'drive_c/Program Files (x86)',
      'drive_c/users',
    ]) {
      expect(existsSync(join(p, d)), d).toBe(true);
    }
    for (const reg of ['system.reg', 'user.reg', 'userdef.reg']) {
      const text = readFileSync(join(p, reg), 'utf8');
      expect(text.startsWith('WINE REGISTRY Version 2\n'), reg).toBe(true);
      expect(text, reg).toContain('#arch=win64');
    }
    expect(readFileSync(join(p, 'system.reg'), 'utf8')).toContain(
      '[Software\\\\Microsoft\\\\Windows NT\\\\CurrentVersion]',
    );
  });

  it('snapshot, break on purpose, undo: the prefix is as it was', async () => {
    const { result } = await run(['snapshot-dir', 'snapshot-vkd3d']);
    expect(result.ok).toBe(true);
    const ref = plan.undo['vkd3d']!;
    const before = await digestTree(setup.prefix);
    expect(diffTrees(before, await digestTree(snapshotTree(ref)!))).toEqual([]);

    unlinkSync(join(setup.prefix, 'system.reg'));
    writeFileSync(join(setup.prefix, 'user.reg'), 'garbage\n');
    rmSync(join(setup.prefix, 'drive_c/windows/system32/kernel32.dll'));
    writeFileSync(join(setup.prefix, 'drive_c/broken.txt'), 'broken on purpose');
    expect(diffTrees(before, await digestTree(setup.prefix)).length).toBe(4);

    const restored = await restoreSnapshot(ref, { env: env(), wineserver: setup.tools.wineserver });
    expect(restored).toMatchObject({ ok: true, verified: true, differences: [] });
    expect(diffTrees(before, await digestTree(setup.prefix))).toEqual([]);
  }, 120_000);

  it('a failed dependency step shows its log and is undone in one call; the prefix equals its snapshot', async () => {
    const ref = plan.undo['vkd3d']!;
    const snapshot = await digestTree(snapshotTree(ref)!);
    const { result, events } = await run(['vkd3d', 'settle-vkd3d'], { NIX_MOX_FAIL_VERB: 'vkd3d' });
    expect(result).toMatchObject({ ok: false, failedStepId: 'vkd3d' });
    const log = result.logPaths['vkd3d']!;
    expect(readFileSync(log, 'utf8')).toContain('returned status 1. Aborting.');
    expect(events.some((e) => e.type === 'end' && e.stepId === 'vkd3d' && e.code === 1)).toBe(true);
    expect(diffTrees(snapshot, await digestTree(setup.prefix)).map((d) => d.path)).toEqual([
      'drive_c/windows/system32/d3d12.dll',
      'user.reg',
    ]);

    const ctx: PhaseContext = {
      setup,
      stamp: '20260714T090503Z',
      logDir: join(dir.path, 'logs'),
      runPlan,
      env: env(),
    };
    expect(undoFor(plan, result)).toEqual(ref);
    const undone = await undoFailedStep(ctx, plan, result);
    expect(undone).toMatchObject({ ok: true, verified: true });
    expect(diffTrees(snapshot, await digestTree(setup.prefix))).toEqual([]);
  }, 120_000);
});
