// A "new pool" in the answers that an earlier apply already created: a pool of that name exists and its member
// disks are exactly the answers' disks. Reconfiguring keeps such answers valid (the plan skips zpool create).
import type { HostReport } from '../host/types';
import type { Answers } from './schema';

export function poolAlreadyCreated(
  pool: NonNullable<Answers['storage']['newPool']>,
  report: HostReport,
): boolean {
  if (!report.zfs?.pools.some((p) => p.name === pool.name)) return false;
  const members = report.disks.filter((d) => d.holds.includes(`zfs:${pool.name}`)).map((d) => d.byId);
  return members.length === pool.disks.length && pool.disks.every((byId) => members.includes(byId));
}
