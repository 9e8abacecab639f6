// The HostReport is the `nix-mox detect --json` contract (schema v1, DESIGN.md §3). Field names are stable.

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Where probes read from: every file is `root + path`, every command runs from PATH as an argv array. */
export interface Host {
  root: string;
  run(cmd: string, args: string[], opts?: { timeoutMs?: number }): Promise<CommandResult>;
}

export type PlatformKind = 'proxmox' | 'nixos' | 'other';
export type Bootloader = 'systemd-boot' | 'grub' | 'unknown';

export interface PciDevice {
  address: string;
  class: string | null;
  className: string;
  vendor: string | null;
  device: string | null;
  name: string;
  subsystem: string | null;
  /** null when unknown (lspci ran without -k); the empty-driver case is `null` with modules known. */
  driver: string | null;
  modules: string[] | null;
  iommuGroup: number | null;
}

export interface GpuReport {
  address: string;
  functions: string[];
  iommuGroup: number | null;
  isolated: boolean | null;
  sharedWith: string[];
  vfioIds: string[];
  bootVga: boolean | null;
}

export interface UsbControllerReport {
  address: string;
  iommuGroup: number | null;
  isolated: boolean | null;
  sharedWith: string[];
}

export interface DiskReport {
  name: string;
  path: string;
  byId: string | null;
  sizeBytes: number | null;
  rotational: boolean | null;
  transport: 'nvme' | 'sata' | 'usb' | 'sas' | null;
  model: string | null;
  serial: string | null;
  /** What lives on the disk: `part:<name>`, `fs:<type>`, `lvm:<vg>`, `md:<name>`, `luks`, `zfs:<pool>`. */
  holds: string[];
  mounted: string[];
  system: boolean;
  removable?: boolean | null;
}

export interface ZfsPool {
  name: string;
  health: string;
  sizeBytes: number | null;
}

export interface GuestReport {
  vmid: number;
  kind: 'qemu' | 'lxc';
  name: string;
  status: string;
}

export interface Warning {
  code: string;
  message: string;
  fix: string;
}

export interface HostReport {
  schemaVersion: 1;
  hostname: string | null;
  platform: { kind: PlatformKind; version: string | null; bootloader: Bootloader };
  cpu: {
    vendor: 'amd' | 'intel' | 'other';
    model: string | null;
    threads: number | null;
    virtualization: 'svm' | 'vmx' | null;
  };
  memoryBytes: number | null;
  iommu: { enabled: boolean | null; groupCount: number; kernelArgs: string[] };
  pci: PciDevice[];
  gpus: GpuReport[];
  usbControllers: UsbControllerReport[];
  disks: DiskReport[];
  zfs: { pools: ZfsPool[] } | null;
  bridges: string[];
  guests: GuestReport[];
  warnings: Warning[];
}
