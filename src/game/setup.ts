// From the user's choices to a GameSetup, validated at the edge with messages that name the field.
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { customGameNeeds } from './catalog';
import type { GameHost } from './host';
import { type UserDirs, defaultPrefix, resolvePrefix } from './paths';
import { isValidSlug, slugify } from './slug';
import { findPrefixDataset } from './snapshot';
import type { CatalogGame, GameRunnerKind, GameSetup, ToolInfo } from './types';

export interface GameChoice {
  game: CatalogGame | null;
  /** The name of "another Windows game" (ignored for catalog games). */
  name: string | null;
  installer: string;
  runner: GameRunnerKind;
  /** null: ~/Games/<slug>. */
  prefix: string | null;
}

/** ~/x -> <home>/x; relative paths against cwd. */
export function absoluteInstaller(path: string, cwd: string, home: string): string {
  if (path.startsWith('~/')) return resolve(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** null when the installer is usable, else a message naming the field. */
export function installerProblem(path: string, cwd: string, home: string): string | null {
  if (path.trim() === '') return 'installer: give the path of the game’s installer (.exe or .msi)';
  if (!/\.(exe|msi)$/i.test(path)) return `installer: ${path} is not a .exe or .msi file`;
  const abs = absoluteInstaller(path, cwd, home);
  try {
    if (!statSync(abs).isFile()) return `installer: ${abs} is not a file`;
  } catch {
    return `installer: ${abs} does not exist`;
  }
  return null;
}

export function choiceSlug(choice: Pick<GameChoice, 'game' | 'name'>): string {
  return choice.game ? choice.game.slug : slugify(choice.name ?? '');
}

export interface PrepareContext {
  host: GameHost;
  dirs: UserDirs;
  tools: ToolInfo;
  cwd: string;
}

export async function prepareSetup(ctx: PrepareContext, choice: GameChoice): Promise<GameSetup> {
  if (choice.game?.antiCheat.verdict === 'blocked') {
    throw new Error(
      `game: ${choice.game.name} does not run under Wine or Proton (${choice.game.antiCheat.name})`,
    );
  }
  const slug = choiceSlug(choice);
  if (!isValidSlug(slug)) throw new Error('name: give the game a name with letters or digits');
  const problem = installerProblem(choice.installer, ctx.cwd, ctx.dirs.home);
  if (problem) throw new Error(problem);
  const installer = absoluteInstaller(choice.installer, ctx.cwd, ctx.dirs.home);
  const prefix = resolvePrefix(choice.prefix ?? defaultPrefix(ctx.dirs.home, slug), ctx.dirs.home);
  return {
    slug,
    name: choice.game?.name ?? (choice.name ?? slug).trim(),
    game: choice.game,
    needs: choice.game?.needs ?? customGameNeeds,
    runner: choice.runner,
    prefix,
    installer,
    home: ctx.dirs.home,
    dataHome: ctx.dirs.dataHome,
    configHome: ctx.dirs.configHome,
    tools: ctx.tools,
    zfsDataset: await findPrefixDataset(ctx.host, prefix),
  };
}
