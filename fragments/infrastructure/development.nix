# nix-mox fragment: a development machine: Docker, nix-ld for binaries built elsewhere, flakes, and the usual
# tools.
{ pkgs, ... }:

{
  virtualisation.docker.enable = true;
  programs.nix-ld.enable = true;
  nix.settings.experimental-features = [
    "nix-command"
    "flakes"
  ];
  environment.systemPackages = [
    pkgs.direnv
    pkgs.gh
    pkgs.git
    pkgs.just
    pkgs.neovim
    pkgs.nodejs_22
  ];
}
