// Where the maintenance scripts are: the repository's (or package's) scripts/ next to dist/ or src/.
// NIX_MOX_SCRIPTS_DIR overrides it (an installed copy, e.g. /usr/local/lib/nix-mox).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCRIPT_NAMES = [
  'proxmox-update',
  'vzdump-backup',
  'zfs-snapshot',
  'nixos-flake-update',
  'install',
  'uninstall',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/** The first `scripts/` holding zfs-snapshot, walking up from this module (dist/nix-mox.js or src/maintenance/). */
export function findScriptsDir(
  env: NodeJS.ProcessEnv = process.env,
  from = dirname(fileURLToPath(import.meta.url)),
): string {
  const override = env['NIX_MOX_SCRIPTS_DIR'];
  if (override) {
    if (!existsSync(join(override, 'zfs-snapshot'))) {
      throw new Error(
        `NIX_MOX_SCRIPTS_DIR=${override} has no zfs-snapshot; point it at nix-mox's scripts/ directory`,
      );
    }
    return resolve(override);
  }
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'scripts');
    if (existsSync(join(candidate, 'zfs-snapshot'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find nix-mox's scripts/ directory near ${from}; set NIX_MOX_SCRIPTS_DIR`);
}

export function scriptPath(dir: string, name: ScriptName): string {
  return join(dir, name);
}
