// Passthrough section: which devices can go to a VM, why not, and what a choice implies (DESIGN.md §4).
import type { Answers } from '../answers/schema';
import type { HostReport, PciDevice } from '../host/types';
import { type WizardStatus, missingOr } from './status';

export type Passthrough = Answers['passthrough'];

export const ACS_ARG = 'pcie_acs_override=downstream,multifunction';

export const ACS_EXPLAINED = [
  `The ACS override (${ACS_ARG}) makes the Proxmox kernel treat every PCIe port as if it isolated its devices, so the group splits and one device can go alone.`,
  'Cost: it weakens isolation. The devices really do share the group: the passed device can still reach the others by peer-to-peer DMA, so a guest could read or corrupt what they (and the host through them) hold in memory.',
  'Choose it only on a home machine where you trust every guest. The groups change after the reboot; run detect again to see them.',
];

export type IommuState =
  | { kind: 'on'; groups: number }
  | { kind: 'args-missing'; args: string[]; setting: string }
  | { kind: 'firmware-off'; setting: string };

/** The firmware switch to look for when the kernel sees no IOMMU groups. */
export function firmwareSetting(report: HostReport): string {
  if (report.cpu.vendor === 'amd')
    return 'IOMMU (AMD-Vi) and SVM Mode (usually under Advanced > AMD CBS or NBIO)';
  if (report.cpu.vendor === 'intel') return 'VT-d (Intel Virtualization Technology for Directed I/O)';
  return 'IOMMU / VT-d / AMD-Vi';
}

export function iommuState(report: HostReport): IommuState {
  if (report.iommu.enabled !== false && report.iommu.groupCount > 0) {
    return { kind: 'on', groups: report.iommu.groupCount };
  }
  const setting = firmwareSetting(report);
  // AMD-Vi comes on by itself once enabled in firmware; Intel kernels may still need intel_iommu=on.
  const wanted = report.cpu.vendor === 'intel' ? ['intel_iommu=on', 'iommu=pt'] : ['iommu=pt'];
  const missing = wanted.filter((a) => !report.iommu.kernelArgs.includes(a));
  if (report.cpu.vendor === 'intel' && missing.includes('intel_iommu=on')) {
    return { kind: 'args-missing', args: missing, setting };
  }
  return { kind: 'firmware-off', setting };
}

export function iommuMessage(state: IommuState): string {
  if (state.kind === 'on') return `IOMMU on: ${state.groups} groups`;
  if (state.kind === 'args-missing') {
    return `IOMMU off: the plan adds ${state.args.join(' ')} to the kernel command line; if the groups are still empty after the reboot, enable ${state.setting} in the firmware setup`;
  }
  return `IOMMU off: the kernel sees no IOMMU groups. Enable ${state.setting} in the firmware setup (it cannot be switched on from Linux), then run nix-mox again`;
}

export function pciName(report: HostReport, address: string): string {
  const dev = report.pci.find((d) => d.address === address);
  if (!dev) return address;
  // "NVIDIA Corporation GA106 [GeForce RTX 3060]" -> the marketing name; "Advanced Micro Devices, Inc. [AMD]
  // Matisse USB 3.0 Host Controller" -> "AMD Matisse USB 3.0 Host Controller".
  const marketing = /\[([^\]]+)\]\s*$/.exec(dev.name);
  if (marketing?.[1]) return marketing[1];
  const vendor = /^[^[]*\[([^\]]+)\]\s+(.+)$/.exec(dev.name);
  return vendor ? `${vendor[1]} ${vendor[2]}` : dev.name;
}

/** "01:00.0" for "0000:01:00.0"; other domains stay in full. */
export const shortAddress = (address: string): string => address.replace(/^0000:/, '');

export interface Candidate {
  kind: 'gpu' | 'usb';
  address: string;
  name: string;
  /** What moves together when this device is chosen alone: all functions of a GPU, or the controller. */
  functions: string[];
  group: number | null;
  isolated: boolean | null;
  sharedWith: string[];
  verdict: string;
}

function verdict(
  report: HostReport,
  group: number | null,
  isolated: boolean | null,
  shared: string[],
): string {
  if (isolated === null || group === null) return 'IOMMU group unknown';
  if (isolated) return `isolated in IOMMU group ${group}`;
  const names = shared.map((a) => `${shortAddress(a)} ${pciName(report, a)}`);
  return `shares IOMMU group ${group} with ${names.join(', ')}`;
}

export function gpuCandidates(report: HostReport): Candidate[] {
  return report.gpus.map((g) => ({
    kind: 'gpu',
    address: g.address,
    name: pciName(report, g.address),
    functions: g.functions,
    group: g.iommuGroup,
    isolated: g.isolated,
    sharedWith: g.sharedWith,
    verdict: verdict(report, g.iommuGroup, g.isolated, g.sharedWith),
  }));
}

const slot = (address: string): string => address.slice(0, address.lastIndexOf('.'));

/** A USB controller goes with every other USB controller at its bus:device (they count as its functions). */
export function usbCandidates(report: HostReport): Candidate[] {
  return report.usbControllers.map((u) => ({
    kind: 'usb',
    address: u.address,
    name: pciName(report, u.address),
    functions: report.usbControllers.filter((o) => slot(o.address) === slot(u.address)).map((o) => o.address),
    group: u.iommuGroup,
    isolated: u.isolated,
    sharedWith: u.sharedWith,
    verdict: verdict(report, u.iommuGroup, u.isolated, u.sharedWith),
  }));
}

export type ShareMode = 'alone' | 'whole-group' | 'acs';

/** Every PCI address the choice passes to the VM. */
export function passedDevices(p: Passthrough): string[] {
  return sortAddresses([...p.functions, ...p.usbControllers]);
}

const sortAddresses = (list: string[]): string[] => [...new Set(list)].sort();

const isStorageOrNetwork = (d: PciDevice | undefined): boolean =>
  d?.class !== null && d?.class !== undefined && (d.class.startsWith('01') || d.class.startsWith('02'));

/** Warnings for passing a whole group: devices the host itself may need (disk and network controllers). */
export function wholeGroupCosts(report: HostReport, c: Candidate): string[] {
  return c.sharedWith
    .map((a) => report.pci.find((d) => d.address === a))
    .filter(isStorageOrNetwork)
    .map((d) => `${shortAddress(d!.address)} ${pciName(report, d!.address)} goes too: the host loses it`);
}

// The answers keep the GPU's own functions in `functions` (same bus:device, the schema's rule) and every other
// passed PCI device in `usbControllers`: the USB controllers chosen, and the rest of a group passed whole.

export function chooseGpu(
  p: Passthrough,
  report: HostReport,
  c: Candidate | null,
  mode: ShareMode,
): Passthrough {
  const previous = gpuCandidates(report).find((g) => g.address === p.gpu);
  // Devices that came along only because the old GPU's group went whole leave with it.
  const kept = p.usbControllers.filter((a) => p.acsOverride || !previous?.sharedWith.includes(a));
  if (!c) return withBinding({ ...p, gpu: null, functions: [], usbControllers: kept }, report);
  const extras = mode === 'whole-group' ? c.sharedWith.filter((a) => !c.functions.includes(a)) : [];
  return withBinding(
    {
      ...p,
      gpu: c.address,
      functions: [...c.functions],
      // A USB controller that is one of the GPU's own functions goes with the GPU, not as a separate choice.
      usbControllers: sortAddresses([...kept, ...extras]).filter((a) => !c.functions.includes(a)),
      acsOverride: p.acsOverride || mode === 'acs',
    },
    report,
  );
}

export function toggleUsb(p: Passthrough, report: HostReport, c: Candidate, mode: ShareMode): Passthrough {
  if (p.usbControllers.includes(c.address)) {
    const drop = new Set([...c.functions, ...(p.acsOverride ? [] : c.sharedWith)]);
    return withBinding({ ...p, usbControllers: p.usbControllers.filter((a) => !drop.has(a)) }, report);
  }
  const added = mode === 'whole-group' ? [...c.functions, ...c.sharedWith] : c.functions;
  // A group that holds a GPU takes the GPU whole, as the GPU's choice (all its functions, x-vga and all).
  const gpu = gpuCandidates(report).find((g) => g.functions.some((f) => added.includes(f)));
  const base = gpu && p.gpu !== gpu.address ? chooseGpu(p, report, gpu, 'whole-group') : p;
  return withBinding(
    {
      ...base,
      usbControllers: sortAddresses([
        ...base.usbControllers,
        ...added.filter((a) => !base.functions.includes(a)),
      ]),
      acsOverride: base.acsOverride || mode === 'acs',
    },
    report,
  );
}

/**
 * True when a passed device has the same vendor:device as one the host keeps (two identical GPUs, or two
 * identical chipset USB controllers): `vfio-pci ids=` would take both, so binding must go by address.
 */
export function needsBindByAddress(report: HostReport, passed: readonly string[]): boolean {
  const id = (d: PciDevice) => `${d.vendor}:${d.device}`;
  const passedIds = new Set(report.pci.filter((d) => passed.includes(d.address) && d.vendor).map(id));
  return report.pci.some((d) => !passed.includes(d.address) && d.vendor !== null && passedIds.has(id(d)));
}

const withBinding = (p: Passthrough, report: HostReport): Passthrough => ({
  ...p,
  bindByAddress: needsBindByAddress(report, passedDevices(p)),
});

/** Points the choice at a VM; a choice with nothing passed keeps its target for later. */
export const withTarget = (p: Passthrough, vmid: number | null): Passthrough => ({ ...p, targetVmid: vmid });

/** When devices are passed and the target is not an enabled VM, the first enabled VM (Windows first) gets them. */
export function withDefaultTarget(p: Passthrough, answers: Answers): Passthrough {
  const vms = targetVms(answers);
  if (passedDevices(p).length === 0 || vms.some((v) => v.vmid === p.targetVmid)) return p;
  return { ...p, targetVmid: vms[0]?.vmid ?? p.targetVmid };
}

export interface TargetVm {
  key: 'windowsVm' | 'nixosVm';
  label: string;
  vmid: number;
}

export function targetVms(answers: Answers): TargetVm[] {
  const list: TargetVm[] = [];
  if (answers.guests.windowsVm.enabled)
    list.push({ key: 'windowsVm', label: 'Windows VM', vmid: answers.guests.windowsVm.vmid });
  if (answers.guests.nixosVm.enabled)
    list.push({ key: 'nixosVm', label: 'NixOS VM', vmid: answers.guests.nixosVm.vmid });
  return list;
}

/** Candidates whose group would be passed only in part by this choice. */
function partialGroups(p: Passthrough, report: HostReport): Candidate[] {
  if (p.acsOverride) return [];
  const passed = new Set(passedDevices(p));
  return [...gpuCandidates(report), ...usbCandidates(report)].filter(
    (c) => passed.has(c.address) && c.isolated === false && c.sharedWith.some((a) => !passed.has(a)),
  );
}

export function passthroughProblems(answers: Answers, report: HostReport): string[] {
  const p = answers.passthrough;
  const passed = passedDevices(p);
  if (passed.length === 0) return [];
  const problems: string[] = [];
  const state = iommuState(report);
  if (state.kind === 'firmware-off')
    problems.push(`IOMMU is off: enable ${state.setting} in the firmware setup`);
  if (p.gpu) {
    const gpu = report.gpus.find((g) => g.address === p.gpu);
    if (!gpu) problems.push(`GPU ${p.gpu} is not in this machine`);
    else if (gpu.functions.some((f) => !p.functions.includes(f))) {
      problems.push(
        `GPU ${shortAddress(gpu.address)} must pass all its functions (${gpu.functions.map(shortAddress).join(', ')})`,
      );
    }
  }
  for (const a of passed) {
    if (!report.pci.some((d) => d.address === a)) problems.push(`device ${a} is not in this machine`);
  }
  for (const c of usbCandidates(report)) {
    const missing = c.functions.filter((f) => !passed.includes(f));
    if (passed.includes(c.address) && missing.length > 0 && !p.acsOverride) {
      problems.push(
        `${shortAddress(c.address)} goes with ${missing.map(shortAddress).join(', ')} (the same device)`,
      );
    }
  }
  for (const c of partialGroups(p, report)) {
    problems.push(
      `${shortAddress(c.address)} shares IOMMU group ${c.group}: pass the whole group, opt in to the ACS override, or leave it`,
    );
  }
  const targets = targetVms(answers);
  if (p.targetVmid === null) problems.push('the VM that gets the devices');
  else if (!targets.some((t) => t.vmid === p.targetVmid)) {
    problems.push(`target VMID ${p.targetVmid} is not an enabled VM in Guests`);
  }
  if (p.bindByAddress !== needsBindByAddress(report, passed)) problems.push('binding by address out of date');
  return problems;
}

/** Things the user must know about the current choice (not errors). */
export function passthroughNotes(answers: Answers, report: HostReport): string[] {
  const p = answers.passthrough;
  const notes: string[] = [];
  const gpu = report.gpus.find((g) => g.address === p.gpu);
  if (gpu && report.gpus.length === 1) {
    notes.push(
      "This is the host's only GPU: after the reboot the host goes headless (no local console). Manage it over SSH or the web UI on port 8006.",
    );
  } else if (gpu?.bootVga) {
    notes.push(
      "This card shows the boot screen: set the firmware's primary display to the other GPU, or the host console goes dark.",
    );
  }
  if (p.bindByAddress) {
    notes.push(
      'Another device on this host has the same vendor:device ids, so vfio-pci ids= would take both: nix-mox binds by address (driver_override) instead.',
    );
  }
  if (p.acsOverride)
    notes.push(`ACS override on (${ACS_ARG}): isolation is weakened; groups change after the reboot.`);
  return notes;
}

export function passthroughStatus(answers: Answers, report: HostReport): WizardStatus {
  if (answers.machine.role !== 'proxmox-host')
    return { kind: 'info', summary: 'not used on a NixOS machine' };
  const p = answers.passthrough;
  const passed = passedDevices(p);
  if (passed.length === 0) {
    const state = iommuState(report);
    const iommu = state.kind === 'on' ? '' : ' · IOMMU off';
    return { kind: 'optional', summary: `none: no device goes to a VM${iommu}` };
  }
  const parts: string[] = [];
  if (p.gpu) parts.push(`${pciName(report, p.gpu)} (${p.functions.length} functions)`);
  const isUsb = (a: string) => report.usbControllers.some((u) => u.address === a);
  const usb = p.usbControllers.filter(isUsb).length;
  const other = p.usbControllers.length - usb;
  if (usb > 0) parts.push(`${usb} USB controller${usb === 1 ? '' : 's'}`);
  if (other > 0) parts.push(`${other} other device${other === 1 ? '' : 's'}`);
  const target = targetVms(answers).find((t) => t.vmid === p.targetVmid);
  let summary = `${parts.join(' + ')} → ${target ? `${target.label} ${target.vmid}` : `VMID ${p.targetVmid ?? '?'}`}`;
  if (p.acsOverride) summary += ' · ACS override';
  if (p.bindByAddress) summary += ' · bind by address';
  return missingOr(passthroughProblems(answers, report), { kind: 'done', summary });
}
