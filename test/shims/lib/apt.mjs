// apt-get / apt (apt 3, as on Debian 13 under Proxmox VE 9) over apt.json { "sources": [{ "uri", "suite" }], "upgradable": [{ "name", "from", "to" }],
// "installed": { "<name>": "<version>" } }, with apt's non-interactive messages.
import { ShimExit, readState, runShim, writeState } from './shim-runtime.mjs';

/**
 * @typedef {{ name: string, from: string, to: string }} Upgrade
 * @typedef {{ sources?: { uri: string, suite: string }[], upgradable?: Upgrade[], installed?: Record<string, string> }} AptState
 */

const DEFAULT_SOURCES = [
  { uri: 'http://deb.debian.org/debian', suite: 'trixie' },
  { uri: 'http://deb.debian.org/debian', suite: 'trixie-updates' },
  { uri: 'http://security.debian.org/debian-security', suite: 'trixie-security' },
  { uri: 'http://download.proxmox.com/debian/pve', suite: 'trixie' },
];

/** @param {'apt-get' | 'apt'} tool */
export function runApt(tool) {
  runShim(tool, ({ argv, out, err }) => {
    if (tool === 'apt')
      err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    const yes = argv.some((a) => ['-y', '--yes', '--assume-yes', '-qq'].includes(a) || /^-[a-z]*y/.test(a));
    const words = argv.filter((a) => !a.startsWith('-'));
    const [sub, ...pkgs] = words;
    /** @type {AptState} */
    const state = readState('apt', {});
    if (sub === 'update') {
      for (const [i, s] of (state.sources ?? DEFAULT_SOURCES).entries())
        out(`Hit:${i + 1} ${s.uri} ${s.suite} InRelease
`);
      out('Reading package lists...\n');
      if (tool === 'apt') {
        const n = (state.upgradable ?? []).length;
        out('Building dependency tree...\nReading state information...\n');
        out(
          n === 0
            ? 'All packages are up to date.\n'
            : `${n} package${n === 1 ? ' can' : 's can'} be upgraded. Run 'apt list --upgradable' to see ${n === 1 ? 'it' : 'them'}.\n`,
        );
      }
      return 0;
    }
    if (sub === 'upgrade' || sub === 'dist-upgrade' || sub === 'full-upgrade' || sub === 'install') {
      out('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
      /** @type {Upgrade[]} */
      let todo;
      if (sub === 'install') {
        todo = pkgs.map((name) => ({
          name,
          from: state.installed?.[name] ?? '',
          to: (state.upgradable ?? []).find((u) => u.name === name)?.to ?? '1.0',
        }));
        if (pkgs.length === 0) {
          out('Summary:\n  Upgrading: 0, Installing: 0, Removing: 0, Not Upgrading: 0\n');
          return 0;
        }
      } else {
        out('Calculating upgrade...\n');
        todo = state.upgradable ?? [];
      }
      const upgraded = todo.filter((u) => u.from);
      const fresh = todo.filter((u) => !u.from);
      // apt 3 (Debian 13, under Proxmox VE 9): sections, then the Summary block.
      if (fresh.length) out(`Installing:\n  ${fresh.map((u) => u.name).join(' ')}\n\n`);
      if (upgraded.length) out(`Upgrading:\n  ${upgraded.map((u) => u.name).join(' ')}\n\n`);
      const notUpgraded =
        sub === 'install' ? (state.upgradable ?? []).filter((u) => !pkgs.includes(u.name)).length : 0;
      out(
        `Summary:\n  Upgrading: ${upgraded.length}, Installing: ${fresh.length}, Removing: 0, Not Upgrading: ${notUpgraded}\n`,
      );
      if (todo.length === 0) return 0;
      if (!yes) {
        out('\nContinue? [Y/n] Abort.\n');
        return 1;
      }
      out('\n');
      for (const u of todo) out(`Setting up ${u.name} (${u.to}) ...\n`);
      const installed = { ...(state.installed ?? {}) };
      for (const u of todo) installed[u.name] = u.to;
      const names = new Set(todo.map((u) => u.name));
      writeState('apt', {
        ...state,
        installed,
        upgradable: (state.upgradable ?? []).filter((u) => !names.has(u.name)),
      });
      applyToPlatform(todo);
      return 0;
    }
    if (sub === undefined) throw new ShimExit(1, '', 'Usage: apt-get [options] command\n');
    throw new ShimExit(100, `E: Invalid operation ${sub}\n`);
  });
}

/** A pve-manager upgrade moves pveversion; a kernel package adds a kernel and asks for a reboot. */
function applyToPlatform(/** @type {Upgrade[]} */ done) {
  /** @type {Record<string, unknown>} */
  const platform = readState('platform', {});
  let changed = false;
  for (const u of done) {
    if (u.name === 'pve-manager') {
      platform['pveversion'] = u.to.replace(/[-~].*$/, '');
      changed = true;
    }
    const kernel = /^proxmox-kernel-(\d[\w.-]*-pve)(?:-signed)?$/.exec(u.name)?.[1];
    if (kernel) {
      const kernels = /** @type {string[]} */ (platform['kernels'] ?? [platform['kernel'] ?? '6.17.2-1-pve']);
      if (!kernels.includes(kernel)) platform['kernels'] = [...kernels, kernel];
      platform['rebootRequired'] = true;
      changed = true;
    }
  }
  if (changed) writeState('platform', platform);
}
