# nix-mox fragment: PostgreSQL, local connections only; its major version follows system.stateVersion.
{ ... }:

{
  services.postgresql.enable = true;
}
