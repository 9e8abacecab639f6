// A Lutris game entry: the game config YAML Lutris reads from <config dir>/games/<slug>-<epoch>.yml
// (lutris/config.py: write_game_config) and the row in its library, pga.db (lutris/database/schema.py),
// without which the client does not list the game.
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import type { GameSetup } from './types';

/** lutris/config.py make_game_config_id: "<slug>-<unix time>". */
export const lutrisConfigId = (slug: string, epochSeconds: number): string => `${slug}-${epochSeconds}`;

/** Marks the rows nix-mox wrote, so a second run replaces its own row and undo removes only it. */
export const LUTRIS_INSTALLER_SLUG = 'nix-mox';

/**
 * System Wine games use Lutris' wine runner on the same prefix. Proton (umu) games use the linux runner on the
 * launcher script, which already sets up umu-run: the wine runner's GE-Proton sentinel differs between Lutris
 * releases, the launcher does not.
 */
export function lutrisGameConfig(setup: GameSetup, exe: string, launcher: string): Record<string, unknown> {
  const env = Object.keys(setup.needs.env).length > 0 ? { env: { ...setup.needs.env } } : {};
  if (setup.runner === 'umu') {
    return {
      game: { exe: launcher, working_dir: dirname(exe) },
      linux: {},
      system: { ...env, gamemode: false, mangohud: false },
    };
  }
  return {
    game: { exe, prefix: setup.prefix, arch: 'win64', working_dir: dirname(exe) },
    system: { ...env, gamemode: setup.tools.gamemoderun !== null, mangohud: setup.tools.mangohud !== null },
    wine: { version: 'system', dxvk: setup.needs.dxvk, vkd3d: setup.needs.vkd3d, esync: true },
  };
}

export function lutrisGameYaml(setup: GameSetup, exe: string, launcher: string): string {
  return stringify(lutrisGameConfig(setup, exe, launcher));
}

export const lutrisRunner = (setup: GameSetup): 'wine' | 'linux' =>
  setup.runner === 'umu' ? 'linux' : 'wine';

export function sqlString(value: string): string {
  if (value.includes('\0')) throw new Error('a value for the Lutris library contains a NUL byte');
  return `'${value.replace(/'/g, "''")}'`;
}

/** lutris/database/schema.py DATABASE["games"]; Lutris adds any column it misses on start (schema.migrate). */
export const LUTRIS_GAMES_TABLE =
  'CREATE TABLE IF NOT EXISTS games (id INTEGER PRIMARY KEY, name TEXT, sortname TEXT, slug TEXT, ' +
  'installer_slug TEXT, parent_slug TEXT, platform TEXT, runner TEXT, executable TEXT, directory TEXT, ' +
  'updated DATETIME, lastplayed INTEGER, installed INTEGER, installed_at INTEGER, year INTEGER, configpath TEXT, ' +
  'has_custom_banner INTEGER, has_custom_icon INTEGER, has_custom_coverart_big INTEGER, playtime REAL, ' +
  'service TEXT, service_id TEXT, discord_id TEXT, modified_at INTEGER);';

export function lutrisRegisterSql(setup: GameSetup, configId: string, epochSeconds: number): string {
  return [
    LUTRIS_GAMES_TABLE,
    `DELETE FROM games WHERE slug = ${sqlString(setup.slug)} AND installer_slug = ${sqlString(LUTRIS_INSTALLER_SLUG)};`,
    'INSERT INTO games (name, slug, installer_slug, platform, runner, directory, installed, installed_at, configpath, playtime, lastplayed) ' +
      `VALUES (${sqlString(setup.name)}, ${sqlString(setup.slug)}, ${sqlString(LUTRIS_INSTALLER_SLUG)}, 'Windows', ` +
      `${sqlString(lutrisRunner(setup))}, ${sqlString(setup.prefix)}, 1, ${epochSeconds}, ${sqlString(configId)}, 0, 0);`,
  ].join('\n');
}

export function lutrisUnregisterSql(configId: string): string {
  return `DELETE FROM games WHERE configpath = ${sqlString(configId)} AND installer_slug = ${sqlString(LUTRIS_INSTALLER_SLUG)};`;
}
