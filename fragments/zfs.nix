# nix-mox fragment: ZFS on NixOS. ZFS needs networking.hostId (8 hex digits); it defaults to one derived from
# the host name, and the host file sets the machine's existing id where it has one.
{ config, lib, ... }:

{
  options.nix-mox.zfs.extraPools = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    default = [ ];
    description = "Pools to import at boot besides the root pool.";
  };

  config = {
    boot.supportedFilesystems = [ "zfs" ];
    networking.hostId = lib.mkDefault (builtins.substring 0 8 (builtins.hashString "sha256" config.networking.hostName));
    boot.zfs.extraPools = config.nix-mox.zfs.extraPools;
    services.zfs.autoScrub.enable = true;
  };
}
