// Development shells the flake offers (`nix develop .#<id>`): what each brings, as nixpkgs attributes.
import { type Catalog, type CatalogItem, catalogItem } from './types';

const shell = (
  id: string,
  label: string,
  summary: string,
  packages: string[],
  extra: Partial<CatalogItem> = {},
): CatalogItem => catalogItem(id, 'shells', label, summary, { packages, ...extra });

export const shellsCatalog: Catalog = {
  groups: [{ id: 'shells', title: 'Development shells' }],
  items: [
    shell('default', 'default', 'Everyday tools for working on this flake', [
      'git',
      'just',
      'jq',
      'ripgrep',
      'fd',
      'nixfmt',
    ]),
    shell('development', 'development', 'Editing and building software', [
      'git',
      'gh',
      'neovim',
      'nodejs_22',
      'direnv',
      'just',
      'tmux',
    ]),
    shell('testing', 'testing', 'Checking scripts and Nix files, trying VMs', [
      'shellcheck',
      'nixfmt',
      'alejandra',
      'qemu',
    ]),
    shell('services', 'services', 'Running and provisioning services', [
      'kubectl',
      'opentofu',
      'ansible',
      'postgresql',
      'haproxy',
      'nginx',
    ]),
    shell('monitoring', 'monitoring', 'Querying metrics and logs', [
      'prometheus',
      'grafana-loki',
      'grafana-alloy',
      'prometheus-node-exporter',
    ]),
    shell('zfs', 'zfs', 'ZFS pools, snapshots and replication', ['zfs', 'sanoid']),
    shell('gaming', 'gaming', 'Wine prefixes and Vulkan checks by hand', [
      'wineWow64Packages.stable',
      'winetricks',
      'protontricks',
      'vulkan-tools',
      'mangohud',
      'protonup-ng',
    ]),
    shell('macos', 'macos', 'The same everyday tools on macOS (darwin systems of the flake)', [
      'git',
      'jq',
      'ripgrep',
      'fd',
      'nixfmt',
      'kitty',
    ]),
    shell('storage', 'storage', 'Disk health and benchmarks', ['smartmontools', 'nvme-cli', 'fio']),
  ],
};
