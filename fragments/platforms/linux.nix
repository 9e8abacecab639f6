# nix-mox fragment: a NixOS machine on real hardware: firmware, firmware updates and SSD trim.
{ ... }:

{
  hardware.enableRedistributableFirmware = true;
  services.fwupd.enable = true;
  services.fstrim.enable = true;
}
