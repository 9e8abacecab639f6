// IOMMU groups as the kernel lists them (/sys/kernel/iommu_groups/<N>/devices/<address>) and the kernel arguments.
import { compareAddress, normalizeAddress } from './pci-address';

export interface IommuGroupListing {
  group: string;
  devices: string[];
}

export interface IommuGroups {
  /** Group number of each device address. */
  groupOf: Map<string, number>;
  /** Members of each group, in address order. */
  members: Map<number, string[]>;
  count: number;
  /** Directory entries that were not a group number or a PCI address (a damaged or unusual tree). */
  ignored: number;
}

export function parseIommuGroups(listing: IommuGroupListing[]): IommuGroups {
  const groupOf = new Map<string, number>();
  const members = new Map<number, string[]>();
  let ignored = 0;
  for (const entry of listing) {
    const group = /^\d{1,9}$/.test(entry.group) ? Number(entry.group) : null;
    if (group === null) {
      ignored++;
      continue;
    }
    const list = members.get(group) ?? [];
    for (const name of entry.devices) {
      const address = normalizeAddress(name);
      if (!address || groupOf.has(address)) {
        ignored++;
        continue;
      }
      groupOf.set(address, group);
      list.push(address);
    }
    list.sort(compareAddress);
    members.set(group, list);
  }
  return { groupOf, members, count: members.size, ignored };
}

const IOMMU_ARG_RE =
  /^(?:amd_iommu|intel_iommu|iommu|iommu\.[a-z_]+|pcie_acs_override|vfio[-_]pci\.ids|vfio[-_]pci\.disable_vga)=/;

/** The IOMMU- and passthrough-related arguments of a kernel command line, in their order. */
export function iommuKernelArgs(cmdline: string): string[] {
  return cmdline
    .split(/\s+/)
    .filter((arg) => IOMMU_ARG_RE.test(arg))
    .filter((arg, i, all) => all.indexOf(arg) === i);
}

/** The value of `GRUB_CMDLINE_LINUX_DEFAULT` in /etc/default/grub, without its quotes; null when absent. */
export function grubCmdline(text: string): string | null {
  let value: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s*GRUB_CMDLINE_LINUX_DEFAULT=(?:"([^"]*)"|'([^']*)'|(\S*))/.exec(line);
    if (m) value = m[1] ?? m[2] ?? m[3] ?? '';
  }
  return value;
}
