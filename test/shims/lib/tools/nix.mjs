// nix flake update: rewrites flake.lock for the inputs nix.json says moved,
// { "updates": { "nixpkgs": { "from": "github:NixOS/nixpkgs/<rev>", "fromDate": "2026-05-01",
//   "to": "github:NixOS/nixpkgs/<rev>", "toDate": "2026-05-20" } } }, reporting it as nix does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ShimExit, readState, runShim } from '../shim-runtime.mjs';

/** @typedef {{ from?: string, fromDate?: string, to: string, toDate: string }} InputUpdate */

const VALUE_OPTIONS = new Set(['--extra-experimental-features', '--experimental-features', '--log-format']);

runShim('nix', ({ argv, err }) => {
  // Values of options (`--extra-experimental-features 'nix-command flakes'`) are not words.
  const words = argv.filter((a, i) => !a.startsWith('-') && !VALUE_OPTIONS.has(argv[i - 1] ?? ''));
  if (words[0] !== 'flake' || words[1] !== 'update') {
    throw new ShimExit(
      70,
      `nix-mox shim: 'nix ${argv.join(' ')}' is not simulated (only nix flake update)\n`,
    );
  }
  const flagAt = argv.indexOf('--flake');
  const dir = resolve(flagAt >= 0 ? (argv[flagAt + 1] ?? '.') : '.');
  const only = words.slice(2).filter((w) => w !== argv[flagAt + 1]);
  const flakeNix = resolve(dir, 'flake.nix');
  if (!existsSync(flakeNix)) throw new ShimExit(1, `error: path '${flakeNix}' does not exist\n`);
  const lockPath = resolve(dir, 'flake.lock');
  const creating = !existsSync(lockPath);
  /** @type {{ nodes: Record<string, any>, root: string, version: number }} */
  const lock = creating
    ? { nodes: { root: { inputs: {} } }, root: 'root', version: 7 }
    : JSON.parse(readFileSync(lockPath, 'utf8'));
  /** @type {Record<string, InputUpdate>} */
  const updates =
    readState('nix', /** @type {{ updates?: Record<string, InputUpdate> }} */ ({})).updates ?? {};
  const names = Object.keys(updates)
    .filter((n) => only.length === 0 || only.includes(n))
    .sort();
  /** @type {string[]} */
  const report = [];
  for (const name of names) {
    const u = /** @type {InputUpdate} */ (updates[name]);
    const old = lock.nodes[name]?.locked?.url;
    if (old === u.to) continue;
    const oldModified = lock.nodes[name]?.locked?.lastModified;
    const oldDate = oldModified
      ? new Date(oldModified * 1000).toISOString().slice(0, 10)
      : (u.fromDate ?? '1970-01-01');
    if (!creating && (old || u.from)) {
      report.push(
        `• Updated input '${name}':\n    '${old ?? u.from}' (${oldDate})\n  → '${u.to}' (${u.toDate})\n`,
      );
    } else report.push(`• Added input '${name}':\n    '${u.to}' (${u.toDate})\n`);
    lock.nodes[name] = {
      locked: { type: 'github', url: u.to, lastModified: Math.floor(Date.parse(u.toDate) / 1000) },
      original: { type: 'indirect', id: name },
    };
    lock.nodes['root'].inputs[name] = name;
  }
  if (report.length === 0 && !creating) return 0;
  err(`warning: ${creating ? 'creating' : 'updating'} lock file '${lockPath}':\n${report.join('')}`);
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  return 0;
});
