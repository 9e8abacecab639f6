import { describe, expect, it } from 'vitest';
import { kernelNameOf, preferredById } from '../../src/host/by-id';
import { buildDisks, parseLsblk, volumeGroupOf, type DiskContext } from '../../src/host/disks';
import { formatBytes, parseHumanSize } from '../../src/host/sizes';

const none: DiskContext = { byId: [], zfsMembers: new Map(), bootPool: null };

describe('lsblk JSON', () => {
  // util-linux 2.38 output as this machine prints it (lsblk -J -b -o ...).
  const vm = `{
   "blockdevices": [
      {
         "name": "zram0", "path": "/dev/zram0", "type": "disk", "size": 0, "rota": false, "tran": null,
         "mountpoints": [ null ], "rm": false
      },{
         "name": "vda", "path": "/dev/vda", "type": "disk", "size": 274877906944, "rota": true, "tran": null,
         "model": null, "serial": null, "fstype": "ext4", "mountpoints": [ "/" ], "rm": false
      },{
         "name": "sr0", "type": "rom", "size": 1073741312, "rm": true, "mountpoints": [ null ]
      },{
         "name": "loop0", "type": "loop", "size": 4096, "mountpoints": [ "/snap/x" ]
      }
   ]
}`;
  it('keeps physical disks only: no zram, rom, loop or empty slots', () => {
    const disks = buildDisks(parseLsblk(vm).nodes, none);
    expect(disks).toEqual([
      {
        name: 'vda',
        path: '/dev/vda',
        byId: null,
        sizeBytes: 274877906944,
        rotational: true,
        transport: null,
        model: null,
        serial: null,
        holds: ['fs:ext4'],
        mounted: ['/'],
        system: true,
        removable: false,
      },
    ]);
  });

  it('leaves out an empty card-reader slot (a removable disk of size 0)', () => {
    const slots =
      '{"blockdevices":[{"name":"sdb","type":"disk","size":0,"rm":true,"tran":"usb","mountpoints":[null]},{"name":"sdc","type":"disk","size":31914983424,"rm":true,"tran":"usb","mountpoints":[null]}]}';
    expect(buildDisks(parseLsblk(slots).nodes, none).map((d) => [d.name, d.transport, d.removable])).toEqual([
      ['sdc', 'usb', true],
    ]);
  });

  it('reads old lsblk too: string flags, human sizes, a single mountpoint', () => {
    const old =
      '{"blockdevices": [{"name": "sda", "size": "7.3T", "type": "disk", "rota": "1", "rm": "0", "tran": "sata", "mountpoint": null, "children": [{"name": "sda1", "size": "7.3T", "type": "part", "fstype": "zfs_member", "label": "tank", "mountpoint": null}]}]}';
    const [d] = buildDisks(parseLsblk(old).nodes, none);
    expect(d).toMatchObject({
      rotational: true,
      removable: false,
      transport: 'sata',
      holds: ['part:sda1', 'zfs:tank'],
      system: false,
    });
    expect(d!.sizeBytes).toBe(parseHumanSize('7.3T'));
  });

  it('says the output is unusable instead of guessing', () => {
    expect(parseLsblk('{"blockdevices": 3}').warnings.map((w) => w.code)).toEqual(['lsblk-unparsed']);
    expect(parseLsblk('lsblk: not a block device').warnings.map((w) => w.code)).toEqual(['lsblk-unparsed']);
  });
});

describe('what a disk holds, and system disks', () => {
  const tree = (children: string) =>
    `{"blockdevices":[{"name":"nvme0n1","type":"disk","size":2000398934016,"rota":false,"tran":"nvme","children":[${children}]}]}`;
  it('an md member names its array; LVM names its volume group; LUKS is luks', () => {
    const md = tree(
      '{"name":"nvme0n1p1","type":"part","fstype":"linux_raid_member","children":[{"name":"md0","type":"raid1","fstype":"ext4","mountpoints":["/srv"]}]}',
    );
    expect(buildDisks(parseLsblk(md).nodes, none)[0]).toMatchObject({
      holds: ['part:nvme0n1p1', 'md:md0', 'fs:ext4'],
      mounted: ['/srv'],
      system: false,
    });
    const luks = tree(
      '{"name":"nvme0n1p2","type":"part","fstype":"crypto_LUKS","children":[{"name":"vg0","type":"crypt","fstype":"LVM2_member","children":[{"name":"vg--0-root","type":"lvm","fstype":"ext4","mountpoints":["/"]},{"name":"vg--0-swap","type":"lvm","fstype":"swap","mountpoints":["[SWAP]"]}]}]}',
    );
    expect(buildDisks(parseLsblk(luks).nodes, none)[0]).toMatchObject({
      holds: ['part:nvme0n1p2', 'luks', 'lvm:vg-0', 'fs:ext4', 'fs:swap'],
      mounted: ['/', '[SWAP]'],
      system: true,
    });
  });
  it('a member of the pool the system boots from is a system disk; zpool membership counts without a label', () => {
    const zfs = tree('{"name":"nvme0n1p3","type":"part"}');
    const ctx: DiskContext = { byId: [], zfsMembers: new Map([['nvme0n1p3', 'rpool']]), bootPool: 'rpool' };
    expect(buildDisks(parseLsblk(zfs).nodes, ctx)[0]).toMatchObject({
      holds: ['part:nvme0n1p3', 'zfs:rpool'],
      system: true,
    });
    expect(buildDisks(parseLsblk(zfs).nodes, { ...ctx, bootPool: 'other' })[0]!.system).toBe(false);
  });
  it('/boot/efi alone makes a system disk', () => {
    const efi = tree('{"name":"nvme0n1p1","type":"part","fstype":"vfat","mountpoints":["/boot/efi"]}');
    expect(buildDisks(parseLsblk(efi).nodes, none)[0]!.system).toBe(true);
  });
  it('device-mapper names: doubled dashes belong to the name', () => {
    expect(volumeGroupOf('pve-vm--100--disk--0')).toBe('pve');
    expect(volumeGroupOf('my--vg-root')).toBe('my-vg');
    expect(volumeGroupOf('NovaVG-home')).toBe('NovaVG');
  });
});

describe('/dev/disk/by-id', () => {
  const links = [
    { name: 'nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123456', target: 'nvme0n1' },
    { name: 'nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123456_1', target: 'nvme0n1' },
    { name: 'nvme-eui.002538b111b2c3d4', target: 'nvme0n1' },
    { name: 'nvme-eui.002538b111b2c3d4-part3', target: 'nvme0n1p3' },
    { name: 'ata-WDC_WD80EFZZ-68BTXN0_WD-CA1B2C3D', target: 'sda' },
    { name: 'wwn-0x50014ee2b1c2d3e4', target: 'sda' },
    { name: 'usb-Generic_Flash_Disk_1234-0:0', target: 'sdb' },
    { name: 'nvme-nvme.144d-abc', target: 'nvme1n1' },
  ];
  it('prefers world-wide names, then model_serial, never a partition', () => {
    expect(preferredById(links, 'nvme0n1')).toBe('/dev/disk/by-id/nvme-eui.002538b111b2c3d4');
    expect(preferredById(links, 'sda')).toBe('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e4');
    expect(preferredById(links, 'sdb')).toBe('/dev/disk/by-id/usb-Generic_Flash_Disk_1234-0:0');
    expect(preferredById(links, 'nvme1n1')).toBe('/dev/disk/by-id/nvme-nvme.144d-abc');
    expect(preferredById(links, 'nvme0n1p3')).toBeNull();
    expect(preferredById(links, 'sdz')).toBeNull();
  });
  it('resolves the paths zpool prints to kernel names', () => {
    expect(kernelNameOf('/dev/disk/by-id/nvme-eui.002538b111b2c3d4-part3', links)).toBe('nvme0n1p3');
    expect(kernelNameOf('/dev/sda1', links)).toBe('sda1');
    expect(kernelNameOf('wwn-0x50014ee2b1c2d3e4', links)).toBe('sda');
    expect(kernelNameOf('/dev/disk/by-id/unknown', links)).toBeNull();
    expect(kernelNameOf('/dev/disk/by-partuuid/abc', links)).toBeNull();
  });
});

describe('sizes', () => {
  it('reads lsblk human sizes in powers of 1024 and prints IEC labels', () => {
    expect(parseHumanSize('465.8G')).toBe(Math.round(465.8 * 1024 ** 3));
    expect(parseHumanSize('1007K')).toBe(1007 * 1024);
    expect(parseHumanSize('0B')).toBe(0);
    expect(parseHumanSize('512')).toBe(512);
    expect(parseHumanSize('lots')).toBeNull();
    expect(formatBytes(2000398934016)).toBe('1.82 TiB');
    expect(formatBytes(8001563222016)).toBe('7.28 TiB');
    expect(formatBytes(134979485696)).toBe('126 GiB');
    expect(formatBytes(null)).toBe('unknown size');
  });
});
