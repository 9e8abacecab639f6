// The flake's own outputs besides nixosConfigurations and the chosen shells (issue 10): `packages` (the maintenance
// scripts NixOS machines use, wrapped with writeShellApplication), `nixosModules` (the fragments, importable by
// other flakes), `checks` (each nixosConfiguration's build and a shellcheck of the scripts, so `nix flake check`
// covers them), a fallback `devShells` when no shell was chosen, and the colmena hive. Printed with the one Nix
// printer; the generator's flake.ts adds these bindings to `outputs`.
import { colmenaBinding } from './colmena';
import { LINUX_SYSTEMS } from './flake';
import type { NixosMachine } from './machines';
import { scriptEntries } from './maintenance';
import { type NixAttrs, nixAttrName, nixQuoted, nixValue, raw } from './nix';
import { FLAKE_DIR } from './paths';
import type { FileEntry } from './types';

/** The scripts a NixOS machine runs itself; the Proxmox-only ones (apt, vzdump) are not packaged. */
export const FLAKE_SCRIPTS = ['nixos-flake-update', 'zfs-snapshot'] as const;

/** What each script calls besides bash (nix and nixos-rebuild come from the system's own PATH). */
const RUNTIME_INPUTS: Record<(typeof FLAKE_SCRIPTS)[number], string[]> = {
  'nixos-flake-update': ['coreutils', 'gawk', 'gnugrep', 'util-linux', 'zfs'],
  'zfs-snapshot': ['coreutils', 'gawk', 'gnugrep', 'zfs'],
};

/** scripts/ of the flake: the packaged scripts and their shared library, byte for byte from the package. */
export function flakeScriptFiles(): FileEntry[] {
  return scriptEntries(FLAKE_SCRIPTS, `${FLAKE_DIR}/scripts`);
}

/** Fragments that are NixOS modules (the shells and the macOS platform file are `{ pkgs }:` shell functions). */
export function moduleFragments(fragments: string[]): string[] {
  return fragments.filter((f) => !f.startsWith('shells/') && f !== 'platforms/macos');
}

/** nixosModules.<name>: `base/system` -> `base-system`. */
export function moduleName(fragment: string): string {
  return fragment.replace(/\//g, '-');
}

export interface FlakeOutputsInput {
  machines: NixosMachine[];
  /** Fragment paths the flake holds (inside fragments/, without `.nix`). */
  fragments: string[];
  /** Shell ids the generator already puts in devShells. */
  shells: string[];
  /** The NixOS machines' platform (nixpkgs.hostPlatform of their hardware.nix). */
  system: string;
}

function packages(indent: string): string {
  const inner = `${indent}  `;
  const set: NixAttrs = {};
  for (const name of FLAKE_SCRIPTS) {
    set[name] = raw(
      `pkgs.writeShellApplication {\n${inner}  name = ${nixQuoted(name)};\n${inner}  runtimeInputs = ${nixValue(
        RUNTIME_INPUTS[name].map((p) => raw(`pkgs.${p}`)),
        `${inner}  `,
      )};\n${inner}  text = ''\n${inner}    exec \${./scripts}/${name} "$@"\n${inner}  '';\n${inner}}`,
    );
  }
  return `${indent}# The maintenance scripts, so NixOS machines get them from this flake: nix run .#zfs-snapshot -- --help\n${indent}packages = forSystems ${nixValue(LINUX_SYSTEMS)} (pkgs: ${nixValue(set, indent)});`;
}

function nixosModules(fragments: string[], indent: string): string | null {
  const mods = moduleFragments(fragments);
  if (mods.length === 0) return null;
  const set: NixAttrs = {};
  for (const f of [...mods].sort()) set[moduleName(f)] = raw(`./fragments/${f}.nix`);
  return `${indent}# The fragments as modules other flakes can import: inputs.nix-mox.nixosModules.base-system\n${indent}nixosModules = ${nixValue(set, indent)};`;
}

function checks(machines: NixosMachine[], system: string, indent: string): string {
  const set: NixAttrs = {};
  for (const m of machines)
    set[m.name] = raw(`self.nixosConfigurations.${nixAttrName(m.name)}.config.system.build.toplevel`);
  const inner = `${indent}    `;
  set['scripts-shellcheck'] = raw(
    `pkgs.runCommand "nix-mox-scripts-shellcheck" { nativeBuildInputs = [ pkgs.shellcheck ]; } ''\n${inner}  cd \${./scripts}\n${inner}  shellcheck --external-sources --source-path=SCRIPTDIR ${FLAKE_SCRIPTS.join(' ')} lib/nix-mox.sh\n${inner}  touch $out\n${inner}''`,
  );
  return `${indent}# nix flake check: every NixOS configuration builds, and the scripts pass shellcheck.\n${indent}checks.${nixAttrName(system)} =\n${indent}  let\n${indent}    pkgs = nixpkgs.legacyPackages.${nixAttrName(system)};\n${indent}  in\n${indent}  ${nixValue(set, `${indent}  `)};`;
}

function fallbackShell(indent: string): string {
  const inner = `${indent}    `;
  return `${indent}devShells = forSystems ${nixValue(LINUX_SYSTEMS)} (pkgs: {\n${inner}default = pkgs.mkShell { packages = [ pkgs.shellcheck ]; };\n${indent}  });`;
}

/** The bindings to add to `outputs`, each with a comment line, at the outputs' indentation. */
export function flakeOutputBindings(input: FlakeOutputsInput, indent = '      '): string[] {
  const out = [packages(indent)];
  const mods = nixosModules(input.fragments, indent);
  if (mods) out.push(mods);
  out.push(checks(input.machines, input.system, indent));
  if (input.shells.length === 0) out.push(fallbackShell(indent));
  const hive = colmenaBinding(input.machines, input.system, indent);
  if (hive) out.push(hive);
  return out;
}
