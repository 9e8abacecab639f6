// The Proxmox storage IDs nix-mox registers for its datasets: one naming rule for the generator and the wizard.
export type StorageDataset = 'vm-disks' | 'containers' | 'backups';

export function storageIdFor(pool: string, dataset: StorageDataset): string {
  return `${pool}-${dataset}`;
}
