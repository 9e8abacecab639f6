import { afterEach, describe, expect, it } from 'vitest';
import { demoAnswers, iommuOffReport, sharedGroupReport, twoGpuReport } from '../wizard/fixtures';
import { type Wizard, flat, focus, hubLine, openSection, openWizard } from '../wizard/hub';

let w: Wizard | null = null;
afterEach(() => {
  w?.s.unmount();
  w = null;
});

describe('Passthrough section', () => {
  it('passes the GPU with all its functions and a USB controller to the Windows VM; the hub turns done', async () => {
    w = await openWizard({ columns: 140 });
    expect(hubLine(w.s.frame(), 'Passthrough')).toContain('· none: no device goes to a VM');
    let f = await openSection(w, 'Passthrough');
    expect(f).toContain('✓ IOMMU on: 32 groups');
    expect(f).toMatch(/GPU\s+none/);
    f = await w.s.press('enter');
    expect(f).toContain('Passthrough › GPU');
    // The list opens on the current choice (none); the GPU is one row up.
    expect(f).toMatch(/› No GPU/);
    f = await w.s.press('up');
    expect(f).toMatch(/01:00.0 GeForce RTX 3060 Lite Hash Rate\s+isolated in IOMMU group 14/);
    expect(f).toContain('Functions that go together: 01:00.0, 01:00.1');
    f = await w.s.press('enter');
    expect(f).toMatch(/GPU\s+GeForce RTX 3060 Lite Hash Rate \(01:00.0, 01:00.1\)/);
    expect(flat(f)).toContain("This is the host's only GPU: after the reboot the host goes headless");
    expect(w.current().passthrough).toMatchObject({
      gpu: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      targetVmid: 101,
    });
    await focus(w, 'USB controllers');
    f = await w.s.press('enter');
    expect(f).toMatch(/› \[ \] 03:00.0 AMD Matisse USB 3.0 Host Controller\s+isolated in IOMMU group 20/);
    f = await w.s.press('space');
    expect(f).toContain('[x] 03:00.0');
    expect(w.current().passthrough.usbControllers).toEqual(['0000:03:00.0']);
    f = await w.s.press('escape');
    expect(f).toMatch(/USB controllers\s+03:00.0/);
    // The other controller has the same ids: binding must go by address, and the screen says why.
    expect(flat(f)).toContain('binds by address (driver_override)');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Passthrough')).toContain(
      '✓ GeForce RTX 3060 Lite Hash Rate (2 functions) + 1 USB controller → Windows VM 101 · bind by address',
    );
  });

  it('a GPU sharing its group offers the whole group (with its cost), the ACS override, or nothing', async () => {
    w = await openWizard({ report: sharedGroupReport() });
    await openSection(w, 'Passthrough');
    await w.s.press('enter');
    let f = await w.s.press('up');
    expect(f).toMatch(/shares IOMMU group 14 with 02:00.0/);
    f = await w.s.press('enter');
    expect(flat(f)).toContain('It shares IOMMU group 14 with 02:00.0');
    expect(flat(f)).toContain('cannot go to the VM alone');
    expect(f).toMatch(/› Leave it/);
    f = await w.s.press('escape');
    expect(f).toContain('Passthrough › GPU');
    expect(w.saves).toEqual([]);
    await focus(w, '01:00.0');
    await w.s.press('enter');
    f = await focus(w, 'Pass the whole group');
    expect(flat(f)).toContain('SATA Controller goes too: the host loses it');
    f = await w.s.press('enter');
    expect(w.current().passthrough).toMatchObject({
      gpu: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
      usbControllers: ['0000:02:00.0', '0000:02:00.1'],
      acsOverride: false,
    });
    expect(hubLine(await w.s.press('escape'), 'Passthrough')).toContain(
      '✓ GeForce RTX 3060 Lite Hash Rate (2 functions) + 1 USB controller + 1 other device',
    );
  });

  it('the ACS override is chosen only with its cost on screen', async () => {
    w = await openWizard({ report: sharedGroupReport() });
    await openSection(w, 'Passthrough');
    await w.s.press('enter');
    await w.s.press('up');
    await w.s.press('enter');
    let f = await focus(w, 'Opt in to the ACS override');
    expect(f).toContain('pcie_acs_override=downstream,multifunction');
    expect(flat(f)).toContain('Cost: it weakens isolation');
    f = await w.s.press('enter');
    expect(f).toMatch(/ACS override\s+on \(pcie_acs_override=downstream,multifunction\)/);
    expect(f).toContain('isolation is weakened');
    expect(w.current().passthrough).toMatchObject({
      gpu: '0000:01:00.0',
      usbControllers: [],
      acsOverride: true,
    });
    // Turning it off again leaves the GPU alone in a shared group: the section says what is missing.
    await focus(w, 'ACS override');
    f = await w.s.press('enter');
    expect(f).toContain('Passthrough › ACS override');
    await focus(w, 'Keep it off');
    f = await w.s.press('enter');
    expect(f).toMatch(/ACS override\s+off/);
    expect(flat(f)).toContain(
      'missing: 01:00.0 shares IOMMU group 14: pass the whole group, opt in to the ACS override, or leave it',
    );
    expect(hubLine(await w.s.press('escape'), 'Passthrough')).toContain(
      '! missing: 01:00.0 shares IOMMU group 14',
    );
  });

  it('two identical GPUs: the second one is bound by address', async () => {
    w = await openWizard({ report: twoGpuReport() });
    await openSection(w, 'Passthrough');
    await w.s.press('enter');
    await focus(w, '0b:00.0');
    const f = await w.s.press('enter');
    expect(f).toMatch(/GPU\s+GeForce RTX 3060 Lite Hash Rate \(0b:00.0, 0b:00.1\)/);
    expect(flat(f)).toContain('Another device on this host has the same vendor:device ids');
    expect(f).not.toContain('headless');
    expect(w.current().passthrough).toMatchObject({ gpu: '0000:0b:00.0', bindByAddress: true });
  });

  it('says which firmware setting to enable when IOMMU is off', async () => {
    w = await openWizard({ report: iommuOffReport('intel', ['intel_iommu=on', 'iommu=pt']) });
    expect(hubLine(w.s.frame(), 'Passthrough')).toContain('none: no device goes to a VM · IOMMU off');
    const f = await openSection(w, 'Passthrough');
    expect(flat(f)).toContain('! IOMMU off: the kernel sees no IOMMU groups. Enable VT-d');
    expect(flat(f)).toContain('it cannot be switched on from Linux');
  });

  it('moves the devices to the NixOS VM and removes the GPU again', async () => {
    const answers = demoAnswers();
    answers.passthrough = {
      ...answers.passthrough,
      gpu: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
    };
    w = await openWizard({ answers });
    await openSection(w, 'Passthrough');
    await focus(w, 'Target VM');
    let f = await w.s.press('enter');
    expect(f).toMatch(/› Windows VM\s+VMID 101/);
    await w.s.press('down');
    f = await w.s.press('enter');
    expect(f).toMatch(/Target VM\s+NixOS VM \(VMID 102\)/);
    expect(w.current().passthrough.targetVmid).toBe(102);
    await focus(w, 'GPU');
    await w.s.press('enter');
    await focus(w, 'No GPU');
    f = await w.s.press('enter');
    expect(f).toMatch(/GPU\s+none/);
    expect(w.current().passthrough).toMatchObject({ gpu: null, functions: [] });
  });

  it('on a NixOS machine it says it does not apply, and esc goes back', async () => {
    const answers = demoAnswers();
    answers.machine.role = 'nixos';
    w = await openWizard({ answers });
    expect(hubLine(w.s.frame(), 'Passthrough')).toContain('i not used on a NixOS machine');
    const f = await openSection(w, 'Passthrough');
    expect(f).toContain('Passthrough is for a Proxmox host');
    expect(hubLine(await w.s.press('escape'), 'Passthrough')).toContain('not used');
  });
});
