// The game wizard on a test terminal, over the real pre-flight, runner and undo (fixture root, shims on PATH,
// fake Wine): pre-flight with fixes, League of Legends refused with the VM offer, a game set up end to end, and a
// failed step undone with one key.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context';
import { diffTrees, digestTree } from '../../src/game/tree';
import type { PreflightReport } from '../../src/game/types';
import { realDeps } from '../../screens/game/deps';
import { GameWizard } from '../../screens/game/GameWizard';
import { PreflightView } from '../../screens/game/PreflightView';
import { renderScreen } from '../helpers/screen';
import { fakeWineBin, nodeDir, shimBin, tempDir, writeTree } from './helpers';

let dir: ReturnType<typeof tempDir>;
let home: string;
let root: string;
beforeEach(() => {
  dir = tempDir();
  home = join(dir.path, 'home');
  root = join(dir.path, 'root');
  writeTree(root, { 'etc/NIXOS': '', 'proc/self/limits': 'Max open files  1024  4096  files\n' });
  writeTree(home, { 'Downloads/Gw2Setup-64.exe': 'MZ installer' });
});
afterEach(() => dir.cleanup());

function deps(extra: Record<string, string> = {}) {
  const ctx = {
    global: {
      root,
      dryRun: false,
      answers: undefined,
      yes: false,
      logDir: join(dir.path, 'logs'),
      json: false,
    },
    args: [],
    opts: {},
    io: {
      env: { HOME: home, PATH: [shimBin, fakeWineBin, nodeDir, '/usr/bin', '/bin'].join(':'), ...extra },
    },
  } as unknown as CommandContext;
  return realDeps(ctx);
}

async function wizard(extra: Record<string, string> = {}) {
  let code: number | null = null;
  const s = await renderScreen(<GameWizard deps={deps(extra)} onExit={(c) => (code = c)} />, {
    columns: 110,
    rows: 34,
  });
  return { s, code: () => code };
}

describe('pre-flight screen', () => {
  const report: PreflightReport = {
    nixos: true,
    tools: {} as PreflightReport['tools'],
    checks: [
      { id: 'wine', title: 'Wine', status: 'pass', detail: 'Wine 9.0 (/usr/bin/wine)', fix: null },
      {
        id: 'graphics32',
        title: '32-bit graphics',
        status: 'warn',
        detail: '32-bit graphics missing',
        fix: { kind: 'nixos', text: 'hardware.graphics.enable32Bit = true;' },
      },
      {
        id: 'vulkan',
        title: 'Vulkan',
        status: 'fail',
        detail: 'vulkaninfo not found',
        fix: { kind: 'nixos', text: 'hardware.graphics.enable = true;' },
      },
    ],
  };

  it('shows each check with a symbol and a word, and the NixOS fix under anything not ok', async () => {
    const s = await renderScreen(<PreflightView report={report} cursor={0} rows={30} />);
    const frame = s.frame();
    expect(frame).toContain('1 ok, 1 warning, 1 FAIL');
    expect(frame).toMatch(/› ✓ ok\s+Wine\s+Wine 9\.0/);
    expect(frame).toMatch(/! warning\s+32-bit graphics/);
    expect(frame).toContain('NixOS: hardware.graphics.enable32Bit = true;');
    expect(frame).toMatch(/✗ FAIL\s+Vulkan/);
    expect(frame).toContain('enter choose a game');
    s.unmount();
  });

  it('on a short terminal shows only the fix of the check under the cursor', async () => {
    const s = await renderScreen(<PreflightView report={report} cursor={2} rows={8} />);
    expect(s.frame()).toContain('NixOS: hardware.graphics.enable = true;');
    expect(s.frame()).not.toContain('enable32Bit');
    s.unmount();
  });
});

describe('game wizard', () => {
  it('refuses League of Legends with the explanation and the Windows VM offer, creating nothing', async () => {
    const { s } = await wizard();
    await s.waitFor('enter choose a game', 10_000);
    expect(s.frame()).toContain('Open-file limit (esync)');
    expect(s.frame()).toContain('security.pam.loginLimits');
    expect(s.frame()).toMatch(/› ✓ ok\s+Wine/);
    expect(await s.press('j')).toMatch(/› ✓ ok\s+winetricks/);
    await s.press('r');
    await s.waitFor('enter choose a game', 10_000);
    await s.press('enter');
    await s.waitFor('Which game?');
    expect(s.frame()).toMatch(/League of Legends\s+✗ blocked by Riot Vanguard/);
    await s.press('enter');
    const frame = await s.waitFor('The Windows VM instead');
    expect(frame).toContain('League of Legends does not run under Wine or Proton on Linux.');
    expect(frame).toContain('Since 2024 League of Legends requires Riot Vanguard');
    expect(frame).toContain('Passthrough section');
    await s.press('escape');
    await s.waitFor('Which game?');
    expect(existsSync(join(home, 'Games'))).toBe(false);
    s.unmount();
  });

  it('sets up a catalog game: runner, installer, review, live steps, the program, done', async () => {
    const { s, code } = await wizard({ NIX_MOX_FAKE_INSTALL: 'Program Files/Guild Wars 2/Gw2-64.exe' });
    await s.waitFor('enter choose a game', 10_000);
    await s.press('enter');
    await s.waitFor('Which game?');
    await s.type('/Guild');
    await s.press('enter');
    await s.waitFor('Run Guild Wars 2 with:');
    expect(s.frame()).toContain('System Wine');
    await s.press('enter');
    await s.waitFor('Installer:');
    await s.type('~/Downloads/Gw2Setup-64.exe');
    await s.press('enter');
    await s.waitFor('Prefix:');
    expect(s.frame()).toContain(join(home, 'Games/guild-wars-2'));
    await s.press('enter');
    await s.waitFor('enter start', 10_000);
    expect(s.frame()).toContain('Create the Wine prefix (wineboot --init, 64-bit)');
    expect(s.frame()).toMatch(/\[FN\] Install DXVK/);
    await s.press('enter');
    await s.waitFor('Which program starts the game?', 20_000);
    expect(s.frame()).toContain('Program Files/Guild Wars 2/Gw2-64.exe');
    await s.press('enter');
    const done = await s.waitFor('Guild Wars 2 is set up.', 20_000);
    expect(done).toContain(join(home, 'Games/guild-wars-2/launch.sh'));
    expect(done).toContain('No saved nix-mox answers');
    expect(readFileSync(join(home, 'Games/guild-wars-2/launch.sh'), 'utf8')).toContain('Gw2-64.exe');
    await s.pressNoChange('q');
    expect(code()).toBe(0);
    s.unmount();
  });

  it('shows a failed dependency step with its log, and u puts the prefix back as its snapshot', async () => {
    const { s, code } = await wizard({ NIX_MOX_FAIL_VERB: 'vkd3d' });
    await s.waitFor('enter choose a game', 10_000);
    await s.press('enter');
    await s.waitFor('Which game?');
    await s.type('/Witcher');
    await s.press('enter');
    await s.waitFor('Run The Witcher 3');
    await s.press('enter');
    await s.waitFor('Installer:');
    await s.type('~/Downloads/Gw2Setup-64.exe');
    await s.press('enter');
    await s.waitFor('Prefix:');
    await s.press('enter');
    await s.waitFor('enter start', 10_000);
    await s.press('enter');
    const failed = await s.waitFor(/Press u to put it\s+back/, 20_000);
    expect(failed).toContain('Failed: Install VKD3D-Proton (Direct3D 12 on Vulkan) (exit 1)');
    expect(failed).toContain('returned status 1. Aborting.');
    expect(failed).toMatch(/Full log: .*\/setup\/vkd3d\.log/);
    expect(failed).toContain('u undo this step');

    const prefix = join(home, 'Games/the-witcher-3');
    const snapshotDir = /\(([^)]+\/02-vkd3d)\)/.exec(failed.replace(/\n/g, ''))?.[1];
    expect(snapshotDir).toBeDefined();
    expect(diffTrees(await digestTree(snapshotDir!), await digestTree(prefix)).length).toBeGreaterThan(0);
    await s.press('u');
    await s.waitFor(/matches\s+the\s+snapshot\s+file\s+for\s+file/, 20_000);
    expect(diffTrees(await digestTree(snapshotDir!), await digestTree(prefix))).toEqual([]);
    expect(s.frame()).not.toContain('u undo this step');
    await s.pressNoChange('q');
    expect(code()).toBe(1);
    s.unmount();
  });
});

describe('stopping a run', () => {
  it('Ctrl-C asks, y stops the installer and everything it started, and the prefix can then be undone', async () => {
    const { s, code } = await wizard({ NIX_MOX_FAKE_INSTALL_SECONDS: '60' });
    await s.waitFor('enter choose a game', 10_000);
    await s.press('enter');
    await s.waitFor('Which game?');
    await s.type('/Path of');
    await s.press('enter');
    await s.waitFor('Run Path of Exile with:');
    await s.press('enter');
    await s.waitFor('Installer:');
    await s.type('~/Downloads/Gw2Setup-64.exe');
    await s.press('enter');
    await s.waitFor('Prefix:');
    await s.press('enter');
    await s.waitFor('enter start', 10_000);
    await s.press('enter');
    await s.waitFor('Gw2Setup-64: extracting files', 20_000);
    await s.press('ctrlC');
    await s.waitFor('Stop the running step?');
    await s.press('y');
    const stopped = await s.waitFor(/Press u to put it\s+back/, 20_000);
    expect(stopped).toContain('Stopped: Run the installer Gw2Setup-64.exe');
    await s.press('u');
    await s.waitFor(/matches\s+the\s+snapshot\s+file\s+for\s+file/, 20_000);
    await s.pressNoChange('q');
    expect(code()).toBe(130);
    s.unmount();
  });
});
