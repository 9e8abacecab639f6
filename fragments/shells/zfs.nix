# nix-mox fragment: the zfs development shell (nix develop .#zfs): zFS pools, snapshots and replication.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-zfs";
  packages = [
    pkgs.sanoid
    pkgs.zfs
  ];
}
