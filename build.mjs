// Bundles the CLI into one minified ESM entry (dist/nix-mox.js) plus chunks that load on demand, so starting
// the wizard does not parse the code of commands and screens it has not reached yet. `--if-stale` skips the
// build when dist is newer than every source.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const out = 'dist/nix-mox.js';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(out) ||
  Math.max(newestMtime('src'), newestMtime('screens'), statSync('package.json').mtimeMs) >
    statSync(out).mtimeMs;

if (process.argv.includes('--if-stale') && !stale) process.exit(0);

const result = await build({
  metafile: true,
  entryPoints: { 'nix-mox': 'src/main.ts' },
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // ink loads react-devtools-core only when DEV=true; the bundle ships without it.
  plugins: [
    {
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
          path: 'react-devtools-core',
          namespace: 'stub',
        }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
          contents: 'export default { initialize() {}, connectToDevTools() {} };',
        }));
      },
    },
  ],
  banner: {
    // CommonJS dependencies (write-file-atomic, …) expect require, __filename and __dirname.
    js:
      "#!/usr/bin/env node\nimport { createRequire as __nmCreateRequire } from 'node:module'; const require = __nmCreateRequire(import.meta.url);" +
      " import { fileURLToPath as __nmFileURLToPath } from 'node:url'; const __filename = __nmFileURLToPath(import.meta.url); const __dirname = __nmFileURLToPath(new URL('.', import.meta.url));",
  },
  logLevel: 'warning',
  legalComments: 'none',
});

// Chunks of earlier builds are removed once they are a few minutes old: a program started just before this
// build (a test, a demo) may still load them.
const current = new Set(Object.keys(result.metafile.outputs).map((p) => p.replace(/^dist\//, '')));
for (const name of readdirSync('dist/chunks')) {
  const path = join('dist/chunks', name);
  if (!current.has(`chunks/${name}`) && Date.now() - statSync(path).mtimeMs > 10 * 60 * 1000) rmSync(path);
}
