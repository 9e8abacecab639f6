# nix-mox fragment: the testing development shell (nix develop .#testing): checking scripts and Nix files, trying VMs.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-testing";
  packages = [
    pkgs.alejandra
    pkgs.nixfmt
    pkgs.qemu
    pkgs.shellcheck
  ];
}
