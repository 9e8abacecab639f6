// The facts ../shared/fixtures/SOURCES.md lists for each real capture, as checks on the HostReport detection makes
// of it. The same cases run in-process (fixtures.test.ts) and through the built CLI (detect-cli.test.ts).
import { expect } from 'vitest';
import type { HostReport, PciDevice } from '../../src/host/types';
import { parseHumanSize } from '../../src/host/sizes';
import type { CaptureSpec } from './capture-env';

export interface FactCase {
  name: string;
  spec: CaptureSpec;
  check(r: HostReport): void;
}

const full = (a: string) => (a.split(':').length === 3 ? a : `0000:${a}`);

export function dev(r: HostReport, address: string): PciDevice {
  const d = r.pci.find((p) => p.address === full(address));
  if (!d) throw new Error(`no PCI device ${address} in the report`);
  return d;
}

function ids(r: HostReport, address: string): string {
  const d = dev(r, address);
  return `${d.vendor}:${d.device}`;
}

function expectDev(r: HostReport, address: string, fields: Partial<PciDevice>) {
  expect(dev(r, address), address).toMatchObject(fields);
}

const gpuAddresses = (r: HostReport) => r.gpus.map((g) => g.address);
const usbAddresses = (r: HostReport) => r.usbControllers.map((u) => u.address);
const gpu = (r: HostReport, a: string) => r.gpus.find((g) => g.address === full(a))!;
const usb = (r: HostReport, a: string) => r.usbControllers.find((u) => u.address === full(a))!;
const group = (r: HostReport, a: string) => dev(r, a).iommuGroup;
const members = (r: HostReport, g: number) =>
  r.pci.filter((d) => d.iommuGroup === g).map((d) => d.address.slice(5));
const disk = (r: HostReport, name: string) => {
  const d = r.disks.find((x) => x.name === name);
  if (!d) throw new Error(`no disk ${name}`);
  return d;
};
const size = (text: string) => parseHumanSize(text);

function noGroupsKnown(r: HostReport) {
  for (const g of r.gpus)
    expect(g, g.address).toMatchObject({ iommuGroup: null, isolated: null, sharedWith: [] });
  for (const u of r.usbControllers) expect(u, u.address).toMatchObject({ iommuGroup: null, isolated: null });
}

export const lspciCases: FactCase[] = [
  {
    name: 'lspci/01 duo: RTX 3050 + audio, space-indented, DeviceName lines',
    spec: { lspci: 'lspci/01-asokolsky-duo-z370-rtx3050-nvidia-nnkq.txt' },
    check(r) {
      expect(r.pci).toHaveLength(20);
      expect(r.pci.every((d) => d.address.startsWith('0000:'))).toBe(true);
      expectDev(r, '01:00.0', {
        class: '0300',
        vendor: '10de',
        device: '2584',
        name: 'NVIDIA Corporation GA107 [GeForce RTX 3050 6GB]',
        subsystem: '1458:4131',
        driver: 'nvidia',
        modules: ['nvidiafb', 'nouveau', 'nvidia_drm', 'nvidia'],
      });
      expectDev(r, '01:00.1', { class: '0403', vendor: '10de', device: '2291', driver: 'snd_hda_intel' });
      expect(r.pci.some((d) => d.address === '0000:00:02.0')).toBe(false);
      expect(r.gpus).toHaveLength(1);
      expect(gpu(r, '01:00.0')).toMatchObject({
        functions: ['0000:01:00.0', '0000:01:00.1'],
        vfioIds: ['10de:2584', '10de:2291'],
      });
      expect(usbAddresses(r)).toEqual(['0000:00:14.0']);
      expectDev(r, '00:14.0', { vendor: '8086', device: 'a2af', driver: 'xhci_hcd', subsystem: '1849:a2af' });
      expectDev(r, '00:17.0', { vendor: '8086', device: 'a282', driver: 'ahci', class: '0106' });
      expectDev(r, '05:00.0', { vendor: '15b7', device: '5009', driver: 'nvme', class: '0108' });
      expectDev(r, '00:1f.6', { vendor: '8086', device: '15b8', driver: 'e1000e' });
      expectDev(r, '03:00.0', { vendor: '8086', device: '1539', driver: 'igb' });
      expectDev(r, '04:00.0', { vendor: '8086', device: '24fb', driver: 'iwlwifi' });
      expectDev(r, '00:00.0', { subsystem: '1849:3ec2', driver: 'skl_uncore' });
      noGroupsKnown(r);
    },
  },
  {
    name: 'lspci/02 fuji: vfio-pci bound SATA and NICs, MEI without a driver, BMC VGA only',
    spec: { lspci: 'lspci/02-asokolsky-fuji-proxmox-fujitsu-server-nnkq.txt' },
    check(r) {
      expect(r.pci).toHaveLength(21);
      expectDev(r, '00:17.0', { vendor: '8086', device: 'a102', driver: 'vfio-pci', modules: ['ahci'] });
      expectDev(r, '04:00.0', { vendor: '8086', device: '1533', driver: 'vfio-pci', modules: ['igb'] });
      expectDev(r, '05:00.0', { vendor: '8086', device: '1521', driver: 'vfio-pci', modules: ['igb'] });
      expectDev(r, '05:00.1', { vendor: '8086', device: '1521', driver: 'vfio-pci', modules: ['igb'] });
      expectDev(r, '03:00.0', { vendor: '8086', device: '1533', driver: 'igb' });
      expectDev(r, '01:00.0', { vendor: '1987', device: '5012', driver: 'nvme' });
      expectDev(r, '02:00.0', { class: '0300', vendor: '102b', device: '0522', driver: 'mgag200' });
      expectDev(r, '02:00.1', { class: '0b40', vendor: '19a2', device: '0800', driver: null, modules: [] });
      expect(gpuAddresses(r)).toEqual(['0000:02:00.0']);
      expect(usbAddresses(r)).toEqual(['0000:00:14.0']);
      expectDev(r, '00:14.0', { device: 'a12f', driver: 'xhci_hcd' });
      expectDev(r, '00:16.0', { driver: null, modules: ['mei_me'] });
      expectDev(r, '00:16.1', { driver: null, modules: ['mei_me'] });
      expect(r.warnings.map((w) => w.code)).toContain('single-gpu');
    },
  },
  {
    name: 'lspci/03 suprox: vfio-pci SATA and I350, ASPEED BMC behind its bridge',
    spec: { lspci: 'lspci/03-asokolsky-suprox-proxmox-supermicro-nnk.txt' },
    check(r) {
      expect(r.pci).toHaveLength(27);
      expectDev(r, '00:17.0', { vendor: '8086', device: 'a352', driver: 'vfio-pci', modules: ['ahci'] });
      expectDev(r, '01:00.0', { device: '1521', driver: 'vfio-pci', modules: ['igb'] });
      expectDev(r, '01:00.1', { device: '1521', driver: 'vfio-pci', modules: ['igb'] });
      expectDev(r, '02:00.0', { device: '1533', driver: 'igb' });
      expectDev(r, '03:00.0', { device: '1533', driver: 'igb' });
      expectDev(r, '06:00.0', { class: '0300', vendor: '1a03', device: '2000', driver: 'ast' });
      expectDev(r, '05:00.0', { class: '0604', vendor: '1a03', device: '1150' });
      expect(gpuAddresses(r)).toEqual(['0000:06:00.0']);
      expectDev(r, '07:00.0', { vendor: '15b7', device: '5009', driver: 'nvme' });
      expect(usbAddresses(r)).toEqual(['0000:00:14.0']);
      expect(ids(r, '00:14.0')).toBe('8086:a36d');
      expectDev(r, '00:14.0', { driver: 'xhci_hcd' });
    },
  },
  {
    name: 'lspci/04 nass: Atom C3000, QuickAssist, four X553 ports, functions without drivers',
    spec: { lspci: 'lspci/04-asokolsky-nass-truenas-atom-c3000-nnkq.txt' },
    check(r) {
      expect(r.pci).toHaveLength(24);
      expectDev(r, '04:00.0', { class: '0300', vendor: '1a03', device: '2000', driver: 'ast' });
      expectDev(r, '03:00.0', { class: '0604', vendor: '1a03', device: '1150' });
      expect(gpuAddresses(r)).toEqual(['0000:04:00.0']);
      expectDev(r, '01:00.0', { vendor: '8086', device: '19e2', driver: 'c3xxx', modules: ['qat_c3xxx'] });
      expectDev(r, '00:13.0', { device: '19b2', driver: 'ahci' });
      expectDev(r, '00:14.0', { device: '19c2', driver: 'ahci' });
      for (const a of ['05:00.0', '05:00.1']) expectDev(r, a, { device: '15e4', driver: 'ixgbe' });
      for (const a of ['06:00.0', '06:00.1']) expectDev(r, a, { device: '15e5', driver: 'ixgbe' });
      expect(usbAddresses(r)).toEqual(['0000:00:15.0']);
      expectDev(r, '00:15.0', { device: '19d0', driver: 'xhci_hcd' });
      expectDev(r, '00:00.0', { subsystem: '15d9:0969', driver: null, modules: [] });
      expectDev(r, '00:04.0', { subsystem: '15d9:0969', driver: null, modules: [] });
    },
  },
  {
    name: 'lspci/05 exi: RTX 3050 (GA106), VMD, odd modules line on the USB controller',
    spec: { lspci: 'lspci/05-asokolsky-exi-raptorlake-desktop-nnkq.txt' },
    check(r) {
      expect(r.pci).toHaveLength(21);
      expectDev(r, '01:00.0', {
        class: '0300',
        vendor: '10de',
        device: '2507',
        driver: 'nvidia',
        modules: ['nvidiafb', 'nouveau', 'nvidia_drm', 'nvidia'],
      });
      expectDev(r, '01:00.1', { vendor: '10de', device: '228e', driver: 'snd_hda_intel' });
      expect(gpuAddresses(r)).toEqual(['0000:01:00.0']);
      expectDev(r, '00:0e.0', { class: '0104', vendor: '8086', device: '467f', driver: 'vmd' });
      expectDev(r, '02:00.0', { vendor: '15b7', device: '5009' });
      expectDev(r, '00:17.0', { device: '7a62', driver: 'ahci' });
      expect(usbAddresses(r)).toEqual(['0000:00:14.0']);
      expectDev(r, '00:14.0', { device: '7a60', driver: 'xhci_hcd', modules: ['mei_me', 'xhci_pci'] });
      expectDev(r, '00:14.3', { device: '7a70', driver: 'iwlwifi' });
      expectDev(r, '04:00.0', { vendor: '10ec', device: '8125', driver: 'r8169' });
    },
  },
  {
    name: 'lspci/06 P52: hybrid graphics, USB controller without a modules line',
    spec: { lspci: 'lspci/06-asokolsky-p52-thinkpad-laptop-nvidia-nnkq.txt' },
    check(r) {
      expect(r.pci).toHaveLength(26);
      expect(gpuAddresses(r)).toEqual(['0000:00:02.0', '0000:01:00.0']);
      expectDev(r, '00:02.0', { vendor: '8086', device: '3e9b', driver: 'i915' });
      expectDev(r, '01:00.0', { vendor: '10de', device: '1cbb', driver: 'nvidia' });
      expectDev(r, '01:00.1', { vendor: '10de', device: '0fb9', driver: 'snd_hda_intel' });
      expect(gpu(r, '01:00.0').functions).toEqual(['0000:01:00.0', '0000:01:00.1']);
      expect(gpu(r, '00:02.0').functions).toEqual(['0000:00:02.0']);
      expect(usbAddresses(r)).toEqual(['0000:00:14.0']);
      expectDev(r, '00:14.0', { device: 'a36d', driver: 'xhci_hcd', modules: [] });
      expect(ids(r, '71:00.0')).toBe('1344:5416');
      expect(ids(r, '00:17.0')).toBe('8086:a353');
      expect(ids(r, '6f:00.0')).toBe('8086:2725');
      expect(ids(r, '00:1f.6')).toBe('8086:15bc');
      expect(r.warnings.map((w) => w.code)).not.toContain('single-gpu');
    },
  },
  {
    name: 'lspci/07 T14 Gen 3: Iris Xe only, four USB-class functions, driver name with dashes',
    spec: { lspci: 'lspci/07-asokolsky-t14g3-thinkpad-laptop-irisxe-nnkq.txt' },
    check(r) {
      expect(r.pci).toHaveLength(22);
      expect(gpuAddresses(r)).toEqual(['0000:00:02.0']);
      expectDev(r, '00:02.0', { vendor: '8086', device: '46a6', driver: 'i915', modules: ['i915', 'xe'] });
      expect(usbAddresses(r)).toEqual(['0000:00:0d.0', '0000:00:0d.2', '0000:00:0d.3', '0000:00:14.0']);
      expectDev(r, '00:0d.0', { device: '461e', driver: 'xhci_hcd' });
      expectDev(r, '00:0d.2', { device: '463e', driver: 'thunderbolt' });
      expectDev(r, '00:0d.3', { device: '466d', driver: 'thunderbolt' });
      expectDev(r, '00:14.0', { device: '51ed', driver: 'xhci_hcd' });
      expect(ids(r, '02:00.0')).toBe('1344:5411');
      expect(ids(r, '00:14.3')).toBe('8086:51f0');
      expect(ids(r, '00:1f.6')).toBe('8086:1a1e');
      expectDev(r, '00:1f.3', { device: '51c8', driver: 'sof-audio-pci-intel-tgl' });
    },
  },
  {
    name: 'lspci/09 Z690: iGPU, host RX 6700 XT, RX 560 on vfio-pci; Navi switch ports are bridges',
    spec: { lspci: 'lspci/09-ashtonian-z690-two-amd-gpus-vfio-nnk.txt' },
    check(r) {
      expect(r.pci).toHaveLength(43);
      expect(gpuAddresses(r)).toEqual(['0000:00:02.0', '0000:03:00.0', '0000:04:00.0']);
      expectDev(r, '00:02.0', { vendor: '8086', device: '4680', driver: 'i915' });
      expectDev(r, '03:00.0', { vendor: '1002', device: '73df', driver: 'amdgpu' });
      expectDev(r, '04:00.0', { vendor: '1002', device: '67ff', driver: 'vfio-pci', modules: ['amdgpu'] });
      expectDev(r, '03:00.1', { vendor: '1002', device: 'ab28', driver: 'snd_hda_intel' });
      expectDev(r, '04:00.1', { vendor: '1002', device: 'aae0', driver: 'vfio-pci' });
      expectDev(r, '01:00.0', { class: '0604', vendor: '1002', device: '1478' });
      expectDev(r, '02:00.0', { class: '0604', vendor: '1002', device: '1479' });
      expect(gpu(r, '04:00.0').vfioIds).toEqual(['1002:67ff', '1002:aae0']);
      expectDev(r, '05:00.0', { vendor: '15b7', device: '5011' });
      expectDev(r, '06:00.0', { vendor: '144d', device: 'a808', subsystem: '144d:a801' });
      expectDev(r, '00:0e.0', { device: '467f', driver: 'vmd' });
      expect(usbAddresses(r)).toEqual(['0000:00:14.0', '0000:0d:00.0', '0000:41:00.0']);
      expectDev(r, '00:14.0', { device: '7ae0', driver: 'xhci_hcd' });
      expectDev(r, '0d:00.0', { device: '1137', driver: 'thunderbolt' });
      expectDev(r, '41:00.0', { device: '1138', driver: 'xhci_hcd' });
      expectDev(r, '00:00.0', { name: 'Intel Corporation Device', device: '4660' });
    },
  },
  {
    name: 'lspci/10 Jasper Lake: a device with no continuation lines, class 0401 audio',
    spec: { lspci: 'lspci/10-calico88x-jasperlake-laptop-nnk.txt' },
    check(r) {
      expect(r.pci).toHaveLength(20);
      expectDev(r, '00:00.0', { subsystem: null, driver: null, modules: [] });
      expect(gpuAddresses(r)).toEqual(['0000:00:02.0']);
      expectDev(r, '00:02.0', { vendor: '8086', device: '4e61', driver: 'i915' });
      expect(usbAddresses(r)).toEqual(['0000:00:14.0']);
      expectDev(r, '00:14.0', { device: '4ded', driver: 'xhci_hcd' });
      expectDev(r, '03:00.0', { vendor: '1e4b', device: '1202', driver: 'nvme' });
      expectDev(r, '00:1a.0', { device: '4dc4', driver: 'sdhci-pci' });
      expectDev(r, '00:17.0', { device: '4dd3', driver: 'ahci' });
      expectDev(r, '01:00.0', { device: '095a', driver: 'iwlwifi' });
      expectDev(r, '02:00.0', { vendor: '10ec', device: '8168', driver: 'r8169' });
      expectDev(r, '00:1f.3', {
        class: '0401',
        className: 'Multimedia audio controller',
        driver: 'sof-audio-pci-intel-icl',
      });
    },
  },
  {
    name: 'lspci/11 5700U: -nn without -k, so every driver is unknown; no trailing newline',
    spec: { lspci: 'lspci/11-gammaman88-proxmox-amd-5700u-minipc-nn.txt' },
    check(r) {
      expect(r.pci).toHaveLength(35);
      expect(r.pci.every((d) => d.driver === null && d.modules === null)).toBe(true);
      expect(gpuAddresses(r)).toEqual(['0000:05:00.0']);
      expectDev(r, '05:00.0', { class: '0300', vendor: '1002', device: '164c' });
      expect(ids(r, '05:00.1')).toBe('1002:1637');
      expect(ids(r, '05:00.2')).toBe('1022:15df');
      expect(ids(r, '05:00.5')).toBe('1022:15e2');
      expect(ids(r, '05:00.6')).toBe('1022:15e3');
      expect(gpu(r, '05:00.0').functions.map((a) => a.slice(5))).toEqual([
        '05:00.0',
        '05:00.1',
        '05:00.2',
        '05:00.3',
        '05:00.4',
        '05:00.5',
        '05:00.6',
        '05:00.7',
      ]);
      expect(usbAddresses(r)).toEqual(['0000:05:00.3', '0000:05:00.4']);
      expect(ids(r, '05:00.3')).toBe('1022:1639');
      expect(ids(r, '01:00.0')).toBe('8086:f1a6');
      expect(ids(r, '06:00.0')).toBe('1022:7901');
      expect(ids(r, '06:00.1')).toBe('1022:7901');
      expect(ids(r, '02:00.0')).toBe('8086:125c');
      expect(ids(r, '03:00.0')).toBe('8086:125c');
      expect(ids(r, '04:00.0')).toBe('8086:2723');
    },
  },
  {
    name: 'lspci/13 Cisco UCS: -k names only, eight UHCI/EHCI controllers, Matrox without a driver',
    spec: { lspci: 'lspci/13-insights-cisco-ucs-server-k.txt' },
    check(r) {
      expect(r.pci).toHaveLength(44);
      expect(r.pci.every((d) => d.vendor === null && d.device === null)).toBe(true);
      expect(usbAddresses(r).map((a) => a.slice(5))).toEqual([
        '00:1a.0',
        '00:1a.1',
        '00:1a.2',
        '00:1a.7',
        '00:1d.0',
        '00:1d.1',
        '00:1d.2',
        '00:1d.7',
      ]);
      for (const a of ['00:1a.0', '00:1a.1', '00:1a.2', '00:1d.0', '00:1d.1', '00:1d.2']) {
        expectDev(r, a, { driver: 'uhci_hcd', modules: [] });
      }
      for (const a of ['00:1a.7', '00:1d.7']) expectDev(r, a, { driver: 'ehci_hcd', modules: [] });
      expect(gpuAddresses(r)).toEqual(['0000:09:00.0']);
      expectDev(r, '09:00.0', { className: 'VGA compatible controller', driver: null, modules: [] });
      expectDev(r, '01:00.0', { driver: 'mptsas' });
      expectDev(r, '04:00.0', { driver: 'qla2xxx' });
      expectDev(r, '04:00.1', { driver: 'qla2xxx' });
      expectDev(r, '06:00.0', { driver: 'ixgbe' });
      expectDev(r, '06:00.1', { driver: 'ixgbe' });
      expectDev(r, '00:1e.0', { class: '0604', driver: null, modules: [] });
      expect(r.pci.filter((d) => d.className === 'PIC').length).toBeGreaterThan(0);
    },
  },
  {
    name: 'lspci/14 Azure VM: two PCI domains, a driverless function with modules',
    spec: { lspci: 'lspci/14-insights-azure-vm-two-domains-k.txt' },
    check(r) {
      expect(r.pci.map((d) => d.address)).toEqual([
        '0000:00:00.0',
        '0000:00:07.0',
        '0000:00:07.1',
        '0000:00:07.3',
        '0000:00:08.0',
        '1a06:00:02.0',
      ]);
      expectDev(r, '1a06:00:02.0', {
        className: 'Ethernet controller',
        name: 'Mellanox Technologies MT27710 Family [ConnectX-4 Lx Virtual Function]',
        driver: 'mlx5_core',
      });
      expectDev(r, '00:08.0', { class: '0300', driver: 'hyperv_fb' });
      expectDev(r, '00:07.1', { driver: 'ata_piix', modules: ['ata_piix', 'pata_acpi', 'ata_generic'] });
      expectDev(r, '00:07.3', { driver: null, modules: ['i2c_piix4'] });
      expectDev(r, '00:00.0', { driver: null, modules: [], subsystem: null });
      expect(r.usbControllers).toEqual([]);
      expect(gpuAddresses(r)).toEqual(['0000:00:08.0']);
    },
  },
  {
    name: 'lspci/16 Phoenix + Tesla V100: plain lspci, 3D controller, six USB-class functions',
    spec: { lspci: 'lspci/16-jeff141-amd-phoenix-minipc-tesla-v100-plain.txt' },
    check(r) {
      expect(r.pci).toHaveLength(47);
      expect(r.pci.every((d) => d.driver === null && d.modules === null && d.vendor === null)).toBe(true);
      expect(gpuAddresses(r)).toEqual(['0000:01:00.0', '0000:c7:00.0']);
      expectDev(r, '01:00.0', {
        class: '0302',
        className: '3D controller',
        name: 'NVIDIA Corporation GV100GL [Tesla V100 SXM2 32GB]',
      });
      expectDev(r, 'c7:00.0', { class: '0300' });
      expect(gpu(r, 'c7:00.0').functions).toContain('0000:c7:00.1');
      expect(usbAddresses(r).map((a) => a.slice(5))).toEqual([
        'c7:00.3',
        'c7:00.4',
        'c9:00.3',
        'c9:00.4',
        'c9:00.5',
        'c9:00.6',
      ]);
      expectDev(r, '02:00.0', { class: '0108' });
      expectDev(r, '05:00.0', { class: '0108' });
      expectDev(r, '06:00.0', { class: '0106' });
      expectDev(r, '03:00.0', { class: '0200' });
      expectDev(r, '04:00.0', { class: '0200' });
      expectDev(r, 'c8:00.0', { class: '1300' });
      expectDev(r, 'c9:00.0', { class: '1300' });
      expect(gpu(r, '01:00.0').vfioIds).toEqual([]);
    },
  },
  {
    name: 'lspci/19 Yoga Slim 7: -v blocks; a misleading DeviceName does not change the class',
    spec: { lspci: 'lspci/19-toszlanyi-yoga-slim7-renoir-laptop-v.txt' },
    check(r) {
      expect(r.pci).toHaveLength(28);
      expect(gpuAddresses(r)).toEqual(['0000:03:00.0']);
      expectDev(r, '03:00.0', { class: '0300', className: 'VGA compatible controller', driver: 'amdgpu' });
      expectDev(r, '03:00.1', { driver: 'snd_hda_intel' });
      expectDev(r, '03:00.6', { driver: 'snd_hda_intel' });
      expectDev(r, '03:00.5', { driver: 'snd_rn_pci_acp3x' });
      expect(usbAddresses(r)).toEqual(['0000:03:00.3', '0000:03:00.4']);
      expectDev(r, '03:00.3', { driver: 'xhci_hcd' });
      expectDev(r, '03:00.4', { driver: 'xhci_hcd' });
      expectDev(r, '02:00.0', { class: '0108' });
      expectDev(r, '01:00.0', { driver: 'iwlwifi' });
      expectDev(r, '00:00.2', { className: 'IOMMU', class: '0806' });
    },
  },
];

export const iommuCases: FactCase[] = [
  {
    name: 'iommu/01 duo: GT 1030 shares group 2 with its root port only, so it is isolated',
    spec: { iommu: 'iommu/01-asokolsky-duo-z370-gt1030-printf.txt' },
    check(r) {
      expect(r.iommu).toEqual({ enabled: true, groupCount: 15, kernelArgs: [] });
      expect(r.pci).toHaveLength(21);
      expect(members(r, 2)).toEqual(['00:01.0', '01:00.0', '01:00.1']);
      expect(ids(r, '01:00.0')).toBe('10de:1d01');
      expect(ids(r, '01:00.1')).toBe('10de:0fb8');
      expect(ids(r, '00:01.0')).toBe('8086:1901');
      expect(gpu(r, '01:00.0')).toMatchObject({ iommuGroup: 2, isolated: true, sharedWith: [] });
      expect(gpu(r, '00:02.0')).toMatchObject({ iommuGroup: 0, isolated: true });
      expect(ids(r, '00:02.0')).toBe('8086:3e92');
      expect(group(r, '00:00.0')).toBe(1);
      expect(usb(r, '00:14.0')).toEqual({
        address: '0000:00:14.0',
        iommuGroup: 3,
        isolated: false,
        sharedWith: ['0000:00:14.2'],
      });
      expect(members(r, 14)).toEqual(['05:00.0']);
      expect(ids(r, '05:00.0')).toBe('15b7:5009');
      expect(members(r, 10)).toEqual(['00:1f.0', '00:1f.2', '00:1f.3', '00:1f.4']);
      expect(ids(r, '00:1f.3')).toBe('8086:a2f0');
    },
  },
  {
    name: 'iommu/02 fuji: intel_iommu=on; Matrox + iRMC in one group; NICs alone',
    spec: { iommu: 'iommu/02-asokolsky-fuji-proxmox-fujitsu-printf.txt' },
    check(r) {
      expect(r.iommu).toEqual({ enabled: true, groupCount: 15, kernelArgs: ['intel_iommu=on'] });
      expect(r.pci).toHaveLength(21);
      expect(members(r, 1)).toEqual(['00:01.0', '01:00.0']);
      expect(ids(r, '01:00.0')).toBe('1987:5012');
      expect(members(r, 10)).toEqual(['02:00.0', '02:00.1']);
      expect(ids(r, '02:00.0')).toBe('102b:0522');
      expect(ids(r, '02:00.1')).toBe('19a2:0800');
      expect(gpuAddresses(r)).toEqual(['0000:02:00.0']);
      expect(gpu(r, '02:00.0')).toMatchObject({
        functions: ['0000:02:00.0', '0000:02:00.1'],
        iommuGroup: 10,
        isolated: true,
      });
      expect([group(r, '03:00.0'), group(r, '04:00.0'), group(r, '05:00.0'), group(r, '05:00.1')]).toEqual([
        11, 12, 13, 14,
      ]);
      expect(members(r, 4)).toEqual(['00:17.0']);
      expect(ids(r, '00:17.0')).toBe('8086:a102');
      expect(members(r, 2)).toEqual(['00:14.0', '00:14.2']);
      expect(usb(r, '00:14.0')).toMatchObject({ isolated: false, sharedWith: ['0000:00:14.2'] });
      expect(members(r, 3)).toEqual(['00:16.0', '00:16.1']);
      expect(members(r, 9)).toEqual(['00:1f.0', '00:1f.2', '00:1f.4']);
    },
  },
  {
    name: 'iommu/03 fuji (find -type l): 14 groups, no device classes in the capture',
    spec: { iommu: 'iommu/03-asokolsky-fuji-proxmox-find-type-l.txt' },
    check(r) {
      expect(r.iommu).toEqual({ enabled: true, groupCount: 14, kernelArgs: [] });
      // The capture says nothing about classes: which device is a GPU is unknown, not guessed.
      expect(r.pci).toEqual([]);
      expect(r.gpus).toEqual([]);
    },
  },
  {
    name: 'iommu/04 nass: ASPEED VGA with its bridge; every NIC function in a group of its own',
    spec: { iommu: 'iommu/04-asokolsky-nass-truenas-atom-c3000-printf.txt' },
    check(r) {
      expect(r.iommu).toEqual({
        enabled: true,
        groupCount: 20,
        kernelArgs: ['amd_iommu=on', 'iommu=pt', 'intel_iommu=on'],
      });
      expect(r.pci).toHaveLength(24);
      expect(members(r, 15)).toEqual(['03:00.0', '04:00.0']);
      expect(ids(r, '04:00.0')).toBe('1a03:2000');
      expect(ids(r, '03:00.0')).toBe('1a03:1150');
      expect(gpu(r, '04:00.0')).toMatchObject({ iommuGroup: 15, isolated: true, sharedWith: [] });
      expect(members(r, 14)).toEqual(['01:00.0']);
      expect(ids(r, '01:00.0')).toBe('8086:19e2');
      expect([group(r, '05:00.0'), group(r, '05:00.1'), group(r, '06:00.0'), group(r, '06:00.1')]).toEqual([
        16, 17, 18, 19,
      ]);
      expect(members(r, 7)).toEqual(['00:13.0']);
      expect(members(r, 8)).toEqual(['00:14.0']);
      expect(usb(r, '00:15.0')).toEqual({
        address: '0000:00:15.0',
        iommuGroup: 9,
        isolated: true,
        sharedWith: [],
      });
      expect(ids(r, '00:15.0')).toBe('8086:19d0');
      expect(members(r, 13)).toEqual(['00:1f.0', '00:1f.2', '00:1f.4', '00:1f.5']);
    },
  },
  {
    name: 'iommu/05 suprox: I350 shares group 1 with the CPU root port; ASPEED with its bridge',
    spec: { iommu: 'iommu/05-asokolsky-suprox-proxmox-supermicro-printf.txt' },
    check(r) {
      expect(r.iommu).toEqual({ enabled: true, groupCount: 19, kernelArgs: ['intel_iommu=on', 'iommu=pt'] });
      expect(r.pci).toHaveLength(27);
      expect(members(r, 1)).toEqual(['00:01.0', '01:00.0', '01:00.1']);
      expect(ids(r, '01:00.0')).toBe('8086:1521');
      expect(ids(r, '00:01.0')).toBe('8086:1901');
      expect(members(r, 17)).toEqual(['05:00.0', '06:00.0']);
      expect(gpu(r, '06:00.0')).toMatchObject({ iommuGroup: 17, isolated: true });
      expect(members(r, 18)).toEqual(['07:00.0']);
      expect(ids(r, '07:00.0')).toBe('15b7:5009');
      expect([group(r, '02:00.0'), group(r, '03:00.0')]).toEqual([15, 16]);
      expect(members(r, 7)).toEqual(['00:17.0']);
      expect(ids(r, '00:17.0')).toBe('8086:a352');
      expect(members(r, 4)).toEqual(['00:14.0', '00:14.2']);
      expect(usb(r, '00:14.0')).toMatchObject({
        iommuGroup: 4,
        isolated: false,
        sharedWith: ['0000:00:14.2'],
      });
      expect(ids(r, '00:14.0')).toBe('8086:a36d');
      expect(members(r, 5)).toEqual(['00:15.0', '00:15.1']);
      expect(members(r, 6)).toEqual(['00:16.0', '00:16.4']);
      expect(members(r, 14)).toEqual(['00:1f.0', '00:1f.4', '00:1f.5']);
    },
  },
  {
    name: 'iommu/06 Z690 (grouped): RX 560 alone with its audio; RX 6700 XT split over two groups',
    spec: { iommu: 'iommu/06-ashtonian-z690-two-amd-gpus-grouped.txt' },
    check(r) {
      expect(r.iommu).toEqual({ enabled: true, groupCount: 36, kernelArgs: [] });
      expect(r.pci).toHaveLength(43);
      expect(members(r, 23)).toEqual(['04:00.0', '04:00.1']);
      expect(ids(r, '04:00.0')).toBe('1002:67ff');
      expect(ids(r, '04:00.1')).toBe('1002:aae0');
      expect(gpu(r, '04:00.0')).toMatchObject({
        iommuGroup: 23,
        isolated: true,
        vfioIds: ['1002:67ff', '1002:aae0'],
      });
      expect(members(r, 21)).toEqual(['03:00.0']);
      expect(members(r, 22)).toEqual(['03:00.1']);
      expect(ids(r, '03:00.0')).toBe('1002:73df');
      expect(ids(r, '03:00.1')).toBe('1002:ab28');
      expect(gpu(r, '03:00.0')).toMatchObject({
        iommuGroup: 21,
        isolated: true,
        functions: ['0000:03:00.0', '0000:03:00.1'],
      });
      expect([group(r, '01:00.0'), group(r, '02:00.0')]).toEqual([19, 20]);
      expect(gpu(r, '00:02.0')).toMatchObject({ iommuGroup: 3, isolated: true });
      expect(ids(r, '00:02.0')).toBe('8086:4680');
      expect(members(r, 7)).toEqual(['00:14.0', '00:14.2']);
      expect(usb(r, '00:14.0')).toMatchObject({ isolated: false, sharedWith: ['0000:00:14.2'] });
      expect(usb(r, '0d:00.0')).toMatchObject({ iommuGroup: 34, isolated: true });
      expect(usb(r, '41:00.0')).toMatchObject({ iommuGroup: 35, isolated: true });
      expect([group(r, '05:00.0'), group(r, '06:00.0')]).toEqual([24, 25]);
      expect(ids(r, '05:00.0')).toBe('15b7:5011');
      expect(ids(r, '06:00.0')).toBe('144d:a808');
      expect(members(r, 18)).toEqual(['00:1f.0', '00:1f.3', '00:1f.4', '00:1f.5']);
    },
  },
];

export const lsblkCases: FactCase[] = [
  {
    name: 'lsblk/01 suprox: one NVMe with LVM-thin; swap, / and /boot/efi make it the system disk',
    spec: { lsblk: 'lsblk/01-asokolsky-suprox-proxmox-nvme-lvmthin.txt' },
    check(r) {
      expect(r.disks).toHaveLength(1);
      expect(disk(r, 'nvme0n1')).toEqual({
        name: 'nvme0n1',
        path: '/dev/nvme0n1',
        byId: null,
        sizeBytes: size('465.8G'),
        rotational: null,
        transport: 'nvme',
        model: null,
        serial: null,
        holds: ['part:nvme0n1p1', 'part:nvme0n1p2', 'part:nvme0n1p3', 'lvm:pve'],
        mounted: ['/boot/efi', '[SWAP]', '/'],
        system: true,
        removable: false,
      });
    },
  },
  {
    name: 'lsblk/02 nass: five tank members by serial, the SATA DOM holds boot-pool',
    spec: { lsblk: 'lsblk/02-asokolsky-nass-truenas-zfs-serial-wwn.txt' },
    check(r) {
      expect(r.disks.map((d) => [d.name, d.sizeBytes, d.serial])).toEqual([
        ['sda', size('5.5T'), 'WD-WX31DB48X2ZY'],
        ['sdb', size('7.3T'), 'VR368JHK'],
        ['sdc', size('5.5T'), 'WD-C81EX39K'],
        ['sdd', size('5.5T'), 'WD-C81G6HGK'],
        ['sde', size('5.5T'), 'ZCT2WLTH'],
        ['sdf', size('29.5G'), 'SMC0515D91120B964037'],
      ]);
      for (const n of ['sda', 'sdb', 'sdc', 'sdd', 'sde']) expect(disk(r, n).holds).toEqual(['zfs:tank']);
      expect(disk(r, 'sdf').holds).toEqual(['part:sdf1', 'fs:vfat', 'part:sdf2', 'zfs:boot-pool']);
      // No TYPE/ROTA/TRAN/RM columns: those facts are unknown, not guessed.
      expect(
        r.disks.every((d) => d.rotational === null && d.transport === null && d.removable === null),
      ).toBe(true);
      expect(disk(r, 'sdf').system).toBe(false);
    },
  },
  {
    name: 'lsblk/02 + the same NAS kernel command line (iommu/04): boot-pool makes sdf the system disk',
    spec: {
      lsblk: 'lsblk/02-asokolsky-nass-truenas-zfs-serial-wwn.txt',
      cmdline:
        'BOOT_IMAGE=/ROOT/23.10.2@/boot/vmlinuz-6.1.74-production+truenas root=ZFS=boot-pool/ROOT/23.10.2 ro',
    },
    check(r) {
      expect(disk(r, 'sdf').system).toBe(true);
      expect(r.disks.filter((d) => d.system).map((d) => d.name)).toEqual(['sdf']);
    },
  },
  {
    name: 'lsblk/03 Latitude: a removable USB stick with four partitions next to the system NVMe',
    spec: { lsblk: 'lsblk/03-asokolsky-latitude7490-usb-flash-nvme.txt' },
    check(r) {
      expect(r.disks.map((d) => d.name)).toEqual(['sda', 'nvme0n1']);
      expect(disk(r, 'sda')).toMatchObject({
        sizeBytes: size('3.8G'),
        removable: true,
        holds: ['part:sda1', 'part:sda2', 'part:sda3', 'part:sda4'],
        mounted: ['/media/alex/PVE'],
        system: false,
      });
      expect(disk(r, 'nvme0n1')).toMatchObject({
        sizeBytes: size('465.8G'),
        removable: false,
        mounted: ['/boot/efi', '/run/timeshift/backup'],
        system: true,
      });
    },
  },
  {
    name: 'lsblk/04 OptiPlex: exactly two disks, an unmounted SATA data disk',
    spec: { lsblk: 'lsblk/04-asokolsky-optiplex-sata-nvme.txt' },
    check(r) {
      expect(r.disks.map((d) => [d.name, d.sizeBytes])).toEqual([
        ['sda', size('232.9G')],
        ['nvme0n1', size('238.5G')],
      ]);
      expect(disk(r, 'sda')).toMatchObject({
        holds: ['part:sda1'],
        mounted: [],
        system: false,
        transport: null,
        rotational: null,
      });
      expect(disk(r, 'nvme0n1')).toMatchObject({
        holds: ['part:nvme0n1p1', 'part:nvme0n1p2'],
        mounted: ['/boot/efi', '/'],
        system: true,
      });
      expect(r.disks.flatMap((d) => d.holds).filter((h) => h.startsWith('part:'))).toHaveLength(3);
    },
  },
  {
    name: 'lsblk/05 desktop (JSON without sizes): loops left out, LUKS whole disk, root on the NVMe',
    spec: { lsblk: 'lsblk/05-qkzk-desktop-nvme-sata-luks.json' },
    check(r) {
      expect(r.disks.map((d) => d.name)).toEqual(['sda', 'sdb', 'sdc', 'sdd', 'nvme0n1']);
      expect(r.disks.every((d) => d.sizeBytes === null && d.rotational === null && d.model === null)).toBe(
        true,
      );
      expect(disk(r, 'sda')).toMatchObject({
        holds: ['part:sda1', 'fs:ext4'],
        mounted: ['/home/quentin/hdd'],
      });
      expect(disk(r, 'sdb')).toMatchObject({
        holds: ['luks', 'fs:ext4'],
        mounted: ['/run/media/quentin/e2838de1-018a-44a9-bcc2-121a04251a31'],
      });
      expect(disk(r, 'sdc')).toMatchObject({
        holds: ['part:sdc1', 'fs:ext4'],
        mounted: ['/home/quentin/ssd'],
      });
      expect(disk(r, 'sdd')).toMatchObject({
        holds: ['part:sdd1', 'fs:vfat'],
        mounted: ['/run/media/quentin/7DD3-FEF4'],
      });
      expect(disk(r, 'nvme0n1')).toMatchObject({ mounted: ['/boot/efi', '/'], system: true });
      expect(r.disks.filter((d) => d.system).map((d) => d.name)).toEqual(['nvme0n1']);
    },
  },
  {
    name: 'lsblk/07 arch-nova: LUKS2 holding LVM (swap, root, home), columns placed by the header',
    spec: { lsblk: 'lsblk/07-calico88x-jasperlake-nvme-luks-lvm-columns.txt' },
    check(r) {
      expect(r.disks).toHaveLength(1);
      expect(disk(r, 'nvme0n1')).toMatchObject({
        path: '/dev/nvme0n1',
        sizeBytes: size('476.9G'),
        holds: ['part:nvme0n1p1', 'fs:vfat', 'part:nvme0n1p2', 'luks', 'lvm:NovaVG', 'fs:swap', 'fs:ext4'],
        mounted: ['/boot', '[SWAP]', '/', '/home'],
        system: true,
      });
    },
  },
  {
    name: 'lsblk/08 btrfs desktop: four disks; four mountpoints of sdc1 stay with it',
    spec: { lsblk: 'lsblk/08-regeneric-nvme-3sata-btrfs-multimount.txt' },
    check(r) {
      expect(r.disks.map((d) => [d.name, d.sizeBytes])).toEqual([
        ['sda', size('931.5G')],
        ['sdb', size('238.5G')],
        ['sdc', size('223.6G')],
        ['nvme0n1', size('119.2G')],
      ]);
      expect(disk(r, 'sda').mounted).toEqual(['/storage']);
      expect(disk(r, 'sdb').mounted).toEqual(['/home']);
      expect(disk(r, 'sdc').mounted).toEqual([
        '/storage/.snapshots',
        '/home/.snapshots',
        '/.snapshots',
        '/var_log',
      ]);
      expect(disk(r, 'nvme0n1')).toMatchObject({ mounted: ['/boot', '/'], system: true });
      expect(r.disks.filter((d) => d.system)).toHaveLength(1);
    },
  },
  {
    name: 'lsblk/12 server: two blank NVMe drives, a truncated MOUNTPOIN header',
    spec: { lsblk: 'lsblk/12-florinandrei-server-3nvme.txt' },
    check(r) {
      expect(r.disks.map((d) => [d.name, d.sizeBytes])).toEqual([
        ['nvme0n1', size('1.7T')],
        ['nvme1n1', size('1.7T')],
        ['nvme2n1', size('931.5G')],
      ]);
      for (const n of ['nvme0n1', 'nvme1n1'])
        expect(disk(r, n)).toMatchObject({ holds: [], mounted: [], system: false });
      expect(disk(r, 'nvme2n1')).toMatchObject({
        holds: ['part:nvme2n1p1', 'fs:vfat', 'part:nvme2n1p2', 'fs:swap', 'part:nvme2n1p3', 'fs:ext4'],
        mounted: ['/boot/efi', '[SWAP]', '/'],
        system: true,
      });
    },
  },
];

/** One machine from three captures (lspci, IOMMU listing, lsblk of the Proxmox host "suprox"). */
export const machineCases: FactCase[] = [
  {
    name: 'suprox whole machine: drivers, groups and disks in one report',
    spec: {
      lspci: 'lspci/03-asokolsky-suprox-proxmox-supermicro-nnk.txt',
      iommu: 'iommu/05-asokolsky-suprox-proxmox-supermicro-printf.txt',
      lsblk: 'lsblk/01-asokolsky-suprox-proxmox-nvme-lvmthin.txt',
    },
    check(r) {
      expect(r.pci).toHaveLength(27);
      expect(r.pci.every((d) => d.iommuGroup !== null)).toBe(true);
      expectDev(r, '00:17.0', { driver: 'vfio-pci', iommuGroup: 7 });
      expectDev(r, '01:00.0', { driver: 'vfio-pci', iommuGroup: 1 });
      expect(gpu(r, '06:00.0')).toMatchObject({ iommuGroup: 17, isolated: true, vfioIds: ['1a03:2000'] });
      expect(usb(r, '00:14.0')).toMatchObject({ isolated: false, sharedWith: ['0000:00:14.2'] });
      expect(r.iommu.kernelArgs).toEqual(['intel_iommu=on', 'iommu=pt']);
      expect(disk(r, 'nvme0n1').system).toBe(true);
      expect(r.warnings.map((w) => w.code)).toContain('single-gpu');
      expect(r.warnings.map((w) => w.code)).not.toContain('iommu-off');
    },
  },
];

export const allCases = [...lspciCases, ...iommuCases, ...lsblkCases, ...machineCases];
