# nix-mox fragment: messaging and communication apps, chosen by their nix-mox catalog id
# (src/catalog/messaging.ts). Retired apps (Skype) are not in the list and cannot be chosen.
{ config, lib, pkgs, ... }:

let
  apps = {
    signal = [ pkgs.signal-desktop ];
    telegram = [ pkgs.telegram-desktop ];
    discord = [ pkgs.discord ];
    slack = [ pkgs.slack ];
    element = [ pkgs.element-desktop ];
    # No official WhatsApp client exists for Linux; Karere wraps WhatsApp Web.
    whatsapp = [ pkgs.karere ];
    zoom = [ pkgs.zoom-us ];
    # `teams` is macOS-only; teams-for-linux is the community client.
    teams = [ pkgs.teams-for-linux ];
    thunderbird = [ pkgs.thunderbird ];
    evolution = [ pkgs.evolution ];
    mumble = [ pkgs.mumble ];
    teamspeak = [ pkgs.teamspeak6-client ];
    hexchat = [ pkgs.hexchat ];
    weechat = [ pkgs.weechat ];
  };
  cfg = config.nix-mox.messaging;
in
{
  options.nix-mox.messaging.apps = lib.mkOption {
    type = lib.types.listOf (lib.types.enum (builtins.attrNames apps));
    default = [ ];
    description = "Messaging apps to install, by nix-mox catalog id.";
  };

  config = {
    environment.systemPackages = lib.concatMap (id: apps.${id}) cfg.apps;
    # Electron clients (Signal, Element, Discord, Slack) use Wayland natively with this set.
    environment.sessionVariables.NIXOS_OZONE_WL = lib.mkIf (cfg.apps != [ ]) "1";
  };
}
