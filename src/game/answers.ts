// On NixOS the game's settings go into the answers, so the flake installs what the game uses and keeps it.
import type { Answers } from '../answers/schema';
import type { GameRunnerKind } from './types';

export interface GameRecord {
  slug: string;
  prefix: string;
  runner: GameRunnerKind;
}

/** Gaming catalog ids (src/catalog/gaming.ts) a game set up this way relies on. */
export function gamingIdsFor(runner: GameRunnerKind, lutris: boolean): string[] {
  return [...(runner === 'wine' ? ['wine'] : []), 'gamemode', 'mangohud', ...(lutris ? ['lutris'] : [])];
}

/** Adds the gaming ids (keeping the catalog order of what is there) and records the game, replacing its old entry. */
export function withGame(answers: Answers, game: GameRecord, lutris: boolean): Answers {
  const gaming = [...answers.gaming];
  for (const id of gamingIdsFor(game.runner, lutris)) if (!gaming.includes(id)) gaming.push(id);
  const games = [...answers.games.filter((g) => g.slug !== game.slug), { ...game }].sort((a, b) =>
    a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0,
  );
  return { ...answers, gaming, games };
}
