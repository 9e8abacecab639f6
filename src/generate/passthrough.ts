// What passing the chosen GPU and USB controllers to a VM takes: the functions, their ids, how they bind to
// vfio-pci (by id, or by address when another device on the host shares an id), the host drivers that must
// wait for vfio-pci, the kernel arguments, and the qm hostpci values. Shared by the Proxmox files, the NixOS
// vfio fragment and the plan.
import type { Answers } from '../answers/schema';
import type { GpuReport, HostReport, PciDevice } from '../host/types';
import { compareAddress, slotOf } from '../host/pci-address';

export const ACS_OVERRIDE_ARG = 'pcie_acs_override=downstream,multifunction';
export const VFIO_MODULES = ['vfio', 'vfio_iommu_type1', 'vfio_pci'];

export interface PassthroughModel {
  gpu: GpuReport | null;
  /** Every function passed (GPU functions and USB controllers), in address order. */
  functions: string[];
  /** vendor:device of the passed functions, distinct, in address order. */
  ids: string[];
  /** Bind by address (driver_override) rather than `ids=`: the answers ask for it, or an id is shared. */
  byAddress: boolean;
  /** Ids that devices staying on the host also have (they force binding by address). */
  sharedIds: string[];
  /** Host modules that would claim a passed function: `softdep <m> pre: vfio-pci`. */
  softdeps: string[];
  /** Kernel arguments passthrough needs on this CPU (and the ACS override when chosen). */
  kernelArgs: string[];
  /** `qm set --hostpciN` values, in order: the GPU first (all functions, x-vga), then USB controllers. */
  hostpci: string[];
  targetVmid: number | null;
}

const FALLBACK_MODULES: Record<string, string[]> = {
  '10de': ['nouveau', 'nvidia'],
  '1002': ['amdgpu', 'radeon'],
  '8086': ['i915'],
};

function modulesFor(d: PciDevice): string[] {
  const own = d.modules && d.modules.length > 0 ? d.modules : d.driver ? [d.driver] : [];
  const known = own.filter((m) => m !== 'vfio-pci' && m !== 'vfio_pci');
  if (known.length > 0 || d.modules !== null) return known;
  if (d.class === '0403') return ['snd_hda_intel'];
  if (d.class === '0c03') return ['xhci_pci'];
  if (d.class?.startsWith('03') && d.vendor) return FALLBACK_MODULES[d.vendor] ?? [];
  return [];
}

const idOf = (d: PciDevice) => (d.vendor && d.device ? `${d.vendor}:${d.device}` : null);

function fail(field: string, message: string): never {
  throw new Error(`passthrough.${field}: ${message}`);
}

/** The passthrough the answers ask for on this machine, or null when nothing is passed. Throws naming the field. */
export function passthroughModel(answers: Answers, report: HostReport): PassthroughModel | null {
  const p = answers.passthrough;
  if (p.gpu === null && p.usbControllers.length === 0) return null;
  const byAddr = new Map(report.pci.map((d) => [d.address, d]));
  let gpu: GpuReport | null = null;
  const functions = new Set<string>();
  if (p.gpu !== null) {
    gpu = report.gpus.find((g) => g.address === p.gpu) ?? null;
    if (!gpu) fail('gpu', `${p.gpu} is not a GPU on this machine`);
    for (const f of [...gpu.functions, ...p.functions]) functions.add(f);
  }
  for (const u of p.usbControllers) {
    if (!report.usbControllers.some((c) => c.address === u))
      fail('usbControllers', `${u} is not a USB controller here`);
    functions.add(u);
  }
  const passed = [...functions].sort(compareAddress);
  for (const a of passed) if (!byAddr.has(a)) fail('functions', `${a} is not a PCI device on this machine`);

  // Never pass part of an IOMMU group: everything sharing a group must be passed too, unless the ACS override
  // (an explained opt-in) splits the groups.
  if (!p.acsOverride) {
    const verdicts = [
      ...(gpu ? [{ field: 'gpu', address: gpu.address, sharedWith: gpu.sharedWith }] : []),
      ...p.usbControllers.map((u) => ({
        field: 'usbControllers',
        address: u,
        sharedWith: report.usbControllers.find((c) => c.address === u)?.sharedWith ?? [],
      })),
    ];
    for (const v of verdicts) {
      const left = v.sharedWith.filter((s) => !functions.has(s));
      if (left.length > 0) {
        fail(
          v.field,
          `${v.address} shares its IOMMU group with ${left.join(', ')}; pass the whole group or choose the ACS override`,
        );
      }
    }
  }

  const devices = passed.map((a) => byAddr.get(a)!);
  const ids = [...new Set(devices.map(idOf).filter((x): x is string => x !== null))];
  const sharedIds = ids.filter((id) => report.pci.some((d) => !functions.has(d.address) && idOf(d) === id));
  const softdeps = [...new Set(devices.flatMap(modulesFor))].sort();
  const kernelArgs = [
    ...(report.cpu.vendor === 'intel' ? ['intel_iommu=on'] : []),
    'iommu=pt',
    ...(p.acsOverride ? [ACS_OVERRIDE_ARG] : []),
  ];
  const gpuSlot = gpu ? slotOf(gpu.address) : null;
  const hostpci = [
    ...(gpuSlot ? [`${gpuSlot},pcie=1,x-vga=1`] : []),
    ...p.usbControllers.filter((u) => slotOf(u) !== gpuSlot).map((u) => `${u},pcie=1`),
  ];
  return {
    gpu,
    functions: passed,
    ids,
    byAddress: p.bindByAddress || sharedIds.length > 0,
    sharedIds,
    softdeps,
    kernelArgs,
    hostpci,
    targetVmid: p.targetVmid,
  };
}
