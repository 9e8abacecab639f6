// The launcher script: its text, shellcheck, and what it really runs (argv and environment) with and without
// GameMode and MangoHud installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launcherScript, shellQuote } from '../../src/game/launcher';
import { fakeWineBin, makeSetup, nodeDir, readCalls, shimBin, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('launcher script', () => {
  it('quotes every value so nothing in a path can break out', () => {
    expect(shellQuote("it's $HOME `x`")).toBe(`'it'\\''s $HOME \`x\`'`);
    expect(() => shellQuote('a\0b')).toThrow('NUL');
  });

  it('is the script we expect for system Wine, and shellcheck finds nothing', () => {
    const setup = makeSetup({
      needs: { verbs: [], dxvk: true, vkd3d: false, env: { DXVK_ASYNC: '1' }, exeNames: [] },
    });
    const exe = `${setup.prefix}/drive_c/Program Files/Test Game/Game.exe`;
    const script = launcherScript(setup, exe);
    expect(script).toBe(
      [
        '#!/bin/sh',
        '# Test Game: written by `nix-mox game`; run it again to change this file.',
        "export WINEPREFIX='/home/alice/Games/test-game'",
        "export WINEARCH='win64'",
        "export WINEDEBUG='-all'",
        "export DXVK_ASYNC='1'",
        "cd '/home/alice/Games/test-game/drive_c/Program Files/Test Game' || exit 1",
        `set -- wine '${exe}' "$@"`,
        'if command -v mangohud >/dev/null 2>&1; then set -- mangohud "$@"; fi',
        'if command -v gamemoderun >/dev/null 2>&1; then set -- gamemoderun "$@"; fi',
        'exec "$@"',
        '',
      ].join('\n'),
    );
    const file = join(dir.path, 'launch.sh');
    writeFileSync(file, script);
    execFileSync('shellcheck', ['-s', 'sh', file]);
  });

  it('rejects environment names that are not variable names', () => {
    const setup = makeSetup({
      needs: { verbs: [], dxvk: true, vkd3d: false, env: { 'BAD NAME': '1' }, exeNames: [] },
    });
    expect(() => launcherScript(setup, '/x.exe')).toThrow("env: 'BAD NAME' is not a variable name");
  });

  function runLauncher(runner: 'wine' | 'umu', path: string[]) {
    const prefix = join(dir.path, "Games/it's here");
    const exe = join(prefix, 'drive_c/Program Files/Test Game/Game.exe');
    mkdirSync(join(prefix, 'drive_c/Program Files/Test Game'), { recursive: true });
    writeFileSync(exe, 'MZ');
    const setup = makeSetup({ prefix, runner });
    const launcher = join(prefix, 'launch.sh');
    writeFileSync(launcher, launcherScript(setup, exe), { mode: 0o755 });
    const log = join(dir.path, 'calls.jsonl');
    const r = spawnSync(launcher, ['-windowed'], {
      env: { PATH: [...path, nodeDir].join(':'), HOME: dir.path, NIX_MOX_SHIM_LOG: log },
      encoding: 'utf8',
    });
    return { r, calls: readCalls(log), prefix, exe };
  }

  it('runs gamemoderun, then mangohud, then wine with the game and its arguments, in the game directory', () => {
    const { r, calls, prefix, exe } = runLauncher('wine', [shimBin, fakeWineBin]);
    expect(r.status).toBe(0);
    expect(calls.map((c) => [c.cmd, c.argv])).toEqual([
      ['gamemoderun', ['mangohud', 'wine', exe, '-windowed']],
      ['mangohud', ['wine', exe, '-windowed']],
      ['wine', [exe, '-windowed']],
    ]);
    expect(calls[2]!.env).toEqual({
      MANGOHUD: '1',
      NIX_MOX_GAMEMODE: '1',
      WINEARCH: 'win64',
      WINEDEBUG: '-all',
      WINEPREFIX: prefix,
    });
    expect(calls[2]!.cwd).toBe(join(prefix, 'drive_c/Program Files/Test Game'));
  });

  it('runs wine directly when GameMode and MangoHud are not installed', () => {
    const { r, calls, exe } = runLauncher('wine', [fakeWineBin]);
    expect(r.status).toBe(0);
    expect(calls.map((c) => [c.cmd, c.argv])).toEqual([['wine', [exe, '-windowed']]]);
    expect(calls[0]!.env['MANGOHUD']).toBeUndefined();
  });

  it('runs umu-run with GE-Proton for Proton games', () => {
    const { r, calls, prefix, exe } = runLauncher('umu', [shimBin]);
    expect(r.status).toBe(0);
    const umu = calls.find((c) => c.cmd === 'umu-run')!;
    expect(umu.argv).toEqual([exe, '-windowed']);
    expect(umu.env).toEqual({
      GAMEID: 'umu-default',
      MANGOHUD: '1',
      NIX_MOX_GAMEMODE: '1',
      PROTONPATH: 'GE-Proton',
      WINEPREFIX: prefix,
    });
  });
});
