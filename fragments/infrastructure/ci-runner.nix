# nix-mox fragment: a machine that runs CI jobs: Docker for job containers, flakes, and a store that is
# collected and optimised so that builds do not fill the disk.
{ pkgs, ... }:

{
  virtualisation.docker.enable = true;
  nix.settings = {
    experimental-features = [
      "nix-command"
      "flakes"
    ];
    auto-optimise-store = true;
  };
  nix.gc.automatic = true;
  environment.systemPackages = [ pkgs.git ];
}
