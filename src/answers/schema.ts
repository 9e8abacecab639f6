// The Answers contract (DESIGN.md §3): every choice the user makes, validated and versioned.
// Secrets are never values here, only paths to files that hold them.
import { z } from 'zod';

export const ANSWERS_SCHEMA_VERSION = 1;

const hostnameRe = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const usernameRe = /^[a-z_][a-z0-9_-]{0,31}$/;
const pciAddressRe = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const absPathRe = /^\/[^\0]*$/;
const zfsNameRe = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

export const Hostname = z.string().regex(hostnameRe, 'an RFC 1123 host label: a-z, 0-9 and -, 1-63 chars');
export const Username = z.string().regex(usernameRe, 'a POSIX user name: lower-case, starts with a letter or _');
export const PciAddress = z.string().regex(pciAddressRe, 'a PCI address like 0000:01:00.0');
export const AbsPath = z.string().regex(absPathRe, 'an absolute path');
export const ZfsPoolName = z
  .string()
  .regex(zfsNameRe, 'a ZFS pool name: starts with a letter; letters, digits, _ - . :')
  .refine((s) => !/^(mirror|raidz|draid|spare|log|cache)/.test(s) && !/^c[0-9]/.test(s), 'a name ZFS does not reserve');
export const Vmid = z.number().int('a whole number').min(100, 'at least 100').max(999_999_999);

export const GuestConfig = z.strictObject({
  enabled: z.boolean(),
  vmid: Vmid,
  name: Hostname,
  cores: z.number().int().min(1).max(512),
  memoryMiB: z.number().int().min(256),
  diskGiB: z.number().int().min(1),
  bridge: z.string().regex(/^vmbr[0-9]+$/, 'a bridge name like vmbr0'),
});
export type GuestConfig = z.infer<typeof GuestConfig>;

export const BridgeConfig = z.strictObject({
  enabled: z.boolean(),
  /** Physical port, or null for a host-only bridge. */
  port: z.string().nullable(),
  address: z.enum(['manual', 'static']),
  cidr: z.string().nullable(),
  gateway: z.string().nullable(),
});
export type BridgeConfig = z.infer<typeof BridgeConfig>;

export const Keep = z.strictObject({
  hourly: z.number().int().min(0).max(1000),
  daily: z.number().int().min(0).max(1000),
  weekly: z.number().int().min(0).max(1000),
  monthly: z.number().int().min(0).max(1000),
});

export const AnswersSchema = z.strictObject({
  schemaVersion: z.literal(ANSWERS_SCHEMA_VERSION),
  machine: z.strictObject({
    role: z.enum(['proxmox-host', 'nixos']),
    hostname: Hostname,
    timezone: z.string().min(1),
    adminUser: Username,
    sshKeyFiles: z.array(AbsPath),
  }),
  passthrough: z.strictObject({
    /** First function of the chosen GPU; all of its functions always go together. */
    gpu: PciAddress.nullable(),
    functions: z.array(PciAddress),
    usbControllers: z.array(PciAddress),
    targetVmid: Vmid.nullable(),
    /** Opt-in ACS override; off unless the user chose it with its cost explained. */
    acsOverride: z.boolean(),
    /** Bind by address (driver_override) instead of ids=, needed when two cards share ids. */
    bindByAddress: z.boolean(),
  }),
  storage: z.strictObject({
    newPool: z
      .strictObject({
        name: ZfsPoolName,
        layout: z.enum(['mirror', 'raidz1', 'raidz2']),
        disks: z.array(z.string().startsWith('/dev/disk/by-id/', 'a /dev/disk/by-id/ path')).min(2),
      })
      .nullable(),
    /** Pool that holds the datasets (the new pool's name or an existing one). */
    datasetPool: z.string().nullable(),
    datasets: z.array(z.enum(['vm-disks', 'containers', 'backups', 'shared', 'messaging'])),
  }),
  guests: z.strictObject({
    nixosLxc: GuestConfig,
    windowsVm: GuestConfig,
    nixosVm: GuestConfig,
  }),
  shells: z.array(z.string()),
  messaging: z.array(z.string()),
  gaming: z.array(z.string()),
  services: z.array(z.string()),
  infrastructure: z.array(z.string()),
  security: z.strictObject({
    tailscale: z.strictObject({ enabled: z.boolean(), authKeyFile: AbsPath.nullable() }),
    infisical: z.strictObject({ enabled: z.boolean(), tokenFile: AbsPath.nullable() }),
    sshHardening: z.boolean(),
    firewall: z.boolean(),
  }),
  maintenance: z.strictObject({
    /** systemd OnCalendar expression for host updates, or null for none. */
    updateSchedule: z.string().nullable(),
    snapshots: z.strictObject({ enabled: z.boolean(), pools: z.array(z.string()), keep: Keep }),
    backup: z.strictObject({
      enabled: z.boolean(),
      /** Proxmox calendar event, e.g. "03:00" or "sun 01:00". */
      schedule: z.string(),
      storage: z.string(),
      keepDaily: z.number().int().min(0),
      keepWeekly: z.number().int().min(0),
      keepMonthly: z.number().int().min(0),
    }),
  }),
  network: z.strictObject({ vmbr1: BridgeConfig, vmbr2: BridgeConfig }),
  games: z.array(
    z.strictObject({ slug: z.string(), prefix: AbsPath, runner: z.enum(['wine', 'umu']) }),
  ),
});

export type Answers = z.infer<typeof AnswersSchema>;
