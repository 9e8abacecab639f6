// `npm run bench`: runs every test/bench/*.bench.ts and prints one table, goals beside the figures.
// Each benchmark measures its own baseline in the same run, so the ratios hold on a shared, noisy machine.
// `npm run bench -- NAME...` runs only the files whose name contains one of the words.
// A benchmark that cannot run gets a row saying why; the others still run. Exit 1 when any goal is missed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark file matches ${only.join(', ')} in ${dir}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const started = performance.now();
  try {
    const mod = (await import(join(dir, file))) as { bench(): Promise<BenchResult[]> };
    results.push(...(await mod.bench()));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    results.push({
      name: `${file}: did not run`,
      baseline: '-',
      ratio: Number.NaN,
      goal: '-',
      pass: false,
      detail: message.split('\n')[0] ?? message,
    });
  }
  process.stderr.write(`  ${file}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const header = ['benchmark', 'ratio', 'goal', 'ok', 'baseline', 'detail'];
const rows = results.map((r) => [
  r.name,
  Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}x` : '-',
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
const met = results.filter((r) => r.pass).length;
console.log(`\n${met} of ${results.length} goals met (${files.length} benchmark files).`);
process.exitCode = met === results.length ? 0 : 1;
