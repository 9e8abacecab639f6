// A report with nothing detected: what the wizard shows while detection runs, and the report for answers read
// without a machine to look at (e.g. a file from another host), which names only the platform and hostname.
import { unknownCpu } from './cpu';
import type { HostReport } from './types';

export function emptyReport(
  platform: 'proxmox' | 'nixos' | 'other' = 'other',
  hostname: string | null = null,
): HostReport {
  return {
    schemaVersion: 1,
    hostname,
    platform: { kind: platform, version: null, bootloader: 'unknown' },
    cpu: unknownCpu(),
    memoryBytes: null,
    iommu: { enabled: null, groupCount: 0, kernelArgs: [] },
    pci: [],
    gpus: [],
    usbControllers: [],
    disks: [],
    zfs: null,
    bridges: [],
    guests: [],
    warnings: [],
  };
}
