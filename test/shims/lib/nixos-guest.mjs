// A NixOS guest as nix-mox's update reaches into it (through ssh, `pct exec` or `qm guest exec`), over
// nixos-guests.json:
// { "<name>": { vmid, addresses: ["192.168.1.50", "nixos-vm"], datasets: ["rpool/data/vm-102-disk-0"],
//   generations: [{ id, failedUnits: [], unreachable?: bool }], current,
//   updates?: { "<input>": { from, fromDate, to, toDate } },            // what nix flake update finds
//   faults?: { lock?: Fail, dryBuild?: Fail, build?: Fail,              // fail before a new generation exists
//              afterSwitch?: { failedUnits?: [], unreachable?: bool, code?: number } },  // the new generation
//   files?, dirs?, flakes?, beforeSwitch? } }
// Fail = { code, stderr }. Output texts follow nixos-rebuild, nix, nix-env, systemctl and tar (see README.md).
import { readState, writeState } from './shim-runtime.mjs';

/** @typedef {{ code?: number, stderr?: string }} Fail */
/** @typedef {{ id: number, failedUnits?: string[], unreachable?: boolean }} Generation */
/**
 * @typedef {{ vmid?: number, addresses?: string[], datasets?: string[], generations: Generation[], current: number,
 *   updates?: Record<string, { from?: string, fromDate?: string, to: string, toDate: string }>,
 *   faults?: { lock?: Fail, dryBuild?: Fail, build?: Fail, afterSwitch?: { failedUnits?: string[], unreachable?: boolean, code?: number } },
 *   files?: Record<string, number>, dirs?: string[], flakes?: Record<string, { from: string, locked?: Record<string, string> }>,
 *   beforeSwitch?: { generations: Generation[], current: number } }} Guest
 * @typedef {{ code: number, stdout: string, stderr: string }} Result
 */

const PROFILE = '/nix/var/nix/profiles/system';
const DESCRIPTIONS = /** @type {Record<string, string>} */ ({
  'nginx.service': 'Nginx Web Server',
  'postgresql.service': 'PostgreSQL Server',
  'systemd-networkd-wait-online.service': 'Wait for Network to be Configured',
});

/** @returns {Record<string, Guest>} */
export const readGuestsModel = () => readState('nixos-guests', {});
/** @param {Record<string, Guest>} all */
const write = (all) => writeState('nixos-guests', all);

export function guestByVmid(/** @type {number} */ vmid) {
  const all = readGuestsModel();
  const name = Object.keys(all).find((n) => all[n]?.vmid === vmid);
  return name;
}

export function guestByAddress(/** @type {string} */ host) {
  const all = readGuestsModel();
  return Object.keys(all).find((n) => n === host || (all[n]?.addresses ?? []).includes(host));
}

/** @param {Guest} g */
const current = (g) => g.generations.find((x) => x.id === g.current) ?? { id: g.current, failedUnits: [] };

export function reachable(/** @type {string} */ name) {
  const g = readGuestsModel()[name];
  return g !== undefined && !current(g).unreachable;
}

const ok = (stdout = '', stderr = '') => ({ code: 0, stdout, stderr });
const fail = (/** @type {number} */ code, /** @type {string} */ stderr, stdout = '') => ({
  code,
  stdout,
  stderr,
});

/** Records a file copied into the guest (scp, pct push, agent file-write). */
export function receiveFile(
  /** @type {string} */ name,
  /** @type {string} */ path,
  /** @type {number} */ bytes,
) {
  const all = readGuestsModel();
  const g = all[name];
  if (!g) return;
  g.files = { ...(g.files ?? {}), [path]: bytes };
  write(all);
}

function flakeRef(/** @type {string} */ ref) {
  const at = ref.indexOf('#');
  return at < 0 ? { dir: ref, attr: '' } : { dir: ref.slice(0, at), attr: ref.slice(at + 1) };
}

/** `nixos-rebuild <action> --flake DIR#NAME` of the Python rewrite, over the model. */
function nixosRebuild(
  /** @type {string} */ name,
  /** @type {Guest} */ g,
  /** @type {string[]} */ args,
  /** @type {Record<string, Guest>} */ all,
) {
  const action = args.find((a) => !a.startsWith('-') && args[args.indexOf(a) - 1] !== '--flake');
  const fi = args.indexOf('--flake');
  const { dir, attr } = flakeRef(fi >= 0 ? (args[fi + 1] ?? '') : '');
  if (!g.flakes?.[dir]) return fail(1, `error: path '${dir}/flake.nix' does not exist\n`);
  if (attr !== name) {
    return fail(
      1,
      `error: flake 'path:${dir}' does not provide attribute 'packages.x86_64-linux.nixosConfigurations."${attr}".config.system.build.toplevel', 'legacyPackages.x86_64-linux.nixosConfigurations."${attr}".config.system.build.toplevel' or 'nixosConfigurations."${attr}".config.system.build.toplevel'\n`,
    );
  }
  const building = 'building the system configuration...\n';
  if (action === 'dry-build') {
    const f = g.faults?.dryBuild;
    if (f) return fail(f.code ?? 1, `${building}${f.stderr ?? ''}`);
    return ok(
      '',
      `${building}these 3 derivations will be built:\n  /nix/store/4q7w1b0y0sxk6x2v5n0zq1n5p8d1m2k3-nixos-system-${name}-26.05.drv\n`,
    );
  }
  if (action !== 'switch')
    return fail(70, `nix-mox shim: nixos-rebuild ${action} is not simulated in a guest\n`);
  const build = g.faults?.build;
  if (build) return fail(build.code ?? 1, `${building}${build.stderr ?? ''}`);
  const r = switchToNewGeneration(g);
  write(all);
  return { ...r, stderr: `${building}${r.stderr}` };
}

/** Makes and activates a new generation, with the faults the model gives it. @returns {Result} */
function switchToNewGeneration(/** @type {Guest} */ g) {
  g.beforeSwitch = { generations: structuredClone(g.generations), current: g.current };
  const after = g.faults?.afterSwitch ?? {};
  const id = Math.max(0, ...g.generations.map((x) => x.id)) + 1;
  g.generations.push({
    id,
    failedUnits: after.failedUnits ?? [...(current(g).failedUnits ?? [])],
    ...(after.unreachable ? { unreachable: true } : {}),
  });
  g.current = id;
  const activation =
    'activating the configuration...\nsetting up /etc...\nreloading user units for root...\nsetting up tmpfiles\n';
  const failed = after.failedUnits ?? [];
  if (failed.length > 0 || after.code) {
    return fail(
      after.code ?? 4,
      `${failed.map((u) => `warning: the following units failed: ${u}\n`).join('')}warning: error(s) occurred while switching to the new configuration\n`,
      activation,
    );
  }
  return ok(activation, '');
}

/** What colmena does on a node after pushing its closure: activate it (build faults count as build failures). */
export function deployToGuest(/** @type {string} */ name) {
  const all = readGuestsModel();
  const g = all[name];
  if (!g) return { stage: 'eval', ...fail(1, `error: attribute '${name}' missing\n`) };
  if (current(g).unreachable)
    return {
      stage: 'push',
      ...fail(255, `ssh: connect to host ${g.addresses?.[0] ?? name} port 22: No route to host\n`),
    };
  const build = g.faults?.build ?? g.faults?.dryBuild;
  if (build) return { stage: 'build', ...fail(build.code ?? 1, build.stderr ?? '') };
  const r = switchToNewGeneration(g);
  write(all);
  return { stage: 'activate', ...r };
}

function failedUnitsText(/** @type {Guest} */ g) {
  return (current(g).failedUnits ?? [])
    .map((u) => `${u} loaded failed failed ${DESCRIPTIONS[u] ?? u.replace(/\.service$/, '')}\n`)
    .join('');
}

/** Runs an argv inside the guest. @returns {Result} */
export function runInNixosGuest(/** @type {string} */ name, /** @type {string[]} */ argv) {
  const all = readGuestsModel();
  const g = all[name];
  if (!g) return fail(127, `nix-mox shim: no NixOS guest '${name}' in nixos-guests.json\n`);
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'true':
      return ok();
    case 'readlink':
      if (args[0] !== PROFILE) return fail(1, '');
      return ok(`system-${g.current}-link\n`);
    case 'systemctl': {
      if (args[0] === 'list-units' && args.includes('--state=failed')) return ok(failedUnitsText(g));
      if (args[0] === 'is-system-running')
        return (current(g).failedUnits ?? []).length > 0 ? fail(1, '', 'degraded\n') : ok('running\n');
      return fail(70, `nix-mox shim: 'systemctl ${args.join(' ')}' is not simulated in a guest\n`);
    }
    case 'mkdir':
      g.dirs = [...new Set([...(g.dirs ?? []), ...args.filter((a) => !a.startsWith('-'))])];
      write(all);
      return ok();
    case 'tar': {
      const file = args[args.indexOf('--file') + 1] ?? '';
      const dir = args[args.indexOf('--directory') + 1] ?? '';
      if (!args.includes('--extract'))
        return fail(70, 'nix-mox shim: only tar --extract is simulated in a guest\n');
      if (!g.files?.[file]) {
        return fail(
          2,
          `tar: ${file}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`,
        );
      }
      if (!(g.dirs ?? []).includes(dir))
        return fail(
          2,
          `tar: ${dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`,
        );
      g.flakes = { ...(g.flakes ?? {}), [dir]: { from: file } };
      write(all);
      return ok();
    }
    case 'nix': {
      const words = args.filter(
        (a, i) => !a.startsWith('-') && args[i - 1] !== '--extra-experimental-features',
      );
      if (words[0] !== 'flake' || words[1] !== 'update')
        return fail(70, `nix-mox shim: 'nix ${args.join(' ')}' is not simulated in a guest\n`);
      const dir = args[args.indexOf('--flake') + 1] ?? '';
      const flake = g.flakes?.[dir];
      if (!flake) return fail(1, `error: path '${dir}/flake.nix' does not exist\n`);
      if (g.faults?.lock) return fail(g.faults.lock.code ?? 1, g.faults.lock.stderr ?? '');
      const report = Object.entries(g.updates ?? {})
        .filter(([input, u]) => flake.locked?.[input] !== u.to)
        .map(
          ([input, u]) =>
            `• Updated input '${input}':\n    '${u.from ?? 'github:NixOS/nixpkgs/0000000'}' (${u.fromDate ?? '1970-01-01'})\n  → '${u.to}' (${u.toDate})\n`,
        );
      flake.locked = Object.fromEntries(Object.entries(g.updates ?? {}).map(([k, u]) => [k, u.to]));
      write(all);
      return ok(
        '',
        report.length > 0 ? `warning: updating lock file '${dir}/flake.lock':\n${report.join('')}` : '',
      );
    }
    case 'nixos-rebuild':
      return nixosRebuild(name, g, args, all);
    case 'nix-env': {
      const si = args.indexOf('--switch-generation');
      if (args[args.indexOf('--profile') + 1] !== PROFILE || si < 0)
        return fail(70, 'nix-mox shim: only nix-env --profile <system> --switch-generation is simulated\n');
      const to = Number(args[si + 1]);
      if (!g.generations.some((x) => x.id === to)) return fail(1, `error: generation ${to} does not exist\n`);
      const from = g.current;
      g.current = to;
      write(all);
      return ok('', `switching profile from version ${from} to ${to}\n`);
    }
    case `${PROFILE}/bin/switch-to-configuration`: {
      if (args[0] !== 'switch')
        return fail(70, 'nix-mox shim: only switch-to-configuration switch is simulated\n');
      const failed = current(g).failedUnits ?? [];
      if (failed.length > 0)
        return fail(
          4,
          `${failed.map((u) => `warning: the following units failed: ${u}\n`).join('')}`,
          'activating the configuration...\n',
        );
      return ok('activating the configuration...\nsetting up /etc...\n');
    }
    default:
      return fail(127, `${cmd}: command not found\n`);
  }
}

/** `zfs rollback` of a dataset that holds a modelled guest: its disks go back to before its last switch. */
export function restoreGuestDisks(/** @type {string} */ snapshot) {
  const dataset = snapshot.split('@')[0] ?? '';
  const all = readGuestsModel();
  for (const g of Object.values(all)) {
    if (!(g.datasets ?? []).includes(dataset) || !g.beforeSwitch) continue;
    g.generations = g.beforeSwitch.generations;
    g.current = g.beforeSwitch.current;
    delete g.beforeSwitch;
  }
  write(all);
}

/** The same command answered in the QEMU guest agent's shape ({ exitcode, exited, out-data, err-data }). */
export function agentResultFromGuest(/** @type {string} */ name, /** @type {string[]} */ argv) {
  const r = runInNixosGuest(name, argv);
  /** @type {Record<string, unknown>} */
  const result = { exitcode: r.code, exited: 1 };
  if (r.stdout) result['out-data'] = r.stdout;
  if (r.stderr) result['err-data'] = r.stderr;
  return result;
}
