// Plain-text lines for the pre-flight and the catalog (no terminal UI: pipes, CI, --yes runs).
import type { CatalogGame, CheckResult } from './types';

const mark = { pass: '✓', warn: '!', fail: '✗' } as const;
const word = { pass: 'ok', warn: 'warning', fail: 'FAIL' } as const;

export function checkLines(checks: CheckResult[]): string[] {
  const out: string[] = [];
  for (const c of checks) {
    out.push(`${mark[c.status]} ${word[c.status].padEnd(7)} ${c.title}: ${c.detail}`);
    if (c.fix) out.push(`          fix (${c.fix.kind === 'nixos' ? 'NixOS' : c.fix.kind}): ${c.fix.text}`);
  }
  return out;
}

export function verdictLabel(game: CatalogGame): string {
  const ac = game.antiCheat;
  if (ac.verdict === 'blocked') return `✗ blocked by ${ac.name}`;
  return ac.name ? `✓ runs (${ac.name})` : '✓ runs (no anti-cheat)';
}

export function catalogLines(games: CatalogGame[]): string[] {
  const w = Math.max(...games.map((g) => g.slug.length));
  const n = Math.max(...games.map((g) => g.name.length));
  return games.map((g) => `${g.slug.padEnd(w)}  ${g.name.padEnd(n)}  ${verdictLabel(g)}`);
}

export function catalogJson(games: CatalogGame[]): unknown[] {
  return games.map((g) => ({
    slug: g.slug,
    name: g.name,
    source: g.source,
    antiCheat: g.antiCheat,
    needs: g.needs,
  }));
}
