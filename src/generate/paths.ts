// Where nix-mox puts things on the machine it configures.

/** The NixOS flake (for the NixOS guests of a Proxmox host, or the NixOS machine itself). */
export const FLAKE_DIR = '/etc/nix-mox/flake';
/** The maintenance scripts (scripts/ of the package) and helpers, on a Proxmox host. */
export const SCRIPTS_DIR = '/usr/local/lib/nix-mox';
export const UNIT_DIR = '/etc/systemd/system';
/** What nix-mox has set up on this host (pools, storages, guests, backup job): the plan compares against it. */
export const STATE_FILE = '/etc/nix-mox/state.json';
/** Where Proxmox keeps container templates of the `local` storage. */
export const TEMPLATE_CACHE = '/var/lib/vz/template/cache';

export const NIXOS_RELEASE = '26.05';
export const NIXPKGS_URL = `github:NixOS/nixpkgs/nixos-${NIXOS_RELEASE}`;
export const STATE_VERSION = NIXOS_RELEASE;

export const ROOT_OWNER = 'root:root';
