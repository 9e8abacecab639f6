// Streaming through the live panes: a step printing 200,000 lines, run under runWithPanes (Ink on a fake
// terminal, NODE_ENV=production as in the bundle), against the same child writing to /dev/null, measured in
// the same run, interleaved round by round. Also: peak memory, and that it stays flat from 50,000 to 200,000
// lines (the heap a run keeps after a full GC; peak RSS also holds garbage V8 has not collected yet), frames
// per second, and how fast a key pressed during the stream is answered (enter opens the full
// log, esc comes back; both during the stream).
//
// The child works the way real tools do: some work per line, output through stdio's buffer (awk). A second
// row takes the worst case, a bash loop that makes one write per line: every line then wakes the reader, and
// any reader pays for that, so that row compares the panes against a reader that does nothing with the data.
//
// This file is both the benchmark (bench(), run by test/bench/run.ts) and, bundled like the program and run
// with `--driver`, the measuring process: each measurement gets a fresh process, so memory figures are its own.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types';

const LINES = 200_000;
const SMALL = 50_000;
const ROUNDS = 3;
const GOALS = { ratio: 1.3, peakMb: 200, retainedGrowthMb: 5, fps: 20, keyMs: 100 };

type Child = 'tool' | 'bash';

interface DriverResult {
  lines: number;
  liveMs: number[];
  baselineMs: number[];
  /** The worst case only: the bash child read by a reader that does nothing. */
  readerMs: number[];
  peakRssMb: number;
  /** Heap still in use after the runs and a full GC: what the run keeps, as opposed to garbage not yet collected. */
  retainedHeapMb: number;
  fps: number;
  keyMs: number[];
}

function childArgv(kind: Child, n: number): string[] {
  if (kind === 'bash') {
    return [
      'bash',
      '-c',
      `for ((i=1;i<=${n};i++)); do printf 'line %d of the stream: some typical tool output, text of a usual length\\n' "$i"; done`,
    ];
  }
  return [
    'awk',
    `BEGIN { for (i = 1; i <= ${n}; i++) { s = 0; for (j = 0; j < 60; j++) s += (i * j) % 7; printf "line %d of the stream: checksum %d, some typical tool output text\\n", i, s } }`,
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)]!;
};

function toDevNull(argv: string[]): number {
  const devnull = openSync('/dev/null', 'w');
  const t = performance.now();
  spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', devnull, 'inherit'] });
  return performance.now() - t;
}

function toIdleReader(argv: string[]): Promise<number> {
  const t = performance.now();
  return new Promise((resolve) => {
    const c = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    c.stdout.on('data', () => {});
    c.on('close', () => resolve(performance.now() - t));
  });
}

async function drive(kind: Child, lines: number, rounds: number): Promise<DriverResult> {
  const { runWithPanes } = await import('../../screens/run/RunApp');
  const { fakeTty } = await import('../run/fake-tty');
  const argv = childArgv(kind, lines);
  const result: DriverResult = {
    lines,
    liveMs: [],
    baselineMs: [],
    readerMs: [],
    peakRssMb: 0,
    retainedHeapMb: 0,
    fps: 0,
    keyMs: [],
  };
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const frameRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    result.baselineMs.push(toDevNull(argv));
    if (kind === 'bash') result.readerMs.push(await toIdleReader(argv));

    const logDir = mkdtempSync(join(tmpdir(), 'nix-mox-bench-stream-'));
    const tty = fakeTty(100, 30);
    tty.stdout.keep = false;
    let frames = 0;
    let waiting: { text: string; since: number } | null = null;
    tty.stdout.on('written', (data: string | Uint8Array) => {
      if (!waiting) return;
      const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
      if (text.includes(waiting.text)) {
        result.keyMs.push(performance.now() - waiting.since);
        waiting = null;
      }
    });
    let open = false;
    const keys = setInterval(() => {
      if (waiting) return;
      waiting = { text: open ? 'ctrl-c stop' : 'Log ·', since: performance.now() };
      tty.stdin.write(open ? '\u001b' : '\r');
      open = !open;
    }, 250);
    const t = performance.now();
    const r = await runWithPanes(
      { steps: [{ id: 'stream', title: 'Stream', argv, root: false, risk: [], timeoutMs: 0 }] },
      { logDir, title: 'bench', ...tty.streams, onRender: () => frames++ },
    );
    const ms = performance.now() - t;
    clearInterval(keys);
    if (!r.ok) throw new Error('the streaming step failed');
    result.liveMs.push(ms);
    frameRates.push(frames / (ms / 1000));
    rmSync(logDir, { recursive: true, force: true });
  }
  clearInterval(sampler);
  result.peakRssMb = Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
  (globalThis as { gc?: () => void }).gc?.();
  result.retainedHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  result.fps = Math.max(...frameRates);
  return result;
}

/** This file bundled the way build.mjs bundles the program (minified ESM, production React). */
async function buildDriver(): Promise<string> {
  // esbuild stays out of the driver bundle: imported here, at bench time only.
  const { build } = await import('esbuild');
  const out = join(mkdtempSync(join(tmpdir(), 'nix-mox-bench-driver-')), 'stream-driver.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile: out,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['esbuild'],
    plugins: [
      {
        name: 'no-devtools',
        setup(b) {
          b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'x', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {};' }));
        },
      },
    ],
    banner: {
      js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return out;
}

function runDriver(driver: string, kind: Child, lines: number, rounds: number): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', driver, '--driver', kind, String(lines), String(rounds)],
      {
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`stream bench driver exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as DriverResult);
    });
  });
}

const ms = (xs: number[]) => xs.map((m) => m.toFixed(0)).join(', ');

export async function bench(): Promise<BenchResult[]> {
  const driver = await buildDriver();
  const small = await runDriver(driver, 'tool', SMALL, ROUNDS);
  const big = await runDriver(driver, 'tool', LINES, ROUNDS);
  const worst = await runDriver(driver, 'bash', LINES, ROUNDS);
  rmSync(join(driver, '..'), { recursive: true, force: true });
  const live = median(big.liveMs);
  const base = median(big.baselineMs);
  const growth = big.peakRssMb - small.peakRssMb;
  const retainedGrowth = big.retainedHeapMb - small.retainedHeapMb;
  const keys = [...big.keyMs, ...worst.keyMs];
  const keyWorst = Math.max(...keys);
  const fps = Math.max(big.fps, worst.fps);
  const worstRatio = median(worst.liveMs) / median(worst.readerMs);
  const n = LINES.toLocaleString('en');
  return [
    {
      name: `stream: ${n} lines through the live pane`,
      baseline: `same child to /dev/null (median ${base.toFixed(0)} ms)`,
      ratio: live / base,
      goal: `<= ${GOALS.ratio}x`,
      pass: live / base <= GOALS.ratio,
      detail: `awk, work per line, stdio-buffered; live ${ms(big.liveMs)} ms vs ${ms(big.baselineMs)} ms`,
    },
    {
      name: `stream: ${n} lines, one write per line`,
      baseline: `same child, idle reader (median ${median(worst.readerMs).toFixed(0)} ms)`,
      ratio: worstRatio,
      goal: `<= ${GOALS.ratio}x`,
      pass: worstRatio <= GOALS.ratio,
      detail: `bash printf loop; live ${ms(worst.liveMs)} ms; to /dev/null ${ms(worst.baselineMs)} ms (${(median(worst.liveMs) / median(worst.baselineMs)).toFixed(2)}x)`,
    },
    {
      name: 'stream: peak memory',
      baseline: `${SMALL.toLocaleString('en')} lines: ${small.peakRssMb.toFixed(0)} MB peak, ${small.retainedHeapMb.toFixed(1)} MB kept`,
      ratio: big.peakRssMb / small.peakRssMb,
      goal: `< ${GOALS.peakMb} MB; kept +< ${GOALS.retainedGrowthMb} MB`,
      pass: big.peakRssMb < GOALS.peakMb && retainedGrowth < GOALS.retainedGrowthMb,
      detail: `${big.peakRssMb.toFixed(0)} MB peak RSS at ${n} lines; heap kept after GC ${big.retainedHeapMb.toFixed(1)} MB (${retainedGrowth >= 0 ? '+' : ''}${retainedGrowth.toFixed(1)} MB); RSS ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB`,
    },
    {
      name: 'stream: frames per second',
      baseline: `goal ${GOALS.fps}/s`,
      ratio: fps / GOALS.fps,
      goal: `<= ${GOALS.fps}/s`,
      pass: fps <= GOALS.fps,
      detail: `at most ${fps.toFixed(1)} frames/s in a round, keys included`,
    },
    {
      name: 'stream: key answered during the stream',
      baseline: `goal ${GOALS.keyMs} ms`,
      ratio: keyWorst / GOALS.keyMs,
      goal: `<= ${GOALS.keyMs} ms`,
      pass: keys.length > 0 && keyWorst <= GOALS.keyMs,
      detail: `${keys.length} keys (enter opens the log, esc back): median ${median(keys).toFixed(0)} ms, worst ${keyWorst.toFixed(0)} ms`,
    },
  ];
}

if (process.argv[2] === '--driver') {
  const result = await drive(process.argv[3] as Child, Number(process.argv[4]), Number(process.argv[5]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
