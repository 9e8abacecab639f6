import { describe, expect, it } from 'vitest';
import { grubCmdline, iommuKernelArgs, parseIommuGroups } from '../../src/host/iommu';

describe('parseIommuGroups', () => {
  it('maps each address to its group and lists members in address order', () => {
    const g = parseIommuGroups([
      { group: '1', devices: ['0000:01:00.0', '0000:00:01.0'] },
      { group: '14', devices: ['0000:05:00.0'] },
    ]);
    expect(g.count).toBe(2);
    expect(g.groupOf.get('0000:01:00.0')).toBe(1);
    expect(g.members.get(1)).toEqual(['0000:00:01.0', '0000:01:00.0']);
    expect(g.ignored).toBe(0);
  });
  it('skips entries that are not group numbers or addresses, and counts them', () => {
    const g = parseIommuGroups([
      { group: 'x', devices: ['0000:01:00.0'] },
      { group: '2', devices: ['nonsense', '0000:02:00.0', '0000:02:00.0'] },
    ]);
    expect(g.count).toBe(1);
    expect(g.members.get(2)).toEqual(['0000:02:00.0']);
    expect(g.ignored).toBe(3);
  });
  it('an empty listing is zero groups', () => {
    expect(parseIommuGroups([]).count).toBe(0);
  });
});

describe('kernel arguments', () => {
  it('picks the IOMMU and passthrough arguments from a command line', () => {
    const cmdline =
      'BOOT_IMAGE=/boot/vmlinuz root=ZFS=rpool/ROOT/pve-1 boot=zfs quiet amd_iommu=on iommu=pt pcie_acs_override=downstream,multifunction vfio-pci.ids=10de:2504 iommu=pt';
    expect(iommuKernelArgs(cmdline)).toEqual([
      'amd_iommu=on',
      'iommu=pt',
      'pcie_acs_override=downstream,multifunction',
      'vfio-pci.ids=10de:2504',
    ]);
    expect(iommuKernelArgs('quiet splash')).toEqual([]);
  });
  it('reads GRUB_CMDLINE_LINUX_DEFAULT, the last assignment winning', () => {
    const text =
      '# GRUB_CMDLINE_LINUX_DEFAULT="old"\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\nGRUB_CMDLINE_LINUX_DEFAULT="quiet intel_iommu=on"\n';
    expect(grubCmdline(text)).toBe('quiet intel_iommu=on');
    expect(grubCmdline('GRUB_TIMEOUT=5\n')).toBeNull();
  });
});
