# nix-mox fragment: the gaming development shell (nix develop .#gaming): wine prefixes and Vulkan checks by hand.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-gaming";
  packages = [
    pkgs.mangohud
    pkgs.protontricks
    pkgs.protonup-ng
    pkgs.vulkan-tools
    pkgs.wineWow64Packages.stable
    pkgs.winetricks
  ];
}
