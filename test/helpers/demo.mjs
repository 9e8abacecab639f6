// `npm run demo`: the wizard on the demo host (test/fixtures/demo-host): a fresh copy of its files as --root (an
// apply writes there), its shims first on PATH, a fresh copy of its shim state, and throw-away XDG dirs so the
// user's own answers and the repository's fixture are never touched.
// Extra arguments go to `nix-mox setup`.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const demoHost = join(repoRoot, 'test/fixtures/demo-host');
export const demoRoot = join(demoHost, 'root');

/** A fresh environment for one demo run; `root` is this run's copy of the machine; `cleanup()` removes all. */
export function demoEnv(base = process.env) {
  const temp = mkdtempSync(join(tmpdir(), 'nix-mox-demo-'));
  const state = join(temp, 'shim-state');
  cpSync(join(demoHost, 'state'), state, { recursive: true });
  const root = join(temp, 'root');
  cpSync(demoRoot, root, { recursive: true, verbatimSymlinks: true });
  // ifupdown2's shims treat this directory as "/" when they read /etc/network/interfaces.
  writeFileSync(join(state, 'ifupdown.json'), `${JSON.stringify({ root, reloads: [] })}\n`);
  // An apply writes its units under the root copy; `systemctl enable` must find them there.
  writeFileSync(
    join(state, 'systemd.json'),
    `${JSON.stringify({ units: {}, unitDirs: [join(root, 'etc/systemd/system')] })}\n`,
  );
  const config = join(temp, 'config');
  const stateHome = join(temp, 'state-home');
  mkdirSync(config);
  mkdirSync(stateHome);
  const env = {
    ...base,
    // test/journeys/bin: the two Proxmox calls a whole apply makes that test/shims does not simulate yet.
    PATH: [
      join(demoHost, 'bin'),
      join(repoRoot, 'test/journeys/bin'),
      join(repoRoot, 'test/shims/bin'),
      base.PATH ?? '',
    ].join(delimiter),
    NIX_MOX_SHIM_STATE: state,
    NIX_MOX_SHIM_LOG: join(temp, 'shim-calls.jsonl'),
    XDG_CONFIG_HOME: config,
    XDG_STATE_HOME: stateHome,
  };
  return { env, temp, root, cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

function main() {
  const { env, root, cleanup } = demoEnv();
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'dist/nix-mox.js'), 'setup', '--root', root, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env,
    },
  );
  // The terminal sends Ctrl-C to the wizard too; it decides what to do, and this launcher waits for it.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  // A closed terminal (or a killed tmux pane) hangs up both; wait for the wizard so the temp dirs still go.
  process.on('SIGHUP', () => child.kill('SIGHUP'));
  child.on('exit', (code, signal) => {
    cleanup();
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
