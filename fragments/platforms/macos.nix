# nix-mox fragment: the macos development shell, offered on the darwin systems of the flake
# (nix develop .#macos on an Intel or Apple silicon Mac). Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-macos";
  packages = [
    pkgs.fd
    pkgs.git
    pkgs.jq
    pkgs.kitty
    pkgs.nixfmt
    pkgs.ripgrep
  ];
}
