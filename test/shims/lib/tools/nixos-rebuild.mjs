// nixos-rebuild (the Python rewrite, same commands): builds/activates generations recorded in
// nixos.json { "generations": [{ "id", "flake", "time" }], "current": id }.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ShimExit, now, readState, runShim, writeState } from '../shim-runtime.mjs';

const ACTIONS = [
  'switch',
  'boot',
  'test',
  'build',
  'edit',
  'repl',
  'dry-build',
  'dry-run',
  'dry-activate',
  'build-vm',
  'build-vm-with-bootloader',
  'build-image',
  'list-generations',
];
const WITH_VALUE = new Set([
  '--flake',
  '-I',
  '--include',
  '--profile-name',
  '-p',
  '--specialisation',
  '-c',
  '--target-host',
  '--build-host',
  '--option',
  '--log-format',
  '--max-jobs',
  '-j',
  '--cores',
  '--image-variant',
  '--override-input',
  '--store-path',
  '--file',
  '-f',
  '--attr',
  '-A',
]);
const ACTIVATE =
  'activating the configuration...\nsetting up /etc...\nreloading user units for root...\nsetting up tmpfiles\n';

/** @typedef {{ generations: { id: number, flake: string | null, time: string }[], current: number | null }} NixosState */

runShim('nixos-rebuild', ({ argv, out, err }) => {
  let action;
  let flake = null;
  let rollback = false;
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--rollback') rollback = true;
    else if (a === '--flake') flake = argv[++i] ?? '';
    else if (a.startsWith('--flake=')) flake = a.slice('--flake='.length);
    else if (a === '--option' || a === '--override-input') i += 2;
    else if (WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-') && action === undefined) action = a;
  }
  if (action === undefined) {
    throw new ShimExit(
      2,
      'usage: nixos-rebuild [options] action\nnixos-rebuild: error: the following arguments are required: action\n',
    );
  }
  if (!ACTIONS.includes(action)) {
    throw new ShimExit(
      2,
      `usage: nixos-rebuild [options] action\nnixos-rebuild: error: argument action: invalid choice: '${action}' (choose from ${ACTIONS.map((x) => `'${x}'`).join(', ')})\n`,
    );
  }
  if (flake !== null) {
    const dir = resolve(flake.split('#')[0] || '.');
    if (!flake.includes(':') && !existsSync(resolve(dir, 'flake.nix'))) {
      throw new ShimExit(1, `error: path '${resolve(dir, 'flake.nix')}' does not exist\n`);
    }
  }
  /** @type {NixosState} */
  const state = readState('nixos', { generations: [], current: null });
  if (rollback) {
    const current = state.current ?? 0;
    const older = state.generations.filter((g) => g.id < current).map((g) => g.id);
    if (older.length === 0)
      throw new ShimExit(1, `error: no generation older than the current (${current}) exists\n`);
    const to = Math.max(...older);
    err(`switching profile from version ${current} to ${to}\n`);
    state.current = to;
    writeState('nixos', state);
    if (action === 'switch' || action === 'test') out(ACTIVATE);
    return 0;
  }
  if (
    action === 'list-generations' ||
    action === 'edit' ||
    action === 'repl' ||
    action.startsWith('build-')
  ) {
    throw new ShimExit(70, `nix-mox shim: 'nixos-rebuild ${action}' is not simulated\n`);
  }
  err('building the system configuration...\n');
  if (action === 'switch' || action === 'boot') {
    const id = Math.max(0, ...state.generations.map((g) => g.id)) + 1;
    state.generations.push({ id, flake, time: now().toISOString() });
    state.current = id;
    writeState('nixos', state);
  }
  if (action === 'switch' || action === 'test') out(ACTIVATE);
  if (action === 'dry-activate') out('would activate the configuration...\n');
  return 0;
});
