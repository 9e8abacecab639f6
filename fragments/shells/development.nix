# nix-mox fragment: the development development shell (nix develop .#development): editing and building software.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-development";
  packages = [
    pkgs.direnv
    pkgs.gh
    pkgs.git
    pkgs.just
    pkgs.neovim
    pkgs.nodejs_22
    pkgs.tmux
  ];
}
