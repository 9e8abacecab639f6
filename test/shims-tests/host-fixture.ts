// A small Proxmox host for shim tests: rpool with rpool/data behind local-zfs, the local dir storage.
export const TiB = 1024 ** 4;

export function hostState(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    platform: {
      pveversion: '9.1.3',
      pveManagerHash: 'f157a38b211595d6',
      kernel: '6.17.2-1-pve',
      node: 'pve',
    },
    storage: [
      { id: 'local', type: 'dir', path: '/var/lib/vz', content: 'iso,vztmpl,backup' },
      { id: 'local-zfs', type: 'zfspool', pool: 'rpool/data', content: 'images,rootdir' },
    ],
    zfs: {
      pools: [
        {
          name: 'rpool',
          health: 'ONLINE',
          sizeBytes: 2 * TiB,
          allocBytes: 100 * 1024 ** 3,
          layout: 'mirror',
          disks: ['/dev/disk/by-id/nvme-A-part3', '/dev/disk/by-id/nvme-B-part3'],
        },
      ],
      datasets: [{ name: 'rpool', properties: { mountpoint: '/rpool' } }, { name: 'rpool/data' }],
      snapshots: [],
    },
    ...extra,
  };
}
