# nix-mox fragment: the storage development shell (nix develop .#storage): disk health and benchmarks.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-storage";
  packages = [
    pkgs.fio
    pkgs.nvme-cli
    pkgs.smartmontools
  ];
}
