// Warnings about the machine itself: each names a problem the user must act on and a concrete fix.
import type { IommuState } from './probes';
import type { Bootloader, HostReport, PciDevice, Warning } from './types';
import { warning } from './warning';

export function firmwareSetting(vendor: HostReport['cpu']['vendor']): string {
  if (vendor === 'amd') return '"SVM Mode" and "IOMMU" (AMD-Vi)';
  if (vendor === 'intel') return '"VT-d" (Intel Virtualization Technology for Directed I/O)';
  return '"VT-d" on Intel or "IOMMU" (AMD-Vi) on AMD';
}

/** Where the kernel command line is edited, by boot loader and platform. */
export function kernelArgsHowTo(bootloader: Bootloader, kind: HostReport['platform']['kind']): string {
  if (kind === 'nixos')
    return 'add them to boot.kernelParams in the NixOS configuration, run nixos-rebuild switch';
  if (bootloader === 'systemd-boot')
    return 'add them to the single line in /etc/kernel/cmdline, run proxmox-boot-tool refresh';
  if (bootloader === 'grub')
    return 'add them to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, run update-grub';
  return "add them to the boot loader's kernel command line";
}

export function neededIommuArgs(vendor: HostReport['cpu']['vendor']): string[] {
  return vendor === 'amd' ? ['iommu=pt'] : ['intel_iommu=on', 'iommu=pt'];
}

export interface WarningFacts {
  report: Omit<HostReport, 'warnings'>;
  iommuState: IommuState;
  cpuFlagsKnown: boolean;
  /** IOMMU arguments in the boot configuration (/etc/kernel/cmdline or /etc/default/grub); null when unread. */
  configuredArgs: string[] | null;
}

function iommuOff(f: WarningFacts): Warning | null {
  const { report } = f;
  if (report.iommu.enabled !== false) return null;
  const where =
    f.iommuState === 'missing'
      ? '/sys/kernel/iommu_groups does not exist'
      : '/sys/kernel/iommu_groups is empty';
  const missing = neededIommuArgs(report.cpu.vendor).filter((a) => !report.iommu.kernelArgs.includes(a));
  const firmware = `enable ${firmwareSetting(report.cpu.vendor)} in the firmware setup (UEFI/BIOS)`;
  const fix =
    missing.length === 0
      ? `The kernel arguments are already in place, so the IOMMU is off in the firmware: ${firmware}, then boot again.`
      : `${firmware[0]!.toUpperCase()}${firmware.slice(1)}; then ${missing.join(' ')} are needed: ${kernelArgsHowTo(report.platform.bootloader, report.platform.kind)}, and reboot.`;
  return warning(
    'iommu-off',
    `IOMMU is off or not enabled in the firmware (${where}), so no device can be passed through to a VM.`,
    fix,
  );
}

function virtualizationOff(f: WarningFacts): Warning | null {
  if (!f.cpuFlagsKnown || f.report.cpu.virtualization !== null) return null;
  const setting =
    f.report.cpu.vendor === 'amd'
      ? '"SVM Mode"'
      : f.report.cpu.vendor === 'intel'
        ? '"Intel Virtualization Technology" (VT-x)'
        : '"SVM Mode" (AMD) or "Intel Virtualization Technology" (VT-x)';
  return warning(
    'virtualization-off',
    'The CPU does not offer hardware virtualization (no svm or vmx flag), so VMs cannot use KVM.',
    `Enable ${setting} in the firmware setup. If this machine is itself a VM, enable nested virtualization on its host.`,
  );
}

function nameOf(pci: PciDevice[], address: string): string {
  const d = pci.find((p) => p.address === address);
  return d ? `${d.name || d.className} at ${address}` : address;
}

function gpuWarnings(report: WarningFacts['report']): Warning[] {
  const out: Warning[] = [];
  for (const gpu of report.gpus) {
    if (gpu.isolated !== false) continue;
    out.push(
      warning(
        'gpu-shares-group',
        `GPU ${nameOf(report.pci, gpu.address)} shares IOMMU group ${gpu.iommuGroup ?? '?'} with ${gpu.sharedWith.join(', ')}; a group can only be passed through whole.`,
        'Move the card to another slot (the first x16 slot is usually wired to the CPU and has a group of its own), or pass the whole group if the host needs none of those devices, or opt in to the ACS override (pcie_acs_override=downstream,multifunction), which splits the group but weakens the isolation between its devices.',
      ),
    );
  }
  const byIds = new Map<string, string[]>();
  for (const gpu of report.gpus) {
    const dev = report.pci.find((p) => p.address === gpu.address);
    if (!dev?.vendor || !dev.device) continue;
    const id = `${dev.vendor}:${dev.device}`;
    byIds.set(id, [...(byIds.get(id) ?? []), gpu.address]);
  }
  for (const [id, addresses] of byIds) {
    if (addresses.length < 2) continue;
    out.push(
      warning(
        'gpu-same-ids',
        `GPUs ${addresses.join(' and ')} have the same vendor:device id ${id}, so binding by ids (vfio-pci ids=) would take all of them.`,
        'Bind the card to pass through by its address (driver_override) instead of by ids; nix-mox does this when you choose the card in Passthrough.',
      ),
    );
  }
  if (report.gpus.length === 1) {
    const only = report.gpus[0]!;
    out.push(
      warning(
        'single-gpu',
        `This host has one GPU, ${nameOf(report.pci, only.address)}: passing it to a VM leaves the host without a local display.`,
        'Make sure you can reach the host over SSH or its web UI (port 8006) from another machine first, or add a second or integrated GPU for the host.',
      ),
    );
  }
  return out;
}

function pendingArgs(f: WarningFacts): Warning | null {
  if (!f.configuredArgs) return null;
  const running = f.report.iommu.kernelArgs;
  const pending = f.configuredArgs.filter((a) => !running.includes(a));
  if (pending.length === 0) return null;
  return warning(
    'kernel-args-pending',
    `The boot configuration has ${pending.join(' ')} but the running kernel was started without them: a reboot is pending.`,
    f.report.platform.bootloader === 'systemd-boot'
      ? 'Run proxmox-boot-tool refresh, then reboot the host.'
      : f.report.platform.bootloader === 'grub'
        ? 'Run update-grub, then reboot the host.'
        : 'Reboot the host.',
  );
}

function poolWarnings(report: WarningFacts['report']): Warning[] {
  return (report.zfs?.pools ?? [])
    .filter((p) => p.health !== 'ONLINE')
    .map((p) =>
      warning(
        'zpool-unhealthy',
        `ZFS pool ${p.name} is ${p.health}.`,
        `Run zpool status -x ${p.name} to see which device failed, then replace it with zpool replace ${p.name} <old> <new>.`,
      ),
    );
}

export function machineWarnings(f: WarningFacts): Warning[] {
  return [
    iommuOff(f),
    virtualizationOff(f),
    ...gpuWarnings(f.report),
    pendingArgs(f),
    ...poolWarnings(f.report),
  ].filter((w): w is Warning => w !== null);
}
