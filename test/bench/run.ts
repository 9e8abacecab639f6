// `npm run bench`: runs every test/bench/*.bench.ts and prints one table, goals beside the figures.
// Each benchmark measures its own baseline in the same run, so the ratios hold on a shared, noisy machine.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const mod = (await import(join(dir, file))) as { bench(): Promise<BenchResult[]> };
  results.push(...(await mod.bench()));
}

const header = ['benchmark', 'ratio', 'goal', 'ok', 'baseline', 'detail'];
const rows = results.map((r) => [
  r.name,
  `${r.ratio.toFixed(2)}x`,
  r.goal,
  r.pass ? 'yes' : 'NO',
  r.baseline,
  r.detail,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
