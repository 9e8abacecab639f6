// Field validators shared by the answers schema and the wizard's text fields. Each message is the expected
// form ("an RFC 1123 host label ..."); validate.ts words it as "<key path>: expected <form>, got <value>".
import { z } from 'zod';

const hostLabelRe = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const Hostname = z
  .string()
  .regex(hostLabelRe, 'an RFC 1123 host label: 1-63 of a-z, 0-9 and -, not starting or ending with -');

// POSIX portable names as shadow-utils accepts them by default (lower case), at most 32 characters.
const usernameRe = /^[a-z_][a-z0-9_-]{0,31}$/;
/** Accounts that exist on every NixOS or Proxmox system; an admin user must be a new, personal account. */
export const RESERVED_USERNAMES = ['root', 'nobody', 'daemon', 'bin', 'sys', 'sshd', 'messagebus', 'backup'];
export const Username = z
  .string()
  .regex(usernameRe, 'a user name: a-z, 0-9, _ and -, starting with a letter or _, at most 32 characters')
  .refine(
    (s) => !RESERVED_USERNAMES.includes(s) && !s.startsWith('nixbld') && !s.startsWith('systemd-'),
    'a user name that is not a system account (root, nobody, nixbld*, systemd-* ...)',
  );

export const PciAddress = z
  .string()
  .regex(/^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/, 'a PCI address with its domain, like 0000:01:00.0');

/** Absolute, normalised paths: no `.`/`..` components, no empty components, no control characters. */
export const AbsPath = z
  .string()
  .max(4096, 'a path of at most 4096 characters')
  .refine(
    (s) =>
      s.startsWith('/') &&
      !/[\u0000-\u001f\u007f]/.test(s) &&
      (s === '/' ||
        s
          .slice(1)
          .split('/')
          .every((c) => c !== '' && c !== '.' && c !== '..')),
    'an absolute path like /run/secrets/name (no . or .. parts, no empty parts, no control characters)',
  );

// OpenZFS zfs_namecheck.c: alphanumerics and _ - . : (ZFS also allows a space; nix-mox does not, as pool names
// go into Proxmox storage ids, scripts and Nix). zpool-create(8): must begin with a letter; mirror, raidz,
// draid, spare and log are reserved, as are names beginning with mirror, raidz, draid and spare; c[0-9]...
// looks like a Solaris disk name and is refused by pool_namecheck.
const zfsChars = /^[A-Za-z0-9_.:-]+$/;
export const ZFS_RESERVED_POOL_NAMES = ['mirror', 'raidz', 'draid', 'spare', 'log'];
const reservedPoolPrefix = /^(mirror|raidz|draid|spare)/;
// ZFS_MAX_DATASET_NAME_LEN is 256 (with the terminating NUL); pool names leave room for "/$ORIGIN@$ORIGIN".
const MAX_DATASET_NAME = 255;
const MAX_POOL_NAME = 255 - 2 - 2 * '$ORIGIN'.length;

export function zfsPoolNameProblem(s: string): string | null {
  if (s.length === 0) return 'a pool name (empty)';
  if (s.length > MAX_POOL_NAME) return `a pool name of at most ${MAX_POOL_NAME} characters`;
  if (!/^[A-Za-z]/.test(s)) return 'a pool name that begins with a letter';
  if (!zfsChars.test(s)) return 'a pool name of letters, digits, _ - . and : only';
  if (ZFS_RESERVED_POOL_NAMES.includes(s) || reservedPoolPrefix.test(s)) {
    return 'a pool name ZFS does not reserve (not mirror, raidz, draid, spare, log, or beginning with mirror/raidz/draid/spare)';
  }
  if (/^c[0-9]/.test(s)) return 'a pool name that does not look like a disk (c0, c1t0d0 ...)';
  return null;
}

export function zfsDatasetNameProblem(s: string): string | null {
  if (s.length > MAX_DATASET_NAME) return `a dataset name of at most ${MAX_DATASET_NAME} characters`;
  if (s.includes('@')) return 'a dataset name, not a snapshot (no @)';
  const [pool = '', ...rest] = s.split('/');
  const poolProblem = zfsPoolNameProblem(pool);
  if (poolProblem) return `a dataset name pool/name whose pool part is ${poolProblem}`;
  if (rest.length === 0) return 'a dataset name pool/name (the pool alone is not a dataset)';
  for (const c of rest) {
    if (c === '') return 'a dataset name without empty parts (no // and no trailing /)';
    if (c === '.' || c === '..') return 'a dataset name without . or .. parts';
    if (!zfsChars.test(c)) return 'a dataset name whose parts use letters, digits, _ - . and : only';
  }
  return null;
}

const fromProblem = (check: (s: string) => string | null, fallback: string) =>
  z.string().superRefine((s, ctx) => {
    const problem = check(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem || fallback, input: s });
  });

export const ZfsPoolName = fromProblem(zfsPoolNameProblem, 'a ZFS pool name');
export const ZfsDatasetName = fromProblem(zfsDatasetNameProblem, 'a ZFS dataset name');

/** Proxmox VMIDs: 100 to 999999999 (pve-common's pve-vmid format). */
export const Vmid = z
  .number('a whole number')
  .int('a whole number')
  .min(100, 'a VMID of at least 100')
  .max(999_999_999, 'a VMID of at most 999999999');

export const Timezone = z.string().refine((s) => {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(s)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return true;
  } catch {
    return false;
  }
}, 'a tz database name like Europe/Berlin or UTC');

export const ByIdPath = z
  .string()
  .regex(/^\/dev\/disk\/by-id\/[^/\s]+$/, 'a disk by its /dev/disk/by-id/ path (never /dev/sdX)');

export const BridgeName = z.string().regex(/^vmbr[0-9]{1,4}$/, 'a Proxmox bridge name like vmbr0');
