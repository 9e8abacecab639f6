# nix-mox fragment: a NixOS container on Proxmox (pct create --ostype nixos --unprivileged 1 --features nesting=1).
# The Proxmox host bind-mounts the flake read-only at /etc/nix-mox/flake.
{ modulesPath, ... }:

{
  imports = [ (modulesPath + "/virtualisation/proxmox-lxc.nix") ];

  proxmoxLXC = {
    privileged = false;
    manageNetwork = false;
    manageHostName = true;
  };
}
