# nix-mox fragment: a graphical desktop (KDE Plasma 6 on SDDM) with NetworkManager.
{ config, ... }:

{
  services.xserver.enable = true;
  services.displayManager.sddm.enable = true;
  services.desktopManager.plasma6.enable = true;
  networking.networkmanager.enable = true;
  users.users.${config.nix-mox.adminUser}.extraGroups = [ "networkmanager" ];
}
