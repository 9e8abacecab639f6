// Passthrough candidates (GPUs, USB controllers) and their IOMMU isolation verdicts (DESIGN.md §3).
// A set of functions is isolated when every group holding one of them holds nothing else but them and PCI bridges.
import type { IommuGroups } from './iommu';
import { compareAddress, slotOf } from './pci-address';
import { DISPLAY_CLASSES, PCI_BRIDGE_CLASS, USB_CLASS } from './pci-classes';
import type { GpuReport, PciDevice, UsbControllerReport } from './types';

export interface Verdict {
  iommuGroup: number | null;
  isolated: boolean | null;
  sharedWith: string[];
}

/** Groups known means the IOMMU is on and the listing was read; otherwise every verdict is null (unknown). */
export function verdictFor(
  own: string[],
  pci: PciDevice[],
  groups: IommuGroups | null,
  primary: string | undefined = own[0],
): Verdict {
  if (!groups || groups.count === 0 || primary === undefined)
    return { iommuGroup: null, isolated: null, sharedWith: [] };
  const iommuGroup = groups.groupOf.get(primary) ?? null;
  const ownGroups = own.map((a) => groups.groupOf.get(a));
  if (ownGroups.some((g) => g === undefined)) return { iommuGroup, isolated: null, sharedWith: [] };
  const byAddress = new Map(pci.map((d) => [d.address, d]));
  const shared = new Set<string>();
  for (const g of new Set(ownGroups as number[])) {
    for (const member of groups.members.get(g) ?? []) {
      if (own.includes(member)) continue;
      if (byAddress.get(member)?.class === PCI_BRIDGE_CLASS) continue;
      shared.add(member);
    }
  }
  const sharedWith = [...shared].sort(compareAddress);
  return { iommuGroup, isolated: sharedWith.length === 0, sharedWith };
}

function functionsAt(
  slot: string,
  pci: PciDevice[],
  filter: (d: PciDevice) => boolean = () => true,
): string[] {
  return pci
    .filter((d) => slotOf(d.address) === slot && filter(d))
    .map((d) => d.address)
    .sort(compareAddress);
}

export function isDisplay(d: PciDevice): boolean {
  return d.class !== null && DISPLAY_CLASSES.has(d.class);
}

export function isUsbController(d: PciDevice): boolean {
  return d.class === USB_CLASS;
}

export function findGpus(
  pci: PciDevice[],
  groups: IommuGroups | null,
  bootVga: Map<string, boolean>,
): GpuReport[] {
  const gpus: GpuReport[] = [];
  const seenSlots = new Set<string>();
  for (const d of [...pci].sort((a, b) => compareAddress(a.address, b.address))) {
    if (!isDisplay(d) || seenSlots.has(slotOf(d.address))) continue;
    seenSlots.add(slotOf(d.address));
    const functions = functionsAt(slotOf(d.address), pci);
    const ids: string[] = [];
    for (const f of functions) {
      const dev = pci.find((p) => p.address === f);
      if (dev?.vendor && dev.device && !ids.includes(`${dev.vendor}:${dev.device}`))
        ids.push(`${dev.vendor}:${dev.device}`);
    }
    const v = verdictFor(functions, pci, groups, d.address);
    gpus.push({
      address: d.address,
      functions,
      iommuGroup: v.iommuGroup,
      isolated: v.isolated,
      sharedWith: v.sharedWith,
      vfioIds: ids,
      bootVga: bootVga.get(d.address) ?? null,
    });
  }
  return gpus;
}

export function findUsbControllers(pci: PciDevice[], groups: IommuGroups | null): UsbControllerReport[] {
  return pci
    .filter(isUsbController)
    .sort((a, b) => compareAddress(a.address, b.address))
    .map((d) => {
      const siblings = functionsAt(slotOf(d.address), pci, isUsbController);
      const own = [d.address, ...siblings.filter((a) => a !== d.address)];
      const v = verdictFor(own, pci, groups, d.address);
      return { address: d.address, iommuGroup: v.iommuGroup, isolated: v.isolated, sharedWith: v.sharedWith };
    });
}
