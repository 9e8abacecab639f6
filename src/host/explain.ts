// Plain-words explanations of the report, shared by `nix-mox detect` and the Hardware screen.
import { formatBytes } from './sizes';
import type { DiskReport, GpuReport, HostReport, PciDevice, UsbControllerReport } from './types';

export type VerdictWord = 'isolated' | 'shared' | 'unknown';

export function verdictWord(isolated: boolean | null): VerdictWord {
  return isolated === true ? 'isolated' : isolated === false ? 'shared' : 'unknown';
}

export function deviceName(report: HostReport, address: string): string {
  const d = report.pci.find((p) => p.address === address);
  return d ? d.name || d.className : 'unknown device';
}

function describe(report: HostReport, addresses: string[]): string {
  return addresses.map((a) => `${a} (${deviceName(report, a)})`).join(', ');
}

function unknownWhy(report: HostReport): string {
  if (report.iommu.enabled === false) {
    return 'Unknown: the IOMMU is off, so there are no groups to check yet. Turn it on first (see Warnings).';
  }
  return 'Unknown: the IOMMU groups could not be read, so nothing can be said about isolation.';
}

function driverLine(dev: PciDevice | undefined): string | null {
  if (!dev) return null;
  if (dev.driver === 'vfio-pci') return 'Bound to vfio-pci now: it is already reserved for a VM.';
  if (dev.driver)
    return `The host drives it now with ${dev.driver}; after passthrough it must show vfio-pci.`;
  if (dev.modules === null) return null;
  return 'No driver is bound to it now.';
}

export function explainGpu(report: HostReport, gpu: GpuReport): string[] {
  const lines: string[] = [];
  const group = gpu.iommuGroup ?? '?';
  if (gpu.isolated === true) {
    lines.push(
      `Can be passed through: IOMMU group ${group} holds only this card's ${gpu.functions.length === 1 ? 'function' : `${gpu.functions.length} functions`} (${gpu.functions.join(', ')}) and PCI bridges, which do not count. The VM gets all functions together.`,
    );
  } else if (gpu.isolated === false) {
    lines.push(
      `Cannot be passed through alone: its IOMMU group ${group} also holds ${describe(report, gpu.sharedWith)}. A group is always passed whole and nix-mox never splits one: move the card to another slot, or opt in to the ACS override (weaker isolation).`,
    );
  } else lines.push(unknownWhy(report));
  if (gpu.bootVga === true) {
    lines.push(
      'The firmware shows its boot screen on this card: the host console goes dark once it is passed through.',
    );
  }
  const driver = driverLine(report.pci.find((p) => p.address === gpu.address));
  if (driver) lines.push(driver);
  if (gpu.vfioIds.length > 0) lines.push(`vfio-pci ids: ${gpu.vfioIds.join(',')}`);
  return lines;
}

export function explainUsb(report: HostReport, usb: UsbControllerReport): string[] {
  const lines: string[] = [];
  const group = usb.iommuGroup ?? '?';
  if (usb.isolated === true) {
    lines.push(
      `Can be passed through: IOMMU group ${group} holds nothing else but PCI bridges. Every port on this controller then belongs to the VM (plug the VM's keyboard and mouse there).`,
    );
  } else if (usb.isolated === false) {
    lines.push(
      `Cannot be passed through alone: its IOMMU group ${group} also holds ${describe(report, usb.sharedWith)}. Pass single USB devices to the VM instead, or use a controller in a group of its own.`,
    );
  } else lines.push(unknownWhy(report));
  const driver = driverLine(report.pci.find((p) => p.address === usb.address));
  if (driver) lines.push(driver);
  return lines;
}

export function diskKind(disk: DiskReport): string {
  const medium = disk.rotational === true ? 'HDD' : disk.rotational === false ? 'SSD' : null;
  const bus = disk.transport === null ? null : disk.transport.toUpperCase();
  return [bus, medium].filter((x) => x !== null).join(' ') || 'kind unknown';
}

function holdsWords(holds: string[]): string[] {
  const parts = holds.filter((h) => h.startsWith('part:')).length;
  const words: string[] = [];
  if (parts > 0) words.push(`${parts} partition${parts === 1 ? '' : 's'}`);
  for (const h of holds) {
    if (h.startsWith('zfs:')) words.push(`ZFS pool ${h.slice(4)}`);
    else if (h.startsWith('lvm:')) words.push(`LVM volume group ${h.slice(4)}`);
    else if (h.startsWith('md:')) words.push(`RAID array ${h.slice(3)}`);
    else if (h.startsWith('fs:')) words.push(`${h.slice(3)} file system`);
    else if (h === 'luks') words.push('LUKS encryption');
    else if (h === 'lvm') words.push('LVM');
  }
  return words;
}

export function explainDisk(disk: DiskReport): string[] {
  const lines: string[] = [];
  const what = [formatBytes(disk.sizeBytes), diskKind(disk), disk.model].filter(Boolean).join(', ');
  lines.push(`${disk.path}: ${what}${disk.serial ? `, serial ${disk.serial}` : ''}.`);
  lines.push(disk.byId ? `Stable name: ${disk.byId}` : 'No /dev/disk/by-id name was found for it.');
  const holds = holdsWords(disk.holds);
  if (disk.system) {
    lines.push(
      `System disk${holds.length ? ` (${holds.join(', ')})` : ''}: the running system lives on it. Never offered for a new pool.`,
    );
  } else if (holds.length > 0 || disk.mounted.length > 0) {
    const mounted = disk.mounted.length > 0 ? `; mounted at ${disk.mounted.join(', ')}` : '';
    lines.push(
      `In use: ${holds.join(', ') || 'mounted'}${mounted}. Offered for a new pool only if you type its by-id name.`,
    );
  } else {
    lines.push('Blank: no partitions, file system, pool label or mount. It can go into a new pool.');
  }
  if (disk.removable === true) lines.push('Removable (a USB stick or card): not a place for a pool.');
  return lines;
}

export function hardwareSummary(report: HostReport): string {
  const n = report.gpus.length;
  const isolated = report.gpus.filter((g) => g.isolated === true).length;
  const known = report.gpus.filter((g) => g.isolated !== null).length;
  const gpus = `${n} GPU${n === 1 ? '' : 's'}`;
  const gpuPart =
    n === 0
      ? 'no GPU'
      : known === 0
        ? gpus
        : isolated === n
          ? `${gpus} isolated`
          : isolated === 0
            ? `${gpus} (none isolated)`
            : `${gpus} (${isolated} isolated)`;
  const iommu =
    report.iommu.enabled === true
      ? 'IOMMU on'
      : report.iommu.enabled === false
        ? 'IOMMU off'
        : 'IOMMU unknown';
  const d = report.disks.length;
  const w = report.warnings.length;
  return `${gpuPart}, ${iommu}, ${d} disk${d === 1 ? '' : 's'}${w > 0 ? `, ${w} warning${w === 1 ? '' : 's'}` : ''}`;
}
