// Pre-flight checks for the system: the open-file limit esync needs, and free disk where the prefix will live.
import { pickFix } from '../platform';
import type { CheckResult, Fix } from '../types';
import { type CheckContext, result } from './context';
import { parseOpenFileLimit } from './parse';

/** Lutris' esync check: the hard RLIMIT_NOFILE must be at least 524288 (lutris/util/wine/wine.py). */
export const ESYNC_LIMIT = 524_288;

export async function checkEsync(ctx: CheckContext): Promise<CheckResult> {
  const title = 'Open-file limit (esync)';
  const fix = pickFix(ctx.family, {
    nixos: `security.pam.loginLimits = [ { domain = "*"; type = "hard"; item = "nofile"; value = "${ESYNC_LIMIT}"; } ];`,
    other: `add "* hard nofile ${ESYNC_LIMIT}" to /etc/security/limits.conf (or DefaultLimitNOFILE=1024:${ESYNC_LIMIT} in /etc/systemd/system.conf), then log in again`,
  });
  const text = ctx.host.readFile('/proc/self/limits');
  const limit = text ? parseOpenFileLimit(text) : null;
  if (!limit)
    return result('esync', title, 'warn', 'could not read the open-file limit (/proc/self/limits)', fix);
  const hard = limit.hard === Number.POSITIVE_INFINITY ? 'unlimited' : String(limit.hard);
  if (limit.hard >= ESYNC_LIMIT)
    return result('esync', title, 'pass', `hard limit ${hard} (esync needs ${ESYNC_LIMIT})`);
  return result(
    'esync',
    title,
    'warn',
    `hard limit ${hard} is below ${ESYNC_LIMIT}: esync would run out of files`,
    fix,
  );
}

const GiB = 1024 ** 3;
/** A fresh prefix is about 1 GiB; each snapshot copy on a file system without reflinks is another. */
export const DISK_FAIL_BELOW = 4 * GiB;
/** Current games take 50-150 GiB. */
export const DISK_WARN_BELOW = 50 * GiB;

export const formatGiB = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;

export async function checkDisk(ctx: CheckContext): Promise<CheckResult> {
  const title = 'Free disk';
  const fix: Fix = {
    kind: 'manual',
    text: 'free space there, or choose another place for the prefix (--prefix DIR)',
  };
  const free = await ctx.host.freeBytes(ctx.prefix);
  if (free === null)
    return result('disk', title, 'warn', `could not read the free space for ${ctx.prefix}`, fix);
  const where = `${formatGiB(free)} free for ${ctx.prefix}`;
  if (free < DISK_FAIL_BELOW)
    return result('disk', title, 'fail', `${where}: the prefix and its snapshots need 4 GiB`, fix);
  if (free < DISK_WARN_BELOW)
    return result('disk', title, 'warn', `${where}: large games need 50 GiB or more`, fix);
  return result('disk', title, 'pass', where);
}
