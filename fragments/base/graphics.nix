# nix-mox fragment: graphics drivers (Mesa, Vulkan). The GPU-specific driver lives in hardware.nix.
{ ... }:

{
  hardware.graphics.enable = true;
}
