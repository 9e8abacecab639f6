// The Proxmox host as the shims see it: platform facts, guests, storages, ZFS, templates and
// backups, read from and written to $NIX_MOX_SHIM_STATE (see test/shims/README.md).
import { ShimExit, readState, writeState } from './shim-runtime.mjs';

/**
 * @typedef {{ name: string, snaptime: number, description?: string }} GuestSnapshot
 * @typedef {{ vmid: number, kind: 'qemu' | 'lxc', name: string, status: 'running' | 'stopped',
 *   node?: string, config: Record<string, string>, snapshots?: GuestSnapshot[], pid?: number,
 *   backupSizeBytes?: number }} Guest
 * @typedef {{ id: string, type: string, path?: string, pool?: string, content?: string,
 *   total?: number, used?: number, avail?: number, enabled?: number, active?: number,
 *   'prune-backups'?: string, [key: string]: unknown }} Storage
 * @typedef {{ pveversion: string, pveManagerHash: string, kernel: string, kernels: string[],
 *   bootTool: 'systemd-boot' | 'grub', proxmoxBootTool: boolean, bootMode: 'uefi' | 'legacy bios',
 *   espUuids: string[], node: string, cluster: null | { name: string, configVersion?: number,
 *   nodes: { name: string, ip: string, local?: boolean }[] } }} Platform
 */

/** @returns {Platform} */
export function readPlatform() {
  /** @type {Partial<Platform>} */
  const p = readState('platform', {});
  const bootTool = p.bootTool ?? 'systemd-boot';
  const kernel = p.kernel ?? p.kernels?.[0] ?? '6.17.2-1-pve';
  return {
    pveversion: p.pveversion ?? '9.1.3',
    pveManagerHash: p.pveManagerHash ?? '0bbd58c0f2d24b52',
    kernel,
    kernels: p.kernels ?? [kernel],
    bootTool,
    proxmoxBootTool: p.proxmoxBootTool ?? bootTool === 'systemd-boot',
    bootMode: p.bootMode ?? (bootTool === 'systemd-boot' ? 'uefi' : 'legacy bios'),
    espUuids: p.espUuids ?? ['E014-501F'],
    node: p.node ?? 'pve',
    cluster: p.cluster ?? null,
  };
}

/** @returns {Guest[]} */
export const readGuests = () => readState('guests', []);
/** @param {Guest[]} guests */
export const writeGuests = (guests) =>
  writeState(
    'guests',
    [...guests].sort((a, b) => a.vmid - b.vmid),
  );

/** A fresh Proxmox VE install has the `local` directory storage. @returns {Storage[]} */
export const readStorage = () =>
  readState('storage', [{ id: 'local', type: 'dir', path: '/var/lib/vz', content: 'iso,vztmpl,backup' }]);
/** @param {Storage[]} list */
export const writeStorage = (list) => writeState('storage', list);

/** @param {string} id */
export function requireStorage(id) {
  const s = readStorage().find((x) => x.id === id);
  if (!s) throw new ShimExit(255, `storage '${id}' does not exist\n`);
  return s;
}

/** @param {Storage} s */
export const storageContent = (s) => (s.content ?? '').split(',').filter((c) => c !== '');

/**
 * @typedef {{ name: string, health: string, sizeBytes: number, allocBytes: number, layout: string,
 *   disks: string[], [key: string]: unknown }} Pool
 * @typedef {{ name: string, properties?: Record<string, string | number> }} Dataset
 * @typedef {{ name: string, creation: number, [key: string]: unknown }} Snapshot
 * @typedef {{ pools: Pool[], datasets: Dataset[], snapshots: Snapshot[] }} Zfs
 */
/** @returns {Zfs} */
export function readZfs() {
  /** @type {Partial<Zfs>} */
  const z = readState('zfs', {});
  return { pools: z.pools ?? [], datasets: z.datasets ?? [], snapshots: z.snapshots ?? [] };
}
/** @param {Zfs} zfs */
export const writeZfs = (zfs) => writeState('zfs', zfs);

/** "Configuration file 'nodes/pve/qemu-server/100.conf' does not exist" when absent. */
export function requireGuest(
  /** @type {Guest[]} */ guests,
  /** @type {number} */ vmid,
  /** @type {'qemu' | 'lxc'} */ kind,
) {
  const g = guests.find((x) => x.vmid === vmid && x.kind === kind);
  if (!g) {
    const dir = kind === 'qemu' ? 'qemu-server' : 'lxc';
    throw new ShimExit(
      255,
      `Configuration file 'nodes/${readPlatform().node}/${dir}/${vmid}.conf' does not exist\n`,
    );
  }
  return g;
}

/** JSONSchema::parse_size: "32G" -> bytes. */
export function parseSize(/** @type {string} */ value) {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(value);
  if (!m) return undefined;
  const mult = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[/** @type {'K'} */ (m[2])] ?? 1;
  return Math.floor(Number(m[1]) * mult);
}

/** JSONSchema::format_size: the largest exact unit. */
export function formatSize(/** @type {number} */ size) {
  const units = ['', 'K', 'M', 'G', 'T'];
  let n = Math.floor(size);
  let i = 0;
  while (i < 4 && n % 1024 === 0 && n >= 1024) {
    n /= 1024;
    i++;
  }
  return `${n}${units[i]}`;
}

/**
 * Allocates a new volume for a `STORAGE:SIZE` disk option, as PVE::Storage::vdisk_alloc names them,
 * creating the zvol/subvol in zfs.json for zfspool storages.
 * @param {Storage} storage @param {number} vmid @param {Guest[]} guests
 * @param {'disk' | 'subvol'} kind @param {number} sizeBytes @param {string} [fmt] file format on dir storages
 */
export function allocVolume(storage, vmid, guests, kind, sizeBytes, fmt = 'raw') {
  const used = new Set();
  for (const g of guests) for (const v of Object.values(g.config)) used.add(String(v).split(',')[0]);
  const zfs = readZfs();
  const prefix = kind === 'subvol' ? 'subvol' : 'vm';
  let n = 0;
  const volname = () =>
    storage.type === 'dir' ? `${vmid}/vm-${vmid}-disk-${n}.${fmt}` : `${prefix}-${vmid}-disk-${n}`;
  while (
    used.has(`${storage.id}:${volname()}`) ||
    (storage.type === 'zfspool' && zfs.datasets.some((d) => d.name === `${storage.pool}/${volname()}`))
  ) {
    n++;
  }
  const name = volname();
  if (storage.type === 'zfspool') {
    const pool = String(storage.pool ?? '');
    if (!zfs.datasets.some((d) => d.name === pool)) {
      throw new ShimExit(255, `zfs error: cannot open '${pool}': dataset does not exist\n`);
    }
    zfs.datasets.push({
      name: `${pool}/${name}`,
      properties:
        kind === 'subvol'
          ? { type: 'filesystem', refquota: sizeBytes, mountpoint: `/${pool}/${name}` }
          : { type: 'volume', volsize: sizeBytes },
    });
    writeZfs(zfs);
  }
  return `${storage.id}:${name}`;
}

/** Drops a guest's zvols/subvols from zfs.json (qm/pct destroy). */
export function freeGuestVolumes(/** @type {Guest} */ guest) {
  const storages = readStorage();
  const zfs = readZfs();
  const names = new Set();
  for (const value of Object.values(guest.config)) {
    const volid = String(value).split(',')[0] ?? '';
    const [sid, vol] = volid.split(':');
    const s = storages.find((x) => x.id === sid);
    if (s?.type === 'zfspool' && vol) names.add(`${s.pool}/${vol}`);
  }
  if (names.size === 0) return;
  zfs.datasets = zfs.datasets.filter((d) => !names.has(d.name));
  zfs.snapshots = zfs.snapshots.filter((s) => !names.has(s.name.split('@')[0]));
  writeZfs(zfs);
}
