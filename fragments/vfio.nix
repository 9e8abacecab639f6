# nix-mox fragment: PCI passthrough on a NixOS machine that runs its own VMs (libvirt). Devices bind to
# vfio-pci by vendor:device id, or by address with driver_override when identical cards share ids.
{ config, lib, ... }:

let
  cfg = config.nix-mox.vfio;
in
{
  options.nix-mox.vfio = {
    cpuVendor = lib.mkOption {
      type = lib.types.enum [
        "amd"
        "intel"
      ];
      description = "CPU vendor: Intel needs intel_iommu=on, AMD-Vi is on once enabled in the firmware.";
    };
    ids = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
      description = "vendor:device ids bound to vfio-pci (options vfio-pci ids=...).";
    };
    addresses = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
      description = "PCI addresses bound to vfio-pci with driver_override (identical cards).";
    };
    softdeps = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
      description = "Host drivers that must load after vfio-pci so they do not claim the passed devices.";
    };
  };

  config = {
    boot.kernelParams = lib.optionals (cfg.cpuVendor == "intel") [ "intel_iommu=on" ] ++ [ "iommu=pt" ];
    boot.initrd.kernelModules = [
      "vfio_pci"
      "vfio"
      "vfio_iommu_type1"
    ];
    boot.extraModprobeConfig = lib.concatStringsSep "\n" (
      lib.optionals (cfg.ids != [ ]) [ "options vfio-pci ids=${lib.concatStringsSep "," cfg.ids} disable_vga=1" ]
      ++ lib.optionals (cfg.ids == [ ]) [ "options vfio-pci disable_vga=1" ]
      ++ map (m: "softdep ${m} pre: vfio-pci") cfg.softdeps
    );
    boot.initrd.preDeviceCommands = lib.optionalString (cfg.addresses != [ ]) ''
      for dev in ${lib.concatStringsSep " " cfg.addresses}; do
        echo vfio-pci > "/sys/bus/pci/devices/$dev/driver_override"
      done
      modprobe -i vfio-pci
    '';
    virtualisation.libvirtd.enable = true;
    users.users.${config.nix-mox.adminUser}.extraGroups = [ "libvirtd" ];
  };
}
