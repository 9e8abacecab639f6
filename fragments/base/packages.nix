# nix-mox fragment: the everyday command-line tools on every machine.
{ pkgs, ... }:

{
  environment.systemPackages = [
    pkgs.fd
    pkgs.htop
    pkgs.jq
    pkgs.pciutils
    pkgs.ripgrep
    pkgs.usbutils
  ];
}
