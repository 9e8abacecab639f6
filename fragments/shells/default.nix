# nix-mox fragment: the default development shell (nix develop .#default): everyday tools for working on this flake.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-default";
  packages = [
    pkgs.fd
    pkgs.git
    pkgs.jq
    pkgs.just
    pkgs.nixfmt
    pkgs.ripgrep
  ];
}
