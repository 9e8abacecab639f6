# nix-mox fragment: a NixOS virtual machine on Proxmox (QEMU guest agent, virtio disks, the Proxmox image layout).
{ modulesPath, ... }:

{
  imports = [ (modulesPath + "/virtualisation/proxmox-image.nix") ];

  services.qemuGuest.enable = true;
}
