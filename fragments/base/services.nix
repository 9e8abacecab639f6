# nix-mox fragment: services every machine runs: SSH, and the scheduled flake update of this machine
# (the nix-mox script nixos-flake-update: flake update, dry-build, ZFS snapshot, switch).
{ config, lib, pkgs, ... }:

let
  cfg = config.nix-mox.maintenance;
in
{
  options.nix-mox.maintenance = {
    flakeUpdateSchedule = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "systemd OnCalendar expression for updating and switching this machine, or null for never.";
    };
    flakeDir = lib.mkOption {
      type = lib.types.str;
      default = "/etc/nix-mox/flake";
      description = "Where nix-mox keeps this machine's flake.";
    };
  };

  config = {
    services.openssh.enable = true;

    systemd.services.nix-mox-flake-update = lib.mkIf (cfg.flakeUpdateSchedule != null) {
      description = "nix-mox: update the flake inputs, build, snapshot and switch";
      startAt = cfg.flakeUpdateSchedule;
      wants = [ "network-online.target" ];
      after = [ "network-online.target" ];
      path = [
        config.nix.package
        config.system.build.nixos-rebuild
        pkgs.bash
        pkgs.git
        pkgs.zfs
      ];
      serviceConfig = {
        Type = "oneshot";
        ExecStart = "${cfg.flakeDir}/scripts/nixos-flake-update --flake ${cfg.flakeDir} --host ${config.networking.hostName}";
      };
    };
  };
}
