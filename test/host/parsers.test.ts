import { describe, expect, it } from 'vitest';
import { cpuinfoHasFlags, parseCpuinfo } from '../../src/host/cpu';
import { parsePctList, parseQmList } from '../../src/host/guests';
import { parseMeminfo } from '../../src/host/memory';
import { parseIpBridges } from '../../src/host/network';
import {
  decideBootloader,
  decidePlatform,
  parseBootToolStatus,
  parseOsRelease,
  parsePveversion,
} from '../../src/host/platform';
import { bootPoolFrom, parseZpoolList, parseZpoolStatus } from '../../src/host/zfs';

describe('cpuinfo', () => {
  const entry = (n: number, vendor: string, flags: string) =>
    `processor\t: ${n}\nvendor_id\t: ${vendor}\nmodel name\t: Test CPU\nflags\t\t: fpu ${flags} sse\n\n`;
  it('counts threads and reads vendor and svm/vmx', () => {
    expect(parseCpuinfo(entry(0, 'AuthenticAMD', 'svm') + entry(1, 'AuthenticAMD', 'svm'))).toEqual({
      vendor: 'amd',
      model: 'Test CPU',
      threads: 2,
      virtualization: 'svm',
    });
    expect(parseCpuinfo(entry(0, 'GenuineIntel', 'vmx'))).toMatchObject({
      vendor: 'intel',
      virtualization: 'vmx',
    });
    expect(parseCpuinfo(entry(0, 'GenuineIntel', 'hypervisor'))).toMatchObject({ virtualization: null });
  });
  it('an ARM or empty cpuinfo is vendor other with unknowns', () => {
    expect(parseCpuinfo('processor\t: 0\nBogoMIPS\t: 48.00\nCPU implementer\t: 0x41\n')).toEqual({
      vendor: 'other',
      model: null,
      threads: 1,
      virtualization: null,
    });
    expect(parseCpuinfo('')).toEqual({ vendor: 'other', model: null, threads: null, virtualization: null });
    expect(cpuinfoHasFlags('flags\t\t: fpu\n')).toBe(true);
    expect(cpuinfoHasFlags('Features\t: fp asimd\n')).toBe(false);
  });
});

describe('meminfo', () => {
  it('MemTotal in bytes, or null', () => {
    expect(parseMeminfo('MemTotal:       131818404 kB\nMemFree: 1 kB\n')).toBe(131818404 * 1024);
    expect(parseMeminfo('MemFree: 1 kB\n')).toBeNull();
  });
});

describe('platform', () => {
  it('reads the pve-manager version from pveversion', () => {
    expect(parsePveversion('pve-manager/9.1.2/9d436f37a0ac4172 (running kernel: 6.17.2-1-pve)\n')).toBe(
      '9.1.2',
    );
    expect(parsePveversion('pve-manager/8.4.1/2a5fa54a8503f96d (running kernel: 6.8.12-10-pve)')).toBe(
      '8.4.1',
    );
    expect(parsePveversion('command not found')).toBeNull();
  });
  it('reads os-release with quotes and escapes', () => {
    const os = parseOsRelease(
      'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\nVERSION_ID="13"\nNAME=\'x\'\n',
    );
    expect(os).toEqual({
      PRETTY_NAME: 'Debian GNU/Linux 13 (trixie)',
      ID: 'debian',
      VERSION_ID: '13',
      NAME: 'x',
    });
  });
  it('tells systemd-boot from GRUB by proxmox-boot-tool status', () => {
    const uefi =
      "Re-executing '/usr/sbin/proxmox-boot-tool' in new private mount namespace..\nSystem currently booted with uefi\nA1B2-C3D4 is configured with: uefi (versions: 6.17.2-1-pve, 6.14.11-4-pve)\n";
    expect(parseBootToolStatus(uefi, 0)).toBe('systemd-boot');
    expect(
      parseBootToolStatus(
        'System currently booted with legacy bios\n9F3C-1A2B is configured with: grub (versions: 6.8.12-4-pve)\n',
        0,
      ),
    ).toBe('grub');
    expect(parseBootToolStatus('', 2)).toBe('grub');
    expect(parseBootToolStatus('', 127)).toBeNull();
  });
  it('decides the platform and boot loader from the facts', () => {
    expect(decidePlatform({ pveDir: true, nixos: false, osRelease: null, pveVersion: '9.1.2' })).toEqual({
      kind: 'proxmox',
      version: '9.1.2',
    });
    expect(
      decidePlatform({ pveDir: false, nixos: true, osRelease: { VERSION_ID: '26.05' }, pveVersion: null }),
    ).toEqual({ kind: 'nixos', version: '26.05' });
    expect(
      decidePlatform({
        pveDir: false,
        nixos: false,
        osRelease: { PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)' },
        pveVersion: null,
      }),
    ).toEqual({ kind: 'other', version: 'Debian GNU/Linux 12 (bookworm)' });
    const base = {
      kind: 'proxmox' as const,
      bootTool: null,
      kernelCmdlineFile: false,
      grubDefaults: false,
      nixosSystemdBoot: false,
    };
    expect(decideBootloader({ ...base, bootTool: 'grub', kernelCmdlineFile: true })).toBe('grub');
    expect(decideBootloader({ ...base, kernelCmdlineFile: true, grubDefaults: true })).toBe('systemd-boot');
    expect(decideBootloader({ ...base, grubDefaults: true })).toBe('grub');
    expect(decideBootloader(base)).toBe('unknown');
    expect(
      decideBootloader({ ...base, kind: 'nixos', nixosSystemdBoot: true, kernelCmdlineFile: true }),
    ).toBe('systemd-boot');
  });
});

describe('bridges from ip -j -d link', () => {
  it('lists links whose kind is bridge', () => {
    const json = JSON.stringify([
      { ifindex: 1, ifname: 'lo' },
      { ifindex: 2, ifname: 'enp7s0', master: 'vmbr0', linkinfo: { info_slave_kind: 'bridge' } },
      { ifindex: 4, ifname: 'vmbr0', linkinfo: { info_kind: 'bridge', info_data: { stp_state: 0 } } },
      { ifindex: 5, ifname: 'vmbr1', linkinfo: { info_kind: 'bridge' } },
      { ifindex: 6, ifname: 'bond0', linkinfo: { info_kind: 'bond' } },
    ]);
    expect(parseIpBridges(json)).toEqual(['vmbr0', 'vmbr1']);
    expect(parseIpBridges('[]')).toEqual([]);
    expect(parseIpBridges('not json')).toBeNull();
    expect(parseIpBridges('{}')).toBeNull();
  });
});

describe('guests', () => {
  it('qm list rows (the printf layout of qm list)', () => {
    const text =
      '      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID       \n' +
      '       101 windows              running    16384            128.00 4242      \n' +
      '       102 nixos-vm             stopped    8192              64.00 0         \n';
    expect(parseQmList(text)).toEqual([
      { vmid: 101, kind: 'qemu', name: 'windows', status: 'running' },
      { vmid: 102, kind: 'qemu', name: 'nixos-vm', status: 'stopped' },
    ]);
    expect(parseQmList('')).toEqual([]);
  });
  it('pct list rows, with and without a lock', () => {
    const text =
      'VMID       Status     Lock         Name                \n' +
      '100        running                 nixos-lxc           \n' +
      '103        stopped    backup       media               \n';
    expect(parsePctList(text)).toEqual([
      { vmid: 100, kind: 'lxc', name: 'nixos-lxc', status: 'running' },
      { vmid: 103, kind: 'lxc', name: 'media', status: 'stopped' },
    ]);
  });
});

describe('zfs', () => {
  it('zpool list -H -p -o name,size,health', () => {
    expect(parseZpoolList('rpool\t1992864825344\tONLINE\ntank\t31989077622784\tDEGRADED\n')).toEqual([
      { name: 'rpool', health: 'ONLINE', sizeBytes: 1992864825344 },
      { name: 'tank', health: 'DEGRADED', sizeBytes: 31989077622784 },
    ]);
    expect(parseZpoolList('no pools available\n')).toEqual([]);
  });
  it('zpool status -P: the leaf devices of each pool', () => {
    const text = `  pool: rpool
 state: ONLINE
config:

\tNAME                                                               STATE     READ WRITE CKSUM
\trpool                                                              ONLINE       0     0     0
\t  mirror-0                                                         ONLINE       0     0     0
\t    /dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123456-part3  ONLINE       0     0     0
\t    /dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T654321-part3  ONLINE       0     0     0

errors: No known data errors

  pool: tank
 state: ONLINE
config:

\tNAME        STATE     READ WRITE CKSUM
\ttank        ONLINE       0     0     0
\t  raidz1-0  ONLINE       0     0     0
\t    /dev/sda1  ONLINE       0     0     0
\tlogs
\t  /dev/nvme2n1p1  ONLINE       0     0     0

errors: No known data errors
`;
    expect([...parseZpoolStatus(text)]).toEqual([
      ['/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123456-part3', 'rpool'],
      ['/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T654321-part3', 'rpool'],
      ['/dev/sda1', 'tank'],
      ['/dev/nvme2n1p1', 'tank'],
    ]);
  });
  it('the boot pool comes from /proc/mounts, else from root=ZFS=', () => {
    expect(bootPoolFrom('rpool/ROOT/pve-1 / zfs rw 0 0\n', null)).toBe('rpool');
    expect(bootPoolFrom('/dev/sda2 / ext4 rw 0 0\n', 'root=ZFS=boot-pool/ROOT/23.10.2 ro')).toBe('boot-pool');
    expect(bootPoolFrom(null, 'root=/dev/mapper/pve-root')).toBeNull();
  });
});
