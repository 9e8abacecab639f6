# nix-mox fragment: networking defaults. The host file turns the firewall off only when the answers say so.
{ lib, ... }:

{
  networking.firewall.enable = lib.mkDefault true;
  networking.useDHCP = lib.mkDefault true;
}
