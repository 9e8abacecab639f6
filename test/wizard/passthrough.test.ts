import { describe, expect, it } from 'vitest';
import { answersProblem } from '../../src/wizard/commit';
import {
  type Passthrough,
  chooseGpu,
  gpuCandidates,
  iommuMessage,
  iommuState,
  needsBindByAddress,
  passedDevices,
  passthroughNotes,
  passthroughProblems,
  passthroughStatus,
  toggleUsb,
  usbCandidates,
  withDefaultTarget,
} from '../../src/wizard/passthrough';
import { demoAnswers, demoReport, iommuOffReport, sharedGroupReport, twoGpuReport } from './fixtures';

const none = (): Passthrough => demoAnswers().passthrough;

describe('IOMMU state', () => {
  it('is on when groups are visible', () => {
    expect(iommuState(demoReport())).toEqual({ kind: 'on', groups: 32 });
  });
  it('names the AMD firmware setting when groups are empty', () => {
    const s = iommuState(iommuOffReport('amd', ['iommu=pt']));
    expect(s.kind).toBe('firmware-off');
    expect(iommuMessage(s)).toMatch(/Enable IOMMU \(AMD-Vi\) and SVM Mode .* in the firmware setup/);
  });
  it('on Intel without intel_iommu=on, the plan adds it first, and VT-d is named for afterwards', () => {
    const s = iommuState(iommuOffReport('intel', []));
    expect(s).toMatchObject({ kind: 'args-missing', args: ['intel_iommu=on', 'iommu=pt'] });
    expect(iommuMessage(s)).toMatch(/adds intel_iommu=on iommu=pt .* enable VT-d/);
    expect(iommuState(iommuOffReport('intel', ['intel_iommu=on', 'iommu=pt'])).kind).toBe('firmware-off');
  });
});

describe('candidates and verdicts', () => {
  it('lists the GPU with all its functions and its group verdict', () => {
    const [gpu] = gpuCandidates(demoReport());
    expect(gpu).toMatchObject({
      address: '0000:01:00.0',
      name: 'GeForce RTX 3060 Lite Hash Rate',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      verdict: 'isolated in IOMMU group 14',
    });
  });
  it('names what a shared group holds', () => {
    const [gpu] = gpuCandidates(sharedGroupReport());
    expect(gpu?.verdict).toBe(
      'shares IOMMU group 14 with 02:00.0 AMD 400 Series Chipset USB 3.1 xHCI Compliant Host Controller, 02:00.1 AMD 400 Series Chipset SATA Controller',
    );
    expect(usbCandidates(iommuOffReport())[0]?.verdict).toBe('IOMMU group unknown');
  });
});

describe('choosing devices', () => {
  const report = demoReport();
  const [gpu] = gpuCandidates(report);

  it('an isolated GPU goes with all its functions', () => {
    const p = chooseGpu(none(), report, gpu!, 'alone');
    expect(p).toMatchObject({
      gpu: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      bindByAddress: false,
    });
    expect(chooseGpu(p, report, null, 'alone')).toMatchObject({ gpu: null, functions: [] });
  });

  it('a shared GPU alone leaves a partial group: refused until the whole group or the ACS override', () => {
    const shared = sharedGroupReport();
    const c = gpuCandidates(shared)[0]!;
    const a = demoAnswers();
    a.passthrough = chooseGpu(a.passthrough, shared, c, 'alone');
    expect(passthroughProblems(a, shared)).toEqual([
      '01:00.0 shares IOMMU group 14: pass the whole group, opt in to the ACS override, or leave it',
    ]);
    a.passthrough = chooseGpu(none(), shared, c, 'whole-group');
    expect(passedDevices(a.passthrough)).toEqual([
      '0000:01:00.0',
      '0000:01:00.1',
      '0000:02:00.0',
      '0000:02:00.1',
    ]);
    // The GPU's own functions stay in `functions`; the rest of the group is passed as further devices.
    expect(a.passthrough.functions).toEqual(['0000:01:00.0', '0000:01:00.1']);
    expect(passthroughProblems(a, shared)).toEqual([]);
    expect(answersProblem(a)).toBeNull();
    a.passthrough = chooseGpu(none(), shared, c, 'acs');
    expect(a.passthrough).toMatchObject({ acsOverride: true, usbControllers: [] });
    expect(passthroughProblems(a, shared)).toEqual([]);
    expect(passthroughNotes(a, shared).join(' ')).toMatch(
      /ACS override on \(pcie_acs_override=downstream,multifunction\)/,
    );
  });

  it('dropping a GPU passed as a whole group drops the devices that came with it', () => {
    const shared = sharedGroupReport();
    const c = gpuCandidates(shared)[0]!;
    const p = chooseGpu(chooseGpu(none(), shared, c, 'whole-group'), shared, null, 'alone');
    expect(passedDevices(p)).toEqual([]);
  });

  it('a USB controller whose group holds the GPU takes the GPU whole', () => {
    const shared = sharedGroupReport();
    const usb = usbCandidates(shared).find((u) => u.address === '0000:02:00.0')!;
    const p = toggleUsb(none(), shared, usb, 'whole-group');
    expect(p.gpu).toBe('0000:01:00.0');
    expect(p.functions).toEqual(['0000:01:00.0', '0000:01:00.1']);
    expect(p.usbControllers).toEqual(['0000:02:00.0', '0000:02:00.1']);
    const off = toggleUsb(p, shared, usb, 'alone');
    expect(off.usbControllers).toEqual([]);
  });

  it('USB controllers toggle on and off', () => {
    const [usb] = usbCandidates(report);
    const on = toggleUsb(none(), report, usb!, 'alone');
    expect(on.usbControllers).toEqual(['0000:03:00.0']);
    expect(toggleUsb(on, report, usb!, 'alone').usbControllers).toEqual([]);
  });

  it('identical ids elsewhere on the host mean binding by address', () => {
    const two = twoGpuReport();
    const p = chooseGpu(none(), two, gpuCandidates(two)[1]!, 'alone');
    expect(p.bindByAddress).toBe(true);
    expect(needsBindByAddress(two, ['0000:0b:00.0', '0000:0b:00.1'])).toBe(true);
    // The demo host has two identical Matisse USB controllers: passing one needs address binding too.
    expect(toggleUsb(none(), report, usbCandidates(report)[0]!, 'alone').bindByAddress).toBe(true);
    expect(needsBindByAddress(report, ['0000:01:00.0', '0000:01:00.1'])).toBe(false);
  });

  it('points the devices at the first enabled VM when the target is not one', () => {
    const a = demoAnswers();
    const p = withDefaultTarget({ ...chooseGpu(none(), report, gpu!, 'alone'), targetVmid: null }, a);
    expect(p.targetVmid).toBe(101);
    a.guests.windowsVm.enabled = false;
    expect(withDefaultTarget({ ...p, targetVmid: 101 }, a).targetVmid).toBe(102);
  });
});

describe('notes and status', () => {
  it('warns that the only GPU leaves the host headless', () => {
    const a = demoAnswers();
    a.passthrough = chooseGpu(a.passthrough, demoReport(), gpuCandidates(demoReport())[0]!, 'alone');
    expect(passthroughNotes(a, demoReport())[0]).toMatch(/only GPU: after the reboot the host goes headless/);
    const two = twoGpuReport();
    a.passthrough = chooseGpu(none(), two, gpuCandidates(two)[0]!, 'alone');
    expect(passthroughNotes(a, two).join(' ')).toMatch(/boot screen: set the firmware's primary display/);
    expect(passthroughNotes(a, two).join(' ')).toMatch(/binds by address \(driver_override\)/);
  });

  it('status: optional with nothing passed, done with the choice, info on NixOS', () => {
    const a = demoAnswers();
    expect(passthroughStatus(a, demoReport())).toEqual({
      kind: 'optional',
      summary: 'none: no device goes to a VM',
    });
    a.passthrough = chooseGpu(a.passthrough, demoReport(), gpuCandidates(demoReport())[0]!, 'alone');
    a.passthrough = toggleUsb(a.passthrough, demoReport(), usbCandidates(demoReport())[0]!, 'alone');
    expect(passthroughStatus(a, demoReport())).toEqual({
      kind: 'done',
      summary:
        'GeForce RTX 3060 Lite Hash Rate (2 functions) + 1 USB controller → Windows VM 101 · bind by address',
    });
    a.passthrough.targetVmid = 555;
    expect(passthroughStatus(a, demoReport()).summary).toMatch(
      /^missing: target VMID 555 is not an enabled VM in Guests/,
    );
    a.machine.role = 'nixos';
    expect(passthroughStatus(a, demoReport()).kind).toBe('info');
  });

  it('IOMMU off in firmware makes a choice incomplete', () => {
    const off = iommuOffReport('amd', ['iommu=pt']);
    const a = demoAnswers();
    a.passthrough = chooseGpu(a.passthrough, off, gpuCandidates(off)[0]!, 'alone');
    expect(passthroughProblems(a, off)[0]).toMatch(/^IOMMU is off: enable IOMMU \(AMD-Vi\)/);
    expect(passthroughStatus({ ...a, passthrough: none() }, off).summary).toBe(
      'none: no device goes to a VM · IOMMU off',
    );
  });
});

describe('USB controllers of one device', () => {
  it('go together, as the functions of that device', () => {
    const report = demoReport();
    report.pci.push({ ...report.pci.find((d) => d.address === '0000:0a:00.3')!, address: '0000:0a:00.4' });
    report.usbControllers.push({ address: '0000:0a:00.4', iommuGroup: 28, isolated: true, sharedWith: [] });
    const c = usbCandidates(report).find((u) => u.address === '0000:0a:00.3')!;
    expect(c.functions).toEqual(['0000:0a:00.3', '0000:0a:00.4']);
    const a = demoAnswers();
    a.passthrough = toggleUsb(a.passthrough, report, c, 'alone');
    expect(a.passthrough.usbControllers).toEqual(['0000:0a:00.3', '0000:0a:00.4']);
    expect(passthroughProblems(a, report)).toEqual([]);
    a.passthrough.usbControllers = ['0000:0a:00.3'];
    expect(passthroughProblems(a, report)).toEqual(['0a:00.3 goes with 0a:00.4 (the same device)']);
    a.passthrough.usbControllers = ['0000:0a:00.3', '0000:0a:00.4'];
    expect(toggleUsb(a.passthrough, report, c, 'alone').usbControllers).toEqual([]);
  });
});
