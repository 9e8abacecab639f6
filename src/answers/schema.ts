// The Answers contract (DESIGN.md §3): every choice the user makes, validated and versioned.
// Secrets are never values here, only paths to files that hold them (*File keys).
import { z } from 'zod';
import { catalogs } from '../catalog/index';
import type { Catalog } from '../catalog/types';
import { crossFieldIssues } from './cross-field';
import {
  AbsPath,
  BridgeName,
  ByIdPath,
  Hostname,
  PciAddress,
  Timezone,
  Username,
  Vmid,
  ZfsPoolName,
} from './fields';

export {
  AbsPath,
  BridgeName,
  ByIdPath,
  Hostname,
  PciAddress,
  Timezone,
  Username,
  Vmid,
  ZfsDatasetName,
  ZfsPoolName,
} from './fields';

export const ANSWERS_SCHEMA_VERSION = 1;

/** Unique ids from one catalog; a retired item is refused with its reason and what to use instead. */
function catalogIds(catalog: Catalog) {
  const ids = catalog.items.map((i) => i.id) as [string, ...string[]];
  const item = z.enum(ids).superRefine((id, ctx) => {
    const retired = catalog.items.find((i) => i.id === id)?.retired;
    if (retired) {
      ctx.addIssue({
        code: 'custom',
        input: id,
        message: `an app that can be installed (${id} is retired: ${retired.reason}; use ${retired.instead} instead)`,
      });
    }
  });
  return z.array(item).superRefine((list, ctx) => {
    list.forEach((id, i) => {
      if (list.indexOf(id) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          input: id,
          message: 'each entry once (this one is repeated)',
        });
      }
    });
  });
}

export const GuestConfig = z.strictObject({
  enabled: z.boolean(),
  vmid: Vmid,
  name: Hostname,
  cores: z.number().int('a whole number').min(1, 'at least 1 core').max(512, 'at most 512 cores'),
  memoryMiB: z.number().int('a whole number').min(256, 'at least 256 MiB'),
  diskGiB: z.number().int('a whole number').min(1, 'at least 1 GiB'),
  bridge: BridgeName,
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

const count = z.number().int('a whole number').min(0, 'at least 0').max(1000, 'at most 1000');
export const Keep = z.strictObject({ hourly: count, daily: count, weekly: count, monthly: count });

export const DATASETS = ['vm-disks', 'containers', 'backups', 'shared', 'messaging'] as const;
export const POOL_LAYOUTS = ['mirror', 'raidz1', 'raidz2'] as const;

// pve-storage-id (PVE::JSONSchema): starts with a letter, ends with a letter or digit.
const StorageId = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]*[a-z0-9]$/i, 'a Proxmox storage id like local or tank-backups');

export const AnswersShape = z.strictObject({
  schemaVersion: z.literal(ANSWERS_SCHEMA_VERSION),
  machine: z.strictObject({
    role: z.enum(['proxmox-host', 'nixos']),
    hostname: Hostname,
    timezone: Timezone,
    adminUser: Username,
    /** Public key files (.pub) to authorise for the admin user. */
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
        layout: z.enum(POOL_LAYOUTS),
        disks: z.array(ByIdPath),
      })
      .nullable(),
    /** Pool that holds the datasets (the new pool's name or an existing one). */
    datasetPool: ZfsPoolName.nullable(),
    datasets: z.array(z.enum(DATASETS)),
  }),
  guests: z.strictObject({
    nixosLxc: GuestConfig,
    windowsVm: GuestConfig,
    nixosVm: GuestConfig,
  }),
  shells: catalogIds(catalogs.shells),
  messaging: catalogIds(catalogs.messaging),
  gaming: catalogIds(catalogs.gaming),
  services: catalogIds(catalogs.services),
  infrastructure: catalogIds(catalogs.infrastructure),
  security: z.strictObject({
    tailscale: z.strictObject({ enabled: z.boolean(), authKeyFile: AbsPath.nullable() }),
    infisical: z.strictObject({ enabled: z.boolean(), tokenFile: AbsPath.nullable() }),
    sshHardening: z.boolean(),
    firewall: z.boolean(),
  }),
  maintenance: z.strictObject({
    /** systemd OnCalendar expression for host updates, or null for none. */
    updateSchedule: z.string().min(1, 'a systemd calendar expression like "Sun 04:00"').nullable(),
    snapshots: z.strictObject({ enabled: z.boolean(), pools: z.array(ZfsPoolName), keep: Keep }),
    backup: z.strictObject({
      enabled: z.boolean(),
      /** Proxmox calendar event, e.g. "03:00" or "sun 01:00". */
      schedule: z.string().min(1, 'a Proxmox calendar event like "03:00" or "sun 01:00"'),
      storage: StorageId,
      keepDaily: count,
      keepWeekly: count,
      keepMonthly: count,
    }),
  }),
  network: z.strictObject({ vmbr1: BridgeConfig, vmbr2: BridgeConfig }),
  games: z.array(
    z.strictObject({
      slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a game slug like world-of-warcraft'),
      prefix: AbsPath,
      runner: z.enum(['wine', 'umu']),
    }),
  ),
});

/** The shape plus the rules that tie keys together (unique VMIDs, whole GPUs, pool sizes ...). */
export const AnswersSchema = AnswersShape.superRefine(
  (answers, ctx) => {
    for (const issue of crossFieldIssues(answers)) {
      ctx.addIssue({ code: 'custom', path: issue.path, input: issue.input, message: issue.message });
    }
  },
  // Only on a well-formed object: the rules read nested keys that a malformed one may lack.
  { when: (payload) => payload.issues.length === 0 },
);

export type Answers = z.infer<typeof AnswersShape>;
