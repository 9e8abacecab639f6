// Bundles the CLI into one minified ESM file. `--if-stale` skips the build when dist is newer than every source.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync } from 'node:fs';
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

await build({
  entryPoints: ['src/main.ts'],
  outfile: out,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // ink pulls react-devtools-core only when DEV is set; keep it out of the bundle.
  external: ['react-devtools-core'],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __nmCreateRequire } from 'node:module'; const require = __nmCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
});
