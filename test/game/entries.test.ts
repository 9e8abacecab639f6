// The .desktop entry and the Lutris entry: their text, and Lutris' library (a real sqlite3 pga.db) read back
// through the lutris shim the way the client lists games.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { desktopEntry, desktopString, execArg } from '../../src/game/desktop';
import {
  lutrisConfigId,
  lutrisGameConfig,
  lutrisGameYaml,
  lutrisRegisterSql,
  lutrisUnregisterSql,
  sqlString,
} from '../../src/game/lutris';
import { lutrisDirs } from '../../src/game/paths';
import { allTools, makeSetup, nodeDir, shimBin, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('.desktop entry', () => {
  it('quotes Exec arguments as the Desktop Entry spec says', () => {
    expect(execArg('/home/a/Games/x/launch.sh')).toBe('/home/a/Games/x/launch.sh');
    expect(execArg('/home/a/My Games/x.sh')).toBe('"/home/a/My Games/x.sh"');
    // " ` $ \ get a backslash inside the quotes; the string escape then doubles every backslash.
    expect(execArg('/a/$x"y`z\\w')).toBe('"/a/\\\\$x\\\\"y\\\\`z\\\\\\\\w"');
    expect(execArg('/a/100%.sh')).toBe('/a/100%%.sh');
    expect(desktopString('a\\b\nc')).toBe('a\\\\b\\nc');
  });

  it('is a complete Application entry in the Game category', () => {
    expect(
      desktopEntry({
        name: 'Guild Wars 2',
        launcher: '/home/a/Games/guild-wars-2/launch.sh',
        prefix: '/home/a/Games/guild-wars-2',
      }),
    ).toBe(`[Desktop Entry]
Type=Application
Version=1.5
Name=Guild Wars 2
Comment=Windows game in the Wine prefix /home/a/Games/guild-wars-2 (set up by nix-mox)
Exec=/home/a/Games/guild-wars-2/launch.sh
Icon=applications-games
Terminal=false
Categories=Game;
`);
  });
});

describe('Lutris game config', () => {
  const exe = '/home/alice/Games/test-game/drive_c/Program Files/Test Game/Game.exe';
  const launcher = '/home/alice/Games/test-game/launch.sh';

  it('uses the wine runner on the same prefix for system Wine', () => {
    const yaml = lutrisGameYaml(makeSetup(), exe, launcher);
    expect(parse(yaml)).toEqual({
      game: {
        exe,
        prefix: '/home/alice/Games/test-game',
        arch: 'win64',
        working_dir: '/home/alice/Games/test-game/drive_c/Program Files/Test Game',
      },
      system: { gamemode: true, mangohud: true },
      wine: { version: 'system', dxvk: true, vkd3d: true, esync: true },
    });
  });

  it('turns GameMode and MangoHud off in Lutris when they are not installed', () => {
    const cfg = lutrisGameConfig(
      makeSetup({ tools: { ...allTools, gamemoderun: null, mangohud: null } }),
      exe,
      launcher,
    );
    expect(cfg['system']).toEqual({ gamemode: false, mangohud: false });
  });

  it('runs the launcher with the linux runner for Proton games', () => {
    const cfg = lutrisGameConfig(makeSetup({ runner: 'umu' }), exe, launcher);
    expect(cfg).toEqual({
      game: { exe: launcher, working_dir: '/home/alice/Games/test-game/drive_c/Program Files/Test Game' },
      linux: {},
      system: { gamemode: false, mangohud: false },
    });
  });

  it('finds Lutris’ directories like lutris/settings.py', () => {
    const dirs = { home: '/h', dataHome: '/h/.local/share', configHome: '/h/.config' };
    expect(lutrisDirs(dirs, () => false)).toEqual({
      configDir: '/h/.local/share/lutris',
      dataDir: '/h/.local/share/lutris',
      gamesDir: '/h/.local/share/lutris/games',
      db: '/h/.local/share/lutris/pga.db',
    });
    expect(lutrisDirs(dirs, (p) => p === '/h/.config/lutris').gamesDir).toBe('/h/.config/lutris/games');
  });
});

describe('Lutris library (pga.db)', () => {
  const lutris = (home: string) =>
    JSON.parse(
      execFileSync(join(shimBin, 'lutris'), ['--list-games', '--json'], {
        env: { PATH: `${nodeDir}:/usr/bin:/bin`, HOME: home },
        encoding: 'utf8',
      }),
    ) as { id: number; slug: string; name: string; runner: string; directory: string }[];

  it('adds the game so `lutris --list-games` lists it, replaces it on a second run, and undo removes it', () => {
    const home = dir.path;
    const setup = makeSetup({
      home,
      prefix: join(home, 'Games/assassins'),
      name: "Assassin's Creed",
      slug: 'assassins',
    });
    const data = join(home, '.local/share/lutris');
    mkdirSync(join(data, 'games'), { recursive: true });
    const db = join(data, 'pga.db');
    const id1 = lutrisConfigId(setup.slug, 1_780_000_000);
    writeFileSync(join(data, 'games', `${id1}.yml`), lutrisGameYaml(setup, '/x.exe', '/l.sh'));
    execFileSync('sqlite3', [db, lutrisRegisterSql(setup, id1, 1_780_000_000)]);
    expect(existsSync(db)).toBe(true);
    expect(lutris(home)).toEqual([
      {
        id: 1,
        slug: 'assassins',
        name: "Assassin's Creed",
        runner: 'wine',
        directory: join(home, 'Games/assassins'),
      },
    ]);

    const id2 = lutrisConfigId(setup.slug, 1_780_000_100);
    writeFileSync(join(data, 'games', `${id2}.yml`), lutrisGameYaml(setup, '/x.exe', '/l.sh'));
    execFileSync('sqlite3', [db, lutrisRegisterSql(setup, id2, 1_780_000_100)]);
    const rows = execFileSync('sqlite3', [db, 'SELECT configpath, installed, installer_slug FROM games'], {
      encoding: 'utf8',
    });
    expect(rows.trim()).toBe('assassins-1780000100|1|nix-mox');

    execFileSync('sqlite3', [db, lutrisUnregisterSql(id2)]);
    expect(lutris(home)).toEqual([]);
  });

  it('keeps hostile names literal', () => {
    expect(sqlString("x'); DROP TABLE games; --")).toBe("'x''); DROP TABLE games; --'");
    const home = dir.path;
    const db = join(home, 'pga.db');
    const setup = makeSetup({ home, name: "x'); DROP TABLE games; --" });
    execFileSync('sqlite3', [db, lutrisRegisterSql(setup, 'test-game-1', 1)]);
    expect(execFileSync('sqlite3', [db, 'SELECT name FROM games'], { encoding: 'utf8' }).trim()).toBe(
      "x'); DROP TABLE games; --",
    );
  });
});
