// Storage usage as PVE::Storage reports it: zfspool storages from their pool in zfs.json,
// others from the storage entry's own total/used/avail fields.
import { readZfs } from './pve-state.mjs';

/** @param {import('./pve-state.mjs').Storage} s */
export function storageUsage(s) {
  if (s.type === 'zfspool') {
    const poolName = String(s.pool ?? '').split('/')[0];
    const pool = readZfs().pools.find((p) => p.name === poolName);
    if (pool) {
      const avail = Math.max(0, pool.sizeBytes - pool.allocBytes);
      return { total: s.total ?? pool.sizeBytes, used: s.used ?? pool.allocBytes, avail: s.avail ?? avail };
    }
  }
  const total = Number(s.total ?? 0);
  const used = Number(s.used ?? 0);
  return { total, used, avail: Number(s.avail ?? Math.max(0, total - used)) };
}
