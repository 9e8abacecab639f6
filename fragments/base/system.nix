# nix-mox fragment: the administrator account and locale. Every machine nix-mox generates imports it.
{ config, lib, ... }:

let
  cfg = config.nix-mox;
in
{
  options.nix-mox = {
    adminUser = lib.mkOption {
      type = lib.types.str;
      description = "Login name of the administrator (member of wheel).";
    };
    authorizedKeys = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
      description = "Public SSH keys that may log in as the administrator.";
    };
  };

  config = {
    users.users.${cfg.adminUser} = {
      isNormalUser = true;
      extraGroups = [ "wheel" ];
      openssh.authorizedKeys.keys = cfg.authorizedKeys;
    };
    i18n.defaultLocale = lib.mkDefault "en_US.UTF-8";
  };
}
