// Snapshot and undo of a prefix as copies: the snapshot step as the runner runs it, a prefix changed and broken
// afterwards, and undo that puts back every file, link and mode, proven by comparing the trees.
import {
  appendFileSync,
  chmodSync,
  existsSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseZfsMounts, restoreSnapshot, snapshotRef, snapshotStep } from '../../src/game/snapshot';
import { diffTrees, digestTree } from '../../src/game/tree';
import { runPlan } from '../../src/run/runner';
import { fakeWineBin, nodeDir, tempDir } from './helpers';
import { execFileSync } from 'node:child_process';

let dir: ReturnType<typeof tempDir>;
let prefix: string;
beforeEach(() => {
  dir = tempDir();
  prefix = join(dir.path, 'Games', 'test-game');
  execFileSync(join(fakeWineBin, 'wineboot'), ['--init'], {
    env: { PATH: nodeDir, WINEPREFIX: prefix, HOME: dir.path },
    stdio: 'ignore',
  });
});
afterEach(() => dir.cleanup());

async function takeSnapshot(label: string) {
  const ref = snapshotRef(prefix, null, 'STAMP', 1, label);
  const mkdir = {
    id: 'dir',
    title: 'dir',
    argv: ['mkdir', '-p', join(ref.kind === 'copy' ? ref.path : '', '..')],
    root: false,
    risk: [],
    timeoutMs: 10_000,
  };
  const result = await runPlan(
    { steps: [mkdir, snapshotStep(ref, 'snap', label)] },
    { logDir: join(dir.path, 'logs') },
    () => {},
  );
  expect(result.ok).toBe(true);
  return ref;
}

describe('prefix snapshots as copies', () => {
  it('copies the prefix beside it, links and all', async () => {
    const ref = await takeSnapshot('dxvk');
    expect(ref).toEqual({ kind: 'copy', path: `${prefix}.snapshots/STAMP/01-dxvk`, prefix });
    expect(
      diffTrees(await digestTree(prefix), await digestTree(ref.kind === 'copy' ? ref.path : '')),
    ).toEqual([]);
    expect((await digestTree(prefix)).get('dosdevices/z:')).toBe('l /');
  });

  it('undo puts back a prefix that was changed, broken and added to', async () => {
    const ref = await takeSnapshot('dxvk');
    const before = await digestTree(prefix);
    writeFileSync(join(prefix, 'drive_c/windows/system32/d3d11.dll'), 'MZ dxvk d3d11\n');
    appendFileSync(join(prefix, 'user.reg'), '"d3d11"="native"\n');
    unlinkSync(join(prefix, 'system.reg'));
    rmSync(join(prefix, 'drive_c/windows/Fonts'), { recursive: true });
    writeFileSync(join(prefix, 'drive_c/new-junk.txt'), 'junk');
    chmodSync(join(prefix, 'userdef.reg'), 0o600);
    unlinkSync(join(prefix, 'dosdevices/z:'));
    symlinkSync('/tmp', join(prefix, 'dosdevices/z:'));
    const broken = diffTrees(before, await digestTree(prefix));
    expect(broken.map((d) => `${d.change} ${d.path}`)).toEqual([
      'changed dosdevices/z:',
      'added drive_c/new-junk.txt',
      'removed drive_c/windows/Fonts',
      'changed drive_c/windows/system32/d3d11.dll',
      'removed system.reg',
      'changed user.reg',
      'changed userdef.reg',
    ]);

    const restored = await restoreSnapshot(ref, {
      env: { PATH: `${nodeDir}:/usr/bin:/bin` },
      wineserver: join(fakeWineBin, 'wineserver'),
    });
    expect(restored).toMatchObject({ ok: true, verified: true, differences: [] });
    expect(restored.message).toContain('matches the snapshot file for file');
    expect(diffTrees(before, await digestTree(prefix))).toEqual([]);
  });

  it('says so when the snapshot is gone, and leaves the prefix alone', async () => {
    const ref = await takeSnapshot('vkd3d');
    rmSync(`${prefix}.snapshots`, { recursive: true });
    const r = await restoreSnapshot(ref, { env: {}, wineserver: null });
    expect(r).toMatchObject({ ok: false, verified: false });
    expect(r.message).toContain('is missing');
    expect(existsSync(join(prefix, 'system.reg'))).toBe(true);
  });
});

describe('ZFS mounts', () => {
  it('reads zfs list -H -o name,mountpoint', () => {
    expect(parseZfsMounts('rpool\t/rpool\nrpool/games/wow\t/home/a/Games/wow\nbroken\n')).toEqual([
      { name: 'rpool', mountpoint: '/rpool' },
      { name: 'rpool/games/wow', mountpoint: '/home/a/Games/wow' },
    ]);
  });
});
