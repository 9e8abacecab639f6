import { describe, expect, it } from 'vitest';
import { parseLspci } from '../../src/host/pci';
import { compareAddress, normalizeAddress, slotOf } from '../../src/host/pci-address';

describe('PCI addresses', () => {
  it('always carry a domain, lower-case', () => {
    expect(normalizeAddress('01:00.0')).toBe('0000:01:00.0');
    expect(normalizeAddress('0000:0A:00.1')).toBe('0000:0a:00.1');
    expect(normalizeAddress('1a06:00:02.0')).toBe('1a06:00:02.0');
    expect(normalizeAddress('10000:e1:00.0')).toBe('10000:e1:00.0');
    expect(normalizeAddress('01:00.8')).toBeNull();
    expect(normalizeAddress('garbage')).toBeNull();
  });
  it('orders numerically, wider domains after narrower ones', () => {
    const list = ['10000:00:00.0', '0000:0a:00.0', '0000:01:00.1', '0000:01:00.0', '1a06:00:02.0'];
    expect([...list].sort(compareAddress)).toEqual([
      '0000:01:00.0',
      '0000:01:00.1',
      '0000:0a:00.0',
      '1a06:00:02.0',
      '10000:00:00.0',
    ]);
    expect(slotOf('0000:01:00.1')).toBe('0000:01:00');
  });
});

describe('parseLspci', () => {
  it('reads lspci -nnk -D with tabs: class, ids, names with brackets, revision, subsystem, driver, modules', () => {
    const text = [
      '0000:01:00.0 VGA compatible controller [0300]: NVIDIA Corporation GA106 [GeForce RTX 3060 Lite Hash Rate] [10de:2504] (rev a1)',
      '\tSubsystem: Micro-Star International Co., Ltd. [MSI] Device [1462:397d]',
      '\tKernel driver in use: nvidia',
      '\tKernel modules: nvidiafb, nouveau, nvidia_drm, nvidia',
      '0000:01:00.1 Audio device [0403]: NVIDIA Corporation GA106 High Definition Audio Controller [10de:228e] (rev a1)',
      '\tKernel modules: snd_hda_intel',
      '',
    ].join('\n');
    const { devices, kernelInfo, warnings } = parseLspci(text);
    expect(kernelInfo).toBe(true);
    expect(warnings).toEqual([]);
    expect(devices[0]).toEqual({
      address: '0000:01:00.0',
      class: '0300',
      className: 'VGA compatible controller',
      vendor: '10de',
      device: '2504',
      name: 'NVIDIA Corporation GA106 [GeForce RTX 3060 Lite Hash Rate]',
      subsystem: '1462:397d',
      driver: 'nvidia',
      modules: ['nvidiafb', 'nouveau', 'nvidia_drm', 'nvidia'],
      iommuGroup: null,
    });
    expect(devices[1]).toMatchObject({ driver: null, modules: ['snd_hda_intel'], subsystem: null });
  });

  it('adds the 0000 domain, accepts space indentation and DeviceName lines', () => {
    const text =
      '00:14.0 USB controller [0c03]: Intel Corporation 200 Series USB 3.0 xHCI Controller [8086:a2af]\n' +
      '        DeviceName: Onboard - Other\n' +
      '        Subsystem: ASRock Incorporation Device [1849:a2af]\n' +
      '        Kernel driver in use: xhci_hcd\n';
    const [d] = parseLspci(text).devices;
    expect(d).toMatchObject({
      address: '0000:00:14.0',
      class: '0c03',
      driver: 'xhci_hcd',
      modules: [],
      subsystem: '1849:a2af',
    });
  });

  it('reports drivers and modules as unknown (null) when the output has no -k information', () => {
    const text = '05:00.0 VGA compatible controller [0300]: AMD/ATI Lucienne [1002:164c] (rev c1)\n';
    const [d] = parseLspci(text).devices;
    expect(d).toMatchObject({ driver: null, modules: null, vendor: '1002', device: '164c' });
    expect(parseLspci(text).kernelInfo).toBe(false);
  });

  it('keeps modules unknown when lspci could not load libkmod', () => {
    const text =
      '0000:00:02.0 Mass storage controller [0180]: Red Hat, Inc. Virtio block device [1af4:1042] (rev 01)\n\tKernel driver in use: virtio-pci\n';
    const [d] = parseLspci(text, { modulesUnknown: true }).devices;
    expect(d).toMatchObject({ driver: 'virtio-pci', modules: null });
  });

  it('maps class names to codes for output printed without -nn, and strips prog-if and revision', () => {
    const text = [
      '01:00.0 3D controller: NVIDIA Corporation GV100GL [Tesla V100 SXM2 32GB] (rev a1)',
      '00:02.2 PCI bridge: Advanced Micro Devices, Inc. [AMD] Renoir PCIe GPP Bridge (prog-if 00 [Normal decode])',
      'c8:00.0 Non-Essential Instrumentation [1300]: Advanced Micro Devices, Inc. [AMD] Phoenix Dummy Function',
      '00:10.0 Made-up class: Vendor Thing',
    ].join('\n');
    const devices = parseLspci(text).devices;
    expect(devices.map((d) => [d.address, d.class, d.vendor])).toEqual([
      ['0000:00:02.2', '0604', null],
      ['0000:00:10.0', null, null],
      ['0000:01:00.0', '0302', null],
      ['0000:c8:00.0', '1300', null],
    ]);
    expect(devices[0]!.name).toBe('Advanced Micro Devices, Inc. [AMD] Renoir PCIe GPP Bridge');
    expect(devices[2]!.name).toBe('NVIDIA Corporation GV100GL [Tesla V100 SXM2 32GB]');
  });

  it('ignores a repeated address and says so when nothing parses', () => {
    const text = '00:01.0 Host bridge [0600]: A [8086:0001]\n00:01.0 Host bridge [0600]: B [8086:0002]\n';
    expect(parseLspci(text).devices.map((d) => d.name)).toEqual(['A']);
    const bad = parseLspci('lspci: Cannot open /sys/bus/pci/devices\n');
    expect(bad.devices).toEqual([]);
    expect(bad.warnings.map((w) => w.code)).toEqual(['lspci-unparsed']);
    expect(parseLspci('').warnings).toEqual([]);
  });
});
