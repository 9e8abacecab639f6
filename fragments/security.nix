# nix-mox fragment: Tailscale, Infisical and SSH hardening. Secrets are only ever paths to files on the machine:
# nothing secret enters the Nix store or the generated files.
{ config, lib, pkgs, ... }:

let
  cfg = config.nix-mox.security;
in
{
  options.nix-mox.security = {
    tailscale = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = "Join the tailnet with tailscaled.";
    };
    tailscaleAuthKeyFile = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "File holding a Tailscale auth key, read at boot to log in unattended.";
    };
    infisical = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = "Install the Infisical CLI.";
    };
    infisicalTokenFile = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "File holding an Infisical machine-identity token; the `infisical-run` wrapper reads it at run time.";
    };
    sshHardening = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = "Keys only: no passwords, no keyboard-interactive logins, root only with a key.";
    };
  };

  config = {
    services.tailscale = lib.mkIf cfg.tailscale {
      enable = true;
      authKeyFile = cfg.tailscaleAuthKeyFile;
    };

    environment.systemPackages = lib.optionals cfg.infisical (
      [ pkgs.infisical ]
      ++ lib.optional (cfg.infisicalTokenFile != null) (
        pkgs.writeShellScriptBin "infisical-run" ''
          token_file=${lib.escapeShellArg cfg.infisicalTokenFile}
          if [ ! -r "$token_file" ]; then
            echo "infisical-run: cannot read the token file $token_file" >&2
            exit 1
          fi
          INFISICAL_TOKEN="$(cat "$token_file")"
          export INFISICAL_TOKEN
          exec ${pkgs.infisical}/bin/infisical run "$@"
        ''
      )
    );

    services.openssh.settings = lib.mkIf cfg.sshHardening {
      PasswordAuthentication = false;
      KbdInteractiveAuthentication = false;
      PermitRootLogin = "prohibit-password";
    };
  };
}
