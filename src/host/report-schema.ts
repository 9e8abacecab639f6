// The `nix-mox detect --json` v1 contract as a zod schema: tests validate the CLI's output against it.
import { z } from 'zod';

const address = z
  .string()
  .regex(/^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/, 'a PCI address with its domain');
const hexId = z.string().regex(/^[0-9a-f]{4}$/);
const vendorDevice = z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/);
const warningSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string().min(1),
  fix: z.string().min(1),
});

export const PciDeviceSchema = z.strictObject({
  address,
  class: z
    .string()
    .regex(/^[0-9a-f]{4}$/)
    .nullable(),
  className: z.string(),
  vendor: hexId.nullable(),
  device: hexId.nullable(),
  name: z.string(),
  subsystem: vendorDevice.nullable(),
  driver: z.string().min(1).nullable(),
  modules: z.array(z.string().min(1)).nullable(),
  iommuGroup: z.number().int().min(0).nullable(),
});

export const HostReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  hostname: z.string().min(1).nullable(),
  platform: z.strictObject({
    kind: z.enum(['proxmox', 'nixos', 'other']),
    version: z.string().min(1).nullable(),
    bootloader: z.enum(['systemd-boot', 'grub', 'unknown']),
  }),
  cpu: z.strictObject({
    vendor: z.enum(['amd', 'intel', 'other']),
    model: z.string().min(1).nullable(),
    threads: z.number().int().positive().nullable(),
    virtualization: z.enum(['svm', 'vmx']).nullable(),
  }),
  memoryBytes: z.number().int().positive().nullable(),
  iommu: z.strictObject({
    enabled: z.boolean().nullable(),
    groupCount: z.number().int().min(0),
    kernelArgs: z.array(z.string().min(1)),
  }),
  pci: z.array(PciDeviceSchema),
  gpus: z.array(
    z.strictObject({
      address,
      functions: z.array(address).min(1),
      iommuGroup: z.number().int().min(0).nullable(),
      isolated: z.boolean().nullable(),
      sharedWith: z.array(address),
      vfioIds: z.array(vendorDevice),
      bootVga: z.boolean().nullable(),
    }),
  ),
  usbControllers: z.array(
    z.strictObject({
      address,
      iommuGroup: z.number().int().min(0).nullable(),
      isolated: z.boolean().nullable(),
      sharedWith: z.array(address),
    }),
  ),
  disks: z.array(
    z.strictObject({
      name: z.string().min(1),
      path: z.string().startsWith('/dev/'),
      byId: z.string().startsWith('/dev/disk/by-id/').nullable(),
      sizeBytes: z.number().int().min(0).nullable(),
      rotational: z.boolean().nullable(),
      transport: z.enum(['nvme', 'sata', 'usb', 'sas']).nullable(),
      model: z.string().nullable(),
      serial: z.string().nullable(),
      holds: z.array(z.string().min(1)),
      mounted: z.array(z.string().min(1)),
      system: z.boolean(),
      removable: z.boolean().nullable().optional(),
    }),
  ),
  zfs: z
    .strictObject({
      pools: z.array(
        z.strictObject({
          name: z.string().min(1),
          health: z.string().min(1),
          sizeBytes: z.number().int().min(0).nullable(),
        }),
      ),
    })
    .nullable(),
  bridges: z.array(z.string().min(1)),
  guests: z.array(
    z.strictObject({
      vmid: z.number().int().min(1),
      kind: z.enum(['qemu', 'lxc']),
      name: z.string(),
      status: z.string().min(1),
    }),
  ),
  warnings: z.array(warningSchema),
});

export type HostReportV1 = z.infer<typeof HostReportSchema>;
