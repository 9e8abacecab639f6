// Journey 3: game setup on a NixOS gaming desktop, `nix-mox game` from the pre-flight to the launcher, in a real
// terminal: Cyberpunk 2077 with its winetricks verb, DXVK and VKD3D-Proton (each after a snapshot of the
// prefix), the installer with live output, the program choice, then the launcher, menu entry, Lutris entry and
// the gaming settings saved in the answers so the flake carries them. Wine, winetricks, vulkaninfo, Lutris and
// GameMode/MangoHud are the game test doubles (test/fixtures/game-bin), which record every call.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswersSchema } from '../../src/answers/schema';
import { fakeWineBin, nodeDir, readCalls, shimBin, tempDir, writeTree } from '../game/helpers';
import { repoRoot } from '../helpers/shared';
import { TmuxSession, bundlePath } from '../helpers/tmux';
import { selected } from '../journeys/hub-driver';

let dir: ReturnType<typeof tempDir>;
let t: TmuxSession;
let home: string;
let root: string;
let env: Record<string, string>;

const EXE = 'Program Files/Cyberpunk 2077/bin/x64/Cyberpunk2077.exe';
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(() => {
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build first`);
  dir = tempDir('nix-mox-journey-game-');
  home = join(dir.path, 'home');
  root = join(dir.path, 'root');
  // A NixOS desktop with an AMD card on amdgpu, 32-bit graphics and a high open-file limit.
  writeTree(root, {
    'etc/NIXOS': '',
    'etc/os-release': 'ID=nixos\nNAME=NixOS\n',
    'proc/self/limits': 'Max open files            524288               524288               files     \n',
    'run/opengl-driver-32/lib/libGL.so.1': '',
    'sys/class/drm/card0/device/driver': '-> ../../../../bus/pci/drivers/amdgpu',
    'sys/class/drm/card0/device/vendor': '0x1002\n',
  });
  writeTree(home, { 'Downloads/setup_cyberpunk_2077.exe': 'MZ GOG installer' });
  env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_DATA_HOME: join(home, '.local/share'),
    NIX_MOX_SHIM_LOG: join(dir.path, 'calls.jsonl'),
    NIX_MOX_FAKE_INSTALL: EXE,
    NIX_MOX_FAKE_INSTALL_SECONDS: '2',
    PATH: [shimBin, fakeWineBin, nodeDir, '/usr/bin', '/bin'].join(':'),
  };
  // The desktop's saved answers (as the wizard keeps them), which the game adds its settings to.
  const r = spawnSync(
    process.execPath,
    [
      bundlePath,
      'setup',
      '--answers',
      join(repoRoot, 'test/fixtures/answers/gaming-desktop.json'),
      '--root',
      root,
    ],
    { env: { ...process.env, ...env }, encoding: 'utf8', input: '' },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  t = TmuxSession.start({ columns: 100, rows: 30, env });
});
afterAll(() => {
  t?.kill();
  dir?.cleanup();
});

describe('journey: game setup on a NixOS desktop (tmux, 100x30)', () => {
  it('sets up Cyberpunk 2077 from the pre-flight to its launcher', async () => {
    const answersBefore = JSON.parse(readFileSync(join(home, '.config/nix-mox/answers.json'), 'utf8')) as {
      answers: unknown;
    };
    expect(AnswersSchema.parse(answersBefore.answers).games).toEqual([]);

    // Pre-flight: every check passes on this machine, fixes would be NixOS options.
    t.run(`node ${bundlePath} game --root ${root}`);
    let screen = await t.waitFor('enter choose a game', 20_000);
    expect(screen).toMatch(/^nix-mox game · Pre-flight +NixOS$/m);
    expect(screen).toContain('Pre-flight on NixOS: 11 ok, 0 warning, 0 FAIL');
    expect(screen).toMatch(/✓ ok +Wine +Wine 9\.0\b/);
    expect(screen).toMatch(/✓ ok +Vulkan +AMD Radeon RX 6800 XT \(RADV NAVI21\), Vulkan 1\.3\.274/);
    expect(screen).toMatch(/✓ ok +32-bit graphics +32-bit graphics libraries present/);
    expect(screen).toMatch(/✓ ok +GPU driver +AMD \(amdgpu\) on card0/);
    expect(screen).toMatch(/✓ ok +Open-file limit \(esync\) +hard limit 524288/);

    // The catalog tells the truth about anti-cheat before anything is chosen.
    await t.pressAndWait('enter');
    screen = await t.waitFor('Which game?');
    expect(screen).toMatch(/League of Legends +✗ blocked by Riot Vanguard/);
    expect(screen).toMatch(/Cyberpunk 2077 \(GOG\) +✓ runs \(no anti-cheat\)/);
    await t.pressAndWait('/');
    t.press('Cyber');
    await t.waitFor('Cyber');
    await t.pressAndWait('enter');

    // Runner: the system Wine (Proton through umu-launcher is offered too).
    screen = await t.waitFor('Run Cyberpunk 2077 (GOG) with:');
    expect(selected(screen)).toMatch(/System Wine +Wine 9\.0/);
    expect(screen).toMatch(/Proton \(GE-Proton through umu-launcher\) +umu-run found/);
    await t.pressAndWait('enter');

    // Installer and prefix.
    await t.waitFor('Installer:');
    t.press('~/Downloads/setup_cyberpunk_2077.exe');
    await t.waitFor('setup_cyberpunk_2077.exe');
    await t.pressAndWait('enter');
    screen = await t.waitFor(`Prefix: ${home}/Games/cyberpunk-2077`);
    await t.pressAndWait('enter');

    // Review: each dependency after a snapshot of the prefix, then the installer.
    screen = await t.waitFor('enter start');
    const review = screen.split('\n');
    const row = (text: string) => review.findIndex((l) => l.includes(text));
    expect(row('Create the Wine prefix (wineboot --init, 64-bit)')).toBeGreaterThan(0);
    expect(row('Snapshot the prefix before the winetricks verbs (copy)')).toBeLessThan(
      row('Install vcrun2022 with winetricks'),
    );
    expect(row('Snapshot the prefix before DXVK (copy)')).toBeLessThan(row('Install DXVK'));
    expect(row('Snapshot the prefix before VKD3D-Proton (copy)')).toBeLessThan(row('Install VKD3D-Proton'));
    expect(row('Snapshot the prefix before the installer (copy)')).toBeLessThan(
      row('Run the installer setup_cyberpunk_2077.exe'),
    );
    expect(squash(screen)).toContain(squash('a failed step is undone with one key'));
    await t.pressAndWait('enter');

    // The steps run with live output; the installer's progress and its log path are on screen.
    screen = await t.waitFor('setup_cyberpunk_2077: 50%', 30_000);
    expect(screen).toMatch(/✓ Install vcrun2022 with winetricks \(\d+s\)/);
    expect(screen).toMatch(/✓ Install VKD3D-Proton \(Direct3D 12 on Vulkan\) \(\d+s\)/);
    expect(screen).toMatch(/\S Run the installer setup_cyberpunk_2077\.exe \d+s/);
    expect(screen).toMatch(/log: .*installer\.log/);

    // The program that starts the game, found in the prefix.
    screen = await t.waitFor('Which program starts the game?', 30_000);
    expect(selected(screen)).toContain('Program Files/Cyberpunk 2077/bin/x64/Cyberpunk2');
    await t.pressAndWait('enter');

    // Done: where the launcher, menu entry and Lutris entry are, and what went into the answers.
    screen = await t.waitFor('✓ Cyberpunk 2077 (GOG) is set up.', 20_000);
    const prefix = join(home, 'Games/cyberpunk-2077');
    // Long paths wrap at 100 columns: compare without the whitespace.
    const done = squash(screen);
    expect(done).toContain(squash(`Launcher: ${prefix}/launch.sh`));
    expect(done).toContain(
      squash(`Menu entry: ${home}/.local/share/applications/nix-mox-cyberpunk-2077.desktop`),
    );
    expect(done).toMatch(new RegExp(`Lutris:${home}/\\.local/share/lutris/games/cyberpunk-2077-\\d+\\.yml`));
    expect(done).toContain(
      squash(
        'gaming steam, lutris, wine, dxvk, vkd3d, mangohud, gamemode; the flake carries them at the next apply.',
      ),
    );
    t.press('q');
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);

    // The prefix: 64-bit, with the verb, DXVK and VKD3D-Proton in it, and the game installed.
    expect(readFileSync(join(prefix, 'system.reg'), 'utf8')).toContain('#arch=win64');
    expect(readFileSync(join(prefix, 'winetricks.log'), 'utf8')).toBe('vcrun2022\ndxvk\nvkd3d\n');
    expect(existsSync(join(prefix, 'drive_c/windows/system32/d3d12.dll'))).toBe(true);
    expect(existsSync(join(prefix, 'drive_c', EXE))).toBe(true);
    // The setup snapshots are removed once everything succeeded.
    expect(readdirSync(`${prefix}.snapshots`)).toEqual([]);

    // The launcher, the menu entry and the Lutris entry.
    const launcher = readFileSync(join(prefix, 'launch.sh'), 'utf8');
    expect(launcher).toContain(`export WINEPREFIX='${prefix}'`);
    expect(launcher).toContain(`set -- wine '${prefix}/drive_c/${EXE}' "$@"`);
    expect(launcher).toContain('set -- gamemoderun "$@"');
    expect(launcher).toContain('set -- mangohud "$@"');
    expect(
      readFileSync(join(home, '.local/share/applications/nix-mox-cyberpunk-2077.desktop'), 'utf8'),
    ).toContain(`Exec=${prefix}/launch.sh`);
    const lutrisDir = join(home, '.local/share/lutris/games');
    const [lutrisFile] = readdirSync(lutrisDir);
    const lutris = readFileSync(join(lutrisDir, lutrisFile!), 'utf8');
    expect(lutris).toContain(`prefix: ${prefix}`);
    expect(lutris).toMatch(/wine:\n {2}version: system\n {2}dxvk: true\n {2}vkd3d: true\n/);
    if (spawnSync('sh', ['-c', 'command -v sqlite3']).status === 0) {
      expect(readFileSync(join(home, '.local/share/lutris/pga.db')).includes('cyberpunk-2077')).toBe(true);
    }

    // On NixOS the game and what it needs are in the answers, for the flake.
    const after = JSON.parse(readFileSync(join(home, '.config/nix-mox/answers.json'), 'utf8')) as {
      answers: unknown;
    };
    const answers = AnswersSchema.parse(after.answers);
    expect(answers.games).toEqual([{ slug: 'cyberpunk-2077', prefix, runner: 'wine' }]);
    expect(answers.gaming).toEqual(expect.arrayContaining(['wine', 'dxvk', 'vkd3d', 'mangohud', 'gamemode']));

    // The commands the game tools received, in order, each in this game's prefix.
    const calls = readCalls(env['NIX_MOX_SHIM_LOG']!).filter((c) => !c.argv.includes('--version'));
    const inPrefix = calls.filter((c) => c.cmd !== 'vulkaninfo' && c.cmd !== 'wineserver');
    expect(inPrefix.map((c) => [c.cmd, ...c.argv].join(' '))).toEqual([
      'wineboot --init',
      'winetricks --unattended vcrun2022',
      'winetricks --unattended dxvk',
      'winetricks --unattended vkd3d',
      `wine ${home}/Downloads/setup_cyberpunk_2077.exe`,
    ]);
    for (const c of inPrefix) expect(c.env).toMatchObject({ WINEPREFIX: prefix, WINEARCH: 'win64' });
  }, 60_000);
});
