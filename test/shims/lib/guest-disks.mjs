// Disk options of `qm create/set` and `pct create/set` that ask for a new volume
// (STORAGE:SIZE_IN_GiB), turned into allocated volumes as the real tools report them.
import { allocVolume, formatSize, requireStorage } from './pve-state.mjs';
import { joinPropertyString, splitPropertyString } from './pve-tool.mjs';

const QEMU_DISK = /^(efidisk0|tpmstate0|(scsi|virtio|sata|ide)\d+)$/;
const LXC_DISK = /^(rootfs|mp\d+)$/;

/**
 * Replaces each new-volume disk option in `changes` by the allocated volume and returns the
 * "<key>: successfully created disk '<value>'" lines qemu-server prints (pct prints none).
 * @param {'qemu' | 'lxc'} kind @param {number} vmid @param {Record<string, string>} changes
 * @param {import('./pve-state.mjs').Guest[]} guests
 */
export function allocateDisks(kind, vmid, changes, guests) {
  const lines = [];
  for (const key of Object.keys(changes).sort()) {
    const isDisk = kind === 'qemu' ? QEMU_DISK.test(key) : LXC_DISK.test(key);
    if (!isDisk) continue;
    const defaultKey = kind === 'qemu' ? 'file' : 'volume';
    const parts = splitPropertyString(String(changes[key]), defaultKey);
    const spec = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(\d+(?:\.\d+)?)$/i.exec(parts[defaultKey] ?? '');
    if (!spec) continue;
    const storage = requireStorage(/** @type {string} */ (spec[1]));
    let size = Math.round(Number(spec[2]) * 1024 ** 3);
    if (key === 'efidisk0') size = parts['efitype'] === '4m' ? 528 * 1024 : 128 * 1024;
    if (key === 'tpmstate0') size = 4 * 1024 ** 2;
    if (key === 'efidisk0' && storage.type !== 'dir') size = Math.max(size, 1024 ** 2);
    const volid = allocVolume(
      storage,
      vmid,
      guests,
      kind === 'lxc' && storage.type === 'zfspool' ? 'subvol' : 'disk',
      size,
      parts['format'] ?? 'raw',
    );
    parts[defaultKey] = volid;
    parts['size'] = formatSize(size);
    changes[key] = joinPropertyString(parts, defaultKey);
    if (kind === 'qemu') lines.push(`${key}: successfully created disk '${changes[key]}'\n`);
  }
  return lines.join('');
}
