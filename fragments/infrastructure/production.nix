# nix-mox fragment: a production machine: unattended upgrades from this machine's own flake (no reboot on its
# own), store collection and optimisation, SSH for administration.
{ config, ... }:

{
  system.autoUpgrade = {
    enable = true;
    flake = "/etc/nix-mox/flake#${config.networking.hostName}";
    dates = "04:40";
    allowReboot = false;
  };
  nix.gc.automatic = true;
  nix.settings.auto-optimise-store = true;
  services.openssh.enable = true;
}
