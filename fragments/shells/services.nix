# nix-mox fragment: the services development shell (nix develop .#services): running and provisioning services.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-services";
  packages = [
    pkgs.ansible
    pkgs.haproxy
    pkgs.kubectl
    pkgs.nginx
    pkgs.opentofu
    pkgs.postgresql
  ];
}
