import { describe, expect, it } from 'vitest';
import { customGameNeeds, findGame, gameCatalog } from '../../src/game/catalog';
import { isValidSlug, nameFromInstaller, slugify } from '../../src/game/slug';

describe('game catalog', () => {
  it('keeps League of Legends, blocked by Riot Vanguard since 2024, with no promise that it runs', () => {
    const lol = findGame('league-of-legends')!;
    expect(lol.name).toBe('League of Legends');
    expect(lol.antiCheat.name).toBe('Riot Vanguard');
    expect(lol.antiCheat.verdict).toBe('blocked');
    expect(lol.antiCheat.explanation).toContain('2024');
    expect(lol.antiCheat.explanation).toMatch(/Wine or Proton/);
  });

  it('has unique, valid slugs, and every verdict carries the month it was checked', () => {
    const slugs = gameCatalog.map((g) => g.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const g of gameCatalog) {
      expect(isValidSlug(g.slug), g.slug).toBe(true);
      expect(g.antiCheat.checked).toMatch(/^\d{4}-\d{2}$/);
      expect(g.antiCheat.explanation.length).toBeGreaterThan(10);
    }
  });

  it('names the executable of every game that runs, and only uses winetricks verbs the setup knows', () => {
    const knownVerbs = new Set(['corefonts', 'vcrun2022']);
    for (const g of gameCatalog.filter((x) => x.antiCheat.verdict === 'runs')) {
      expect(g.needs.exeNames.length, g.slug).toBeGreaterThan(0);
      for (const v of g.needs.verbs) expect(knownVerbs.has(v), `${g.slug}: ${v}`).toBe(true);
    }
    expect(gameCatalog.filter((g) => g.antiCheat.verdict === 'runs').length).toBeGreaterThanOrEqual(4);
    expect(customGameNeeds).toMatchObject({ dxvk: true, vkd3d: true, verbs: [] });
  });

  it('makes slugs and names for another Windows game', () => {
    expect(slugify("Baldur's Gate 3 (GOG)")).toBe('baldurs-gate-3-gog');
    expect(slugify('Émile — le jeu!')).toBe('emile-le-jeu');
    expect(slugify('***')).toBe('');
    expect(isValidSlug('')).toBe(false);
    expect(isValidSlug('-bad')).toBe(false);
    expect(nameFromInstaller('/dl/Gw2Setup-64.exe')).toBe('Gw2Setup 64');
    expect(nameFromInstaller('setup_the_game.MSI')).toBe('setup the game');
  });
});
