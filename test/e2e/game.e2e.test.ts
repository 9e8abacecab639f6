// `nix-mox game` in a real terminal (tmux, the built bundle), driven like a person: a catalog game from the
// pre-flight to its launcher with live installer output and a heartbeat, and League of Legends, which ends at the
// explanation and the Windows VM offer and creates nothing. Wine and the gaming tools are shims on PATH.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeWineBin, nodeDir, shimBin, tempDir, writeTree } from '../game/helpers';
import { TmuxSession, bundlePath } from '../helpers/tmux';

let t: TmuxSession;
let dir: ReturnType<typeof tempDir>;
let home: string;
let root: string;

beforeEach(() => {
  dir = tempDir('nix-mox-game-e2e-');
  home = join(dir.path, 'home');
  root = join(dir.path, 'root');
  writeTree(root, {
    'etc/os-release': 'ID=debian\n',
    'proc/self/limits': 'Max open files            1024                 524288               files     \n',
    'usr/lib/i386-linux-gnu/libvulkan.so.1': '',
  });
  writeTree(home, { 'Downloads/Gw2Setup-64.exe': 'MZ installer' });
  t = TmuxSession.start({
    columns: 100,
    rows: 30,
    env: {
      HOME: home,
      XDG_STATE_HOME: join(home, '.local/state'),
      NIX_MOX_FAKE_INSTALL: 'Program Files/Guild Wars 2/Gw2-64.exe',
      NIX_MOX_FAKE_INSTALL_SECONDS: '10',
    },
  });
  // tmux hands new sessions the client's PATH whatever -e says, so the shell sets it itself.
  t.run(`export PATH=${[shimBin, fakeWineBin, nodeDir, '/usr/bin', '/bin'].join(':')}`);
});
afterEach(() => {
  t.kill();
  dir.cleanup();
});

describe('nix-mox game in a real terminal', () => {
  it('sets up Guild Wars 2: pre-flight, game, runner, installer, live steps, program, done', async () => {
    t.run(`node ${bundlePath} game --root ${root}`);
    let screen = await t.waitFor('enter choose a game', 20_000);
    expect(screen).toMatch(/✓ ok\s+Wine\s+Wine 9\.0/);
    expect(screen).toMatch(/✓ ok\s+Vulkan\s+AMD Radeon RX 6800 XT/);
    await t.pressAndWait('enter');
    await t.waitFor('Which game?');
    await t.pressAndWait('/');
    t.press('Guild');
    await t.waitFor('Filter: Guild');
    await t.pressAndWait('enter');
    screen = await t.waitFor('Run Guild Wars 2 with:');
    expect(screen).toContain('System Wine');
    await t.pressAndWait('enter');
    await t.waitFor('Installer:');
    t.press('~/Downloads/Gw2Setup-64.exe');
    await t.waitFor('Gw2Setup-64.exe');
    await t.pressAndWait('enter');
    await t.waitFor('Prefix:');
    await t.pressAndWait('enter');
    screen = await t.waitFor('enter start');
    expect(screen).toContain('Snapshot the prefix before DXVK (copy)');
    await t.pressAndWait('enter');
    screen = await t.waitFor(/Gw2Setup-64: \d+%/, 20_000);
    expect(screen).toContain('Run the installer Gw2Setup-64.exe');
    expect(screen).toMatch(/log: .*installer\.log/);
    await t.waitFor(/still running, no output for \d+s/, 20_000);
    screen = await t.waitFor('Which program starts the game?', 30_000);
    expect(screen).toContain('Program Files/Guild Wars 2/Gw2-64.exe');
    await t.pressAndWait('enter');
    screen = await t.waitFor('Guild Wars 2 is set up.', 20_000);
    expect(screen).toContain(join(home, 'Games/guild-wars-2/launch.sh'));
    t.press('q');
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);
    expect(readFileSync(join(home, 'Games/guild-wars-2/launch.sh'), 'utf8')).toContain('Gw2-64.exe');
    expect(existsSync(join(home, '.local/share/applications/nix-mox-guild-wars-2.desktop'))).toBe(true);
  }, 120_000);

  it('League of Legends ends at the explanation and the Windows VM offer, creating nothing', async () => {
    t.run(`node ${bundlePath} game --root ${root}`);
    await t.waitFor('enter choose a game', 20_000);
    await t.pressAndWait('enter');
    let screen = await t.waitFor('Which game?');
    expect(screen).toMatch(/› League of Legends\s+✗ blocked by Riot Vanguard/);
    await t.pressAndWait('enter');
    screen = await t.waitFor('The Windows VM instead');
    expect(screen).toContain('League of Legends does not run under Wine or Proton on Linux.');
    expect(screen).toContain('Riot Vanguard');
    expect(screen).toContain('Passthrough section');
    expect(screen).toContain('Nothing was created here for this game.');
    t.press('q');
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);
    expect(existsSync(join(home, 'Games'))).toBe(false);
    expect(existsSync(join(home, '.local/share/applications'))).toBe(false);
  }, 60_000);
});
