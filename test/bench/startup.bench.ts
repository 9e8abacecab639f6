// Cold start of the bundled program to its first complete frame (title bar and footer drawn) in a real pty,
// against `node -e 0` started the same way, interleaved, several runs each; the medians are compared. An Ink
// hello-world bundled with the same settings is measured too, as the floor any Ink program starts from.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundlePath } from '../helpers/tmux';
import { median, timeInPty } from './pty';
import type { BenchResult } from './types';

const RUNS = 11;
const GOAL = 1.8;

async function buildHelloWorld(): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'nix-mox-bench-')), 'hello.js');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'ink-hello.tsx')],
    outfile: out,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
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

export async function bench(): Promise<BenchResult[]> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'nix-mox-bench-cfg-')),
  };
  delete env['CI'];
  const hello = await buildHelloWorld();
  const nodeArgv = [process.execPath, '-e', '0'];
  const helloArgv = [process.execPath, hello];
  const appArgv = [process.execPath, bundlePath];
  const appFrame = /nix-mox[\s\S]*q quit/;
  const node: number[] = [];
  const helloMs: number[] = [];
  const app: number[] = [];
  // one warm-up each so the file cache is equal for all
  await timeInPty(nodeArgv, null, env);
  await timeInPty(helloArgv, /q quit/, env);
  await timeInPty(appArgv, appFrame, env);
  for (let i = 0; i < RUNS; i++) {
    node.push((await timeInPty(nodeArgv, null, env)).ms);
    helloMs.push((await timeInPty(helloArgv, /q quit/, env)).ms);
    app.push((await timeInPty(appArgv, appFrame, env)).ms);
  }
  const base = median(node);
  const ratio = median(app) / base;
  const helloRatio = median(helloMs) / base;
  return [
    {
      name: 'startup: first frame',
      baseline: `node -e 0 (median ${base.toFixed(0)} ms)`,
      ratio,
      goal: `<= ${GOAL}x`,
      pass: ratio <= GOAL,
      detail: `median ${median(app).toFixed(0)} ms over ${RUNS} runs in a pty; Ink hello-world: ${helloRatio.toFixed(2)}x`,
    },
  ];
}
