# nix-mox fragment: gaming on NixOS, chosen by nix-mox catalog id (src/catalog/gaming.ts). Modules are used
# where NixOS has them (Steam, GameMode, Gamescope); 32-bit graphics and PipeWire come with any choice.
{ config, lib, pkgs, ... }:

let
  cfg = config.nix-mox.gaming;
  packages = {
    steam = [ ];
    lutris = [ pkgs.lutris ];
    wine = [
      pkgs.wineWow64Packages.stable
      pkgs.winetricks
    ];
    dxvk = [ pkgs.dxvk ];
    vkd3d = [ pkgs.vkd3d-proton ];
    protonup-ng = [ pkgs.protonup-ng ];
    mangohud = [ pkgs.mangohud ];
    gamemode = [ ];
    gamescope = [ ];
  };
  chosen = id: builtins.elem id cfg.items;
in
{
  imports = [
    ./base/graphics.nix
    ./base/sound.nix
  ];

  options.nix-mox.gaming.items = lib.mkOption {
    type = lib.types.listOf (lib.types.enum (builtins.attrNames packages));
    default = [ ];
    description = "Gaming software to install, by nix-mox catalog id.";
  };

  config = {
    # Steam, Wine and Proton run 32-bit code.
    hardware.graphics.enable32Bit = true;
    programs.steam.enable = chosen "steam";
    programs.gamemode.enable = chosen "gamemode";
    programs.gamescope.enable = chosen "gamescope";
    environment.systemPackages = lib.concatMap (id: packages.${id}) cfg.items;
  };
}
