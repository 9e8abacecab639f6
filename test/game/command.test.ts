// `nix-mox game` without a terminal: --list, the League of Legends refusal, and the whole setup with
// --game/--installer/--yes over shims (fake Wine, winetricks, vulkaninfo, umu-run, lutris, gamemoderun, mangohud):
// the exact commands and environment, the files written, Lutris' library, the answers on NixOS, undo.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAnswers, emptyReport } from '../../src/answers/defaults';
import { openAnswersStore } from '../../src/answers/store';
import { runCli } from '../../src/cli';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../src/exit-codes';
import { diffTrees, digestTree } from '../../src/game/tree';
import { captureIo } from '../helpers/cli-io';
import { fakeWineBin, nodeDir, readCalls, shimBin, tempDir, writeTree } from './helpers';

let dir: ReturnType<typeof tempDir>;
let home: string;
let root: string;
let log: string;
beforeEach(() => {
  dir = tempDir();
  home = join(dir.path, 'home');
  root = join(dir.path, 'root');
  log = join(dir.path, 'calls.jsonl');
  writeTree(root, {
    'etc/os-release': 'ID=debian\n',
    'proc/self/limits': 'Max open files            1024                 524288               files     \n',
  });
  writeTree(home, { 'Downloads/Battle.net-Setup.exe': 'MZ installer' });
});
afterEach(() => dir.cleanup());

function env(extra: Record<string, string> = {}) {
  return {
    HOME: home,
    PATH: [shimBin, fakeWineBin, nodeDir, '/usr/bin', '/bin'].join(':'),
    NIX_MOX_SHIM_LOG: log,
    XDG_STATE_HOME: join(home, '.local/state'),
    ...extra,
  };
}

async function game(args: string[], extra: Record<string, string> = {}) {
  const io = captureIo({ env: env(extra) });
  const code = await runCli(['game', '--root', root, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const installer = () => join(home, 'Downloads/Battle.net-Setup.exe');
const WOW_EXE = 'Program Files (x86)/Battle.net/Battle.net Launcher.exe';

describe('nix-mox game --list', () => {
  it('lists the catalog with anti-cheat verdicts', async () => {
    const r = await game(['--list']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/league-of-legends\s+League of Legends\s+✗ blocked by Riot Vanguard/);
    expect(r.out).toMatch(/guild-wars-2\s+Guild Wars 2\s+✓ runs \(no anti-cheat\)/);
    expect(r.out).toContain('nix-mox game --name NAME --installer PATH --yes');
  });
  it('prints JSON with --json', async () => {
    const r = await game(['--list', '--json']);
    const list = JSON.parse(r.out) as { slug: string; antiCheat: { verdict: string } }[];
    expect(list.find((g) => g.slug === 'league-of-legends')?.antiCheat.verdict).toBe('blocked');
  });
});

describe('nix-mox game usage', () => {
  it('needs a terminal for the wizard', async () => {
    const r = await game([]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toContain('--game SLUG --installer PATH --yes');
  });
  it('needs --yes, a known game, and an installer', async () => {
    expect((await game(['--game', 'guild-wars-2', '--installer', installer()])).code).toBe(EXIT_USAGE);
    const typo = await game(['--game', 'guild-wars', '--installer', installer(), '--yes']);
    expect(typo.code).toBe(EXIT_USAGE);
    expect(typo.err).toContain("did you mean 'guild-wars-2'");
    const none = await game(['--game', 'guild-wars-2', '--yes']);
    expect(none.err).toContain('--installer PATH is required');
    const notExe = await game(['--game', 'guild-wars-2', '--installer', join(home, 'x.zip'), '--yes']);
    expect(notExe.code).toBe(EXIT_USAGE);
    expect(notExe.err).toContain('installer: ');
  });
});

describe('nix-mox game --dry-run', () => {
  it('prints the steps and changes nothing', async () => {
    const r = await game(['--game', 'world-of-warcraft', '--installer', installer(), '--yes', '--dry-run']);
    expect(r.code, r.err).toBe(EXIT_OK);
    expect(r.out).toContain('[F] Create the Wine prefix (wineboot --init, 64-bit)');
    expect(r.out).toContain('[FN] Install corefonts with winetricks');
    expect(r.out).toContain('Dry run: nothing was changed.');
    expect(existsSync(join(home, 'Games'))).toBe(false);
    expect(
      readCalls(log)
        .map((c) => c.cmd)
        .sort(),
    ).toEqual(['lutris', 'vulkaninfo', 'wine', 'winetricks']);
  });
});

describe('League of Legends', () => {
  it('is explained, the Windows VM is offered, and nothing is created', async () => {
    const r = await game(['--game', 'league-of-legends', '--installer', installer(), '--yes']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.err).toContain('League of Legends does not run under Wine or Proton on Linux.');
    expect(r.err).toContain('Riot Vanguard');
    expect(r.err).toContain('Windows VM');
    expect(r.err).toContain('Passthrough section');
    expect(existsSync(join(home, 'Games'))).toBe(false);
    expect(readCalls(log)).toEqual([]);
  });
});

describe('a catalog game without questions (system Wine)', () => {
  it('runs the exact commands with the right environment and writes the launcher, menu entry and Lutris entry', async () => {
    const r = await game(['--game', 'world-of-warcraft', '--installer', installer(), '--yes'], {
      NIX_MOX_FAKE_INSTALL: WOW_EXE,
    });
    expect(r.code, r.out + r.err).toBe(EXIT_OK);
    const prefix = join(home, 'Games/world-of-warcraft');
    const wine = (debug: string) => ({ WINEARCH: 'win64', WINEDEBUG: debug, WINEPREFIX: prefix });

    const calls = readCalls(log).filter((c) => c.cmd !== 'lutris' || c.argv[0] !== '--list-games');
    expect(calls.map((c) => [c.cmd, c.argv])).toEqual([
      // pre-flight (parallel checks: the order of these four is not fixed)
      ...calls.slice(0, 4).map((c) => [c.cmd, c.argv]),
      ['wineboot', ['--init']],
      ['wineserver', ['-w']],
      ['winetricks', ['--unattended', 'corefonts']],
      ['wineserver', ['-w']],
      ['winetricks', ['--unattended', 'dxvk']],
      ['wineserver', ['-w']],
      ['winetricks', ['--unattended', 'vkd3d']],
      ['wineserver', ['-w']],
      ['wine', [installer()]],
      ['wineserver', ['-w']],
    ]);
    expect(
      calls
        .slice(0, 4)
        .map((c) => `${c.cmd} ${c.argv.join(' ')}`)
        .sort(),
    ).toEqual(['lutris --version', 'vulkaninfo --summary', 'wine --version', 'winetricks --version']);
    expect(calls[4]!.env).toEqual(wine('-all'));
    expect(calls.find((c) => c.argv.includes('dxvk'))!.env).toEqual(wine('fixme-all'));
    expect(calls.find((c) => c.cmd === 'wine' && c.argv[0] === installer())!.env).toEqual(wine('fixme-all'));
    expect(calls.filter((c) => c.cmd === 'wineserver').every((c) => c.env['WINEPREFIX'] === prefix)).toBe(
      true,
    );

    // What the steps left in the prefix, and nothing left of the snapshots.
    expect(readFileSync(join(prefix, 'winetricks.log'), 'utf8')).toBe('corefonts\ndxvk\nvkd3d\n');
    expect(existsSync(join(prefix, 'drive_c', WOW_EXE))).toBe(true);
    expect(readdirSync(`${prefix}.snapshots`)).toEqual([]);

    const launcher = join(prefix, 'launch.sh');
    expect(statSync(launcher).mode & 0o777).toBe(0o755);
    expect(readFileSync(launcher, 'utf8')).toContain(
      `set -- wine '${join(prefix, 'drive_c', WOW_EXE)}' "$@"`,
    );
    const desktop = readFileSync(
      join(home, '.local/share/applications/nix-mox-world-of-warcraft.desktop'),
      'utf8',
    );
    expect(desktop).toContain(`Exec=${launcher}\n`);
    expect(desktop).toContain('Name=World of Warcraft (Battle.net)\n');

    const gamesDir = join(home, '.local/share/lutris/games');
    const [yml] = readdirSync(gamesDir);
    expect(yml).toMatch(/^world-of-warcraft-\d+\.yml$/);
    expect(readFileSync(join(gamesDir, yml!), 'utf8')).toContain(`prefix: ${prefix}`);
    const listed = execFileSync(join(shimBin, 'lutris'), ['-l', '-j'], { env: env(), encoding: 'utf8' });
    expect(JSON.parse(listed)).toEqual([
      {
        id: 1,
        slug: 'world-of-warcraft',
        name: 'World of Warcraft (Battle.net)',
        runner: 'wine',
        directory: prefix,
      },
    ]);
    expect(r.out).toContain('World of Warcraft (Battle.net) is set up.');
    expect(r.out).not.toContain('answers');
  });

  it('on NixOS records the game and its gaming settings in the saved answers', async () => {
    writeTree(root, { 'etc/NIXOS': '' });
    const store = openAnswersStore({ env: { HOME: home } });
    store.save(defaultAnswers(emptyReport('nixos', 'desk')));
    const r = await game(['--game', 'guild-wars-2', '--installer', installer(), '--yes'], {
      NIX_MOX_FAKE_INSTALL: 'Program Files/Guild Wars 2/Gw2-64.exe',
    });
    expect(r.code, r.err).toBe(EXIT_OK);
    const saved = openAnswersStore({ env: { HOME: home } }).load()!;
    expect(saved.gaming).toEqual(['wine', 'gamemode', 'mangohud', 'lutris']);
    expect(saved.games).toEqual([
      { slug: 'guild-wars-2', prefix: join(home, 'Games/guild-wars-2'), runner: 'wine' },
    ]);
    expect(r.out).toContain('Saved in the answers');
  });

  it('picks the only program another game installed, and asks for --exe when there are several', async () => {
    const one = await game(['--name', 'My Game', '--installer', installer(), '--yes'], {
      NIX_MOX_FAKE_INSTALL: 'Program Files/My Game/a.exe',
    });
    expect(one.code).toBe(EXIT_OK);
    expect(readFileSync(join(home, 'Games/my-game/launch.sh'), 'utf8')).toContain(
      '/drive_c/Program Files/My Game/a.exe',
    );

    writeTree(join(home, 'Games/other-game/drive_c/Program Files/Other'), { 'tool.exe': 'MZ' });
    const two = await game(['--name', 'Other Game', '--installer', installer(), '--yes'], {
      NIX_MOX_FAKE_INSTALL: 'Program Files/Other/game.exe',
    });
    expect(two.code).toBe(EXIT_FAILED);
    expect(two.err).toContain('Pass --exe PATH (under drive_c)');
    expect(two.err).toContain('Program Files/Other/game.exe');
    expect(two.err).toContain('Program Files/Other/tool.exe');
    const chosen = await game(
      ['--name', 'Other Game', '--installer', installer(), '--exe', 'Program Files/Other/game.exe', '--yes'],
      { NIX_MOX_FAKE_INSTALL: 'Program Files/Other/game.exe' },
    );
    expect(chosen.code, chosen.err).toBe(EXIT_OK);
    expect(chosen.out).toContain('already done');
  });
});

describe('Proton through umu-launcher', () => {
  it('runs umu-run with GAMEID and PROTONPATH, and no DXVK/VKD3D steps', async () => {
    const r = await game(['--game', 'guild-wars-2', '--installer', installer(), '--runner', 'umu', '--yes'], {
      NIX_MOX_FAKE_INSTALL: 'Program Files/Guild Wars 2/Gw2-64.exe',
    });
    expect(r.code, r.err).toBe(EXIT_OK);
    const prefix = join(home, 'Games/guild-wars-2');
    const umu = readCalls(log).filter((c) => c.cmd === 'umu-run');
    expect(umu.map((c) => c.argv)).toEqual([[''], [installer()]]);
    for (const c of umu)
      expect(c.env).toEqual({ GAMEID: 'umu-default', PROTONPATH: 'GE-Proton', WINEPREFIX: prefix });
    expect(readCalls(log).some((c) => c.cmd === 'winetricks' && c.argv[0] !== '--version')).toBe(false);
    const yml = readdirSync(join(home, '.local/share/lutris/games'))[0]!;
    expect(readFileSync(join(home, '.local/share/lutris/games', yml), 'utf8')).toContain(
      `exe: ${prefix}/launch.sh`,
    );
  });
});

describe('a failed dependency step', () => {
  it('shows the log path and the undo command; --restore puts the prefix back exactly', async () => {
    const r = await game(['--game', 'world-of-warcraft', '--installer', installer(), '--yes'], {
      NIX_MOX_FAIL_VERB: 'dxvk',
    });
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.out).toMatch(/FAILED: \[\d+\/\d+\] Install DXVK/);
    expect(r.out).toMatch(/Full log: .*\/setup\/dxvk\.log/);
    const restore = /nix-mox game --restore '([^']+)' --prefix '([^']+)'/.exec(r.err);
    expect(restore, r.err).not.toBeNull();
    const [, snapshot, prefix] = restore!;
    expect(snapshot).toMatch(/world-of-warcraft\.snapshots\/\d{8}T\d{6}Z\/02-dxvk$/);
    expect(diffTrees(await digestTree(snapshot!), await digestTree(prefix!)).length).toBeGreaterThan(0);

    const undone = await game(['--restore', snapshot!, '--prefix', prefix!]);
    expect(undone.code, undone.err).toBe(EXIT_OK);
    expect(undone.out).toContain('matches the snapshot file for file');
    expect(diffTrees(await digestTree(snapshot!), await digestTree(prefix!))).toEqual([]);
  });
});
