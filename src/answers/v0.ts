// Version 0 of the answers file: the flat, snake_case shape the first nix-mox prototype wrote. Read only, to migrate.
import { z } from 'zod';

const csv = z.string();
const keep = (parts: number, form: string) =>
  z.string().regex(new RegExp(`^\\d+(/\\d+){${parts - 1}}$`), form);

export const AnswersV0 = z.strictObject({
  version: z.literal(0),
  role: z.enum(['proxmox', 'nixos']),
  hostname: z.string(),
  timezone: z.string().optional(),
  admin_user: z.string().optional(),
  /** Comma-separated public key paths. */
  ssh_keys: csv.optional(),
  /** The GPU's first function, with or without the 0000: domain. */
  gpu: z.string().nullable().optional(),
  usb_controllers: z.array(z.string()).optional(),
  passthrough_vmid: z.number().nullable().optional(),
  acs_override: z.boolean().optional(),
  pool: z
    .strictObject({
      name: z.string(),
      type: z.enum(['mirror', 'raidz', 'raidz1', 'raidz2']),
      disks: z.array(z.string()),
    })
    .nullable()
    .optional(),
  dataset_pool: z.string().nullable().optional(),
  lxc_vmid: z.number().optional(),
  windows_vmid: z.number().optional(),
  nixos_vmid: z.number().optional(),
  windows_cores: z.number().optional(),
  windows_memory_mb: z.number().optional(),
  windows_disk_gb: z.number().optional(),
  /** Comma-separated shell names. */
  shells: csv.optional(),
  messaging: z.array(z.string()).optional(),
  /** One switch for the whole gaming stack. */
  gaming: z.boolean().optional(),
  services: z.array(z.string()).optional(),
  tailscale_auth_key_file: z.string().nullable().optional(),
  infisical_token_file: z.string().nullable().optional(),
  ssh_hardening: z.boolean().optional(),
  firewall: z.boolean().optional(),
  /** hourly/daily/weekly/monthly */
  snapshot_keep: keep(4, 'four counts hourly/daily/weekly/monthly like "24/7/4/12"').optional(),
  backup_time: z.string().optional(),
  backup_storage: z.string().optional(),
  /** daily/weekly/monthly */
  backup_keep: keep(3, 'three counts daily/weekly/monthly like "7/4/6"').optional(),
});

export type AnswersV0 = z.infer<typeof AnswersV0>;
