// /dev/disk/by-id names: which link names each kernel device, and the one to show for a disk.
export interface ByIdLink {
  /** Link name inside /dev/disk/by-id, e.g. `nvme-eui.0025388b91b2b9c2`. */
  name: string;
  /** Kernel name the link resolves to, e.g. `nvme0n1`. */
  target: string;
}

/** `../../nvme0n1p3` -> `nvme0n1p3`. */
export function linkTargetName(target: string): string {
  const parts = target.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts[parts.length - 1] ?? '';
}

function rank(name: string): number {
  if (name.startsWith('wwn-')) return 0;
  if (name.startsWith('nvme-eui.')) return 1;
  if (/^(ata|usb|nvme|scsi-SATA|scsi-S)[-_]/.test(name) && !name.startsWith('nvme-nvme.')) return 2;
  return 3;
}

/** World-wide names first, then model_serial names; never a partition's link. */
export function preferredById(links: ByIdLink[], kernelName: string): string | null {
  const candidates = links
    .filter((l) => l.target === kernelName && !/-part\d+$/.test(l.name))
    .filter((l) => !/^(dm|lvm|md)-/.test(l.name))
    .sort(
      (a, b) => rank(a.name) - rank(b.name) || a.name.length - b.name.length || (a.name < b.name ? -1 : 1),
    );
  const best = candidates[0];
  return best ? `/dev/disk/by-id/${best.name}` : null;
}

/** Kernel name behind a device path as zpool or a config prints it (`/dev/disk/by-id/...`, `/dev/sda3`, `sda3`). */
export function kernelNameOf(devicePath: string, links: ByIdLink[]): string | null {
  const byId = /^\/dev\/disk\/by-id\/(.+)$/.exec(devicePath);
  if (byId) return links.find((l) => l.name === byId[1])?.target ?? null;
  const dev = /^\/dev\/([^/]+)$/.exec(devicePath);
  if (dev) return dev[1]!;
  if (!devicePath.includes('/')) return links.find((l) => l.name === devicePath)?.target ?? devicePath;
  return null;
}
