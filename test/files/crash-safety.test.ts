// Acceptance 4: a writer killed with SIGKILL at random points while it writes a FileSet leaves every file either
// old or new, never partial (and every backup whole). At least 200 trials, each a fresh process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_DIR } from '../../src/files/backup';
import { resolveContent } from '../../src/generate/edits';
import { writeFileSet } from '../../src/files/write-set';
import { repoRoot } from '../helpers/shared';
import { USER_TEXT, crashFileSet } from './crash-fileset';
import { mkdirSync, writeFileSync } from 'node:fs';

const TRIALS = 200;
// Trials run in lanes, each on its own root, so the 200 processes overlap.
const LANES = 4;
let writer = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nixmox-crash-bundle-'));
  writer = join(dir, 'writer.mjs');
  await build({
    entryPoints: [join(repoRoot, 'test/files/crash-writer.ts')],
    outfile: writer,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
});

// A small seeded generator, so a failing run can be repeated (the seed is in the failure message).
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every acceptable content of each path: the resolved generation 0 and generation 1. */
function acceptable(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const gen of [0, 1]) {
    for (const f of crashFileSet(gen)) {
      const content = f.edit ? resolveContent(f, USER_TEXT)! : f.content;
      if (!out.has(f.path)) out.set(f.path, new Set());
      out.get(f.path)!.add(content);
    }
  }
  return out;
}

function killedWriter(root: string, first: number, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, root, String(first)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (code ${code}): ${err}`));
    });
  });
}

function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'nixmox-crash-'));
  mkdirSync(join(root, 'etc/modprobe.d'), { recursive: true });
  writeFileSync(join(root, 'etc/modprobe.d/vfio.conf'), USER_TEXT);
  writeFileSet(root, crashFileSet(0), { now: new Date(0) });
  return root;
}

interface LaneResult {
  root: string;
  torn: number;
}

async function lane(
  root: string,
  trials: number,
  random: () => number,
  seed: number,
  ok: Map<string, Set<string>>,
): Promise<LaneResult> {
  let torn = 0;
  for (let trial = 0; trial < trials; trial++) {
    // Kill anywhere from before the first write to several FileSets in.
    await killedWriter(root, trial % 2, Math.floor(random() * 25));
    for (const [path, contents] of ok) {
      const text = readFileSync(join(root, path), 'utf8');
      expect(
        contents.has(text),
        `trial ${trial} (seed ${seed}): ${path} is partial (${text.length} bytes)`,
      ).toBe(true);
    }
    torn += allFiles(root).filter((p) => p.includes('.nix-mox-tmp-')).length;
  }
  return { root, torn };
}

describe('crash safety', () => {
  it(`leaves every file old or new after SIGKILL at random points (${TRIALS} trials)`, {
    timeout: 120_000,
  }, async () => {
    const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);
    const random = rng(seed);
    const ok = acceptable();
    const lanes = await Promise.all(
      Array.from({ length: LANES }, () => lane(freshRoot(), TRIALS / LANES, random, seed, ok)),
    );
    // Backups are whole copies too (written the same way): a whole generation, or the user's file before nix-mox.
    const backupOk = new Map(ok);
    backupOk.set('/etc/modprobe.d/vfio.conf', new Set([...ok.get('/etc/modprobe.d/vfio.conf')!, USER_TEXT]));
    for (const { root } of lanes) {
      const dir = join(root, BACKUP_DIR);
      for (const b of allFiles(dir).filter((p) => !p.includes('.nix-mox-tmp-'))) {
        const path = b.slice(b.indexOf('/', dir.length + 1));
        expect(
          backupOk.get(path)?.has(readFileSync(b, 'utf8')),
          `backup ${b} is partial (seed ${seed})`,
        ).toBe(true);
      }
    }
    // Kills did land mid-write (temp files were left behind), and the next normal run cleans them up.
    expect(lanes.reduce((n, l) => n + l.torn, 0)).toBeGreaterThan(0);
    for (const { root } of lanes) {
      writeFileSet(root, crashFileSet(0), { now: new Date(1_000_000) });
      writeFileSet(root, crashFileSet(1), { now: new Date(2_000_000) });
      expect(allFiles(root).filter((p) => p.includes('.nix-mox-tmp-') && !p.includes(BACKUP_DIR))).toEqual(
        [],
      );
    }
  });
});
