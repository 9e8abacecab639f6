import { afterEach, describe, expect, it } from 'vitest';
import { demoAnswers, demoReport } from '../wizard/fixtures';
import { type Wizard, flat, focus, hubLine, openSection, openWizard, retype } from '../wizard/hub';

let w: Wizard | null = null;
afterEach(() => {
  w?.s.unmount();
  w = null;
});

describe('Guests section', () => {
  it('refuses a VMID another guest uses or below 100, with messages naming the field', async () => {
    w = await openWizard();
    expect(hubLine(w.s.frame(), 'Guests')).toContain('✓ NixOS LXC 100 · Windows VM 101 · NixOS VM 102');
    let f = await openSection(w, 'Guests');
    expect(f).toMatch(/NixOS LXC\s+VMID 100 · nixos-lxc · 2 cores · 2048 MiB · 16 GiB · vmbr0/);
    f = await w.s.press('enter');
    expect(f).toContain('Guests › NixOS LXC');
    await focus(w, 'VMID');
    f = await w.s.press('enter');
    expect(f).toContain('VMID: 100');
    await retype(w, '101');
    f = await w.s.press('enter');
    expect(f).toContain("✗ VMID: 101 is already the Windows VM's");
    await retype(w, '99');
    expect(w.s.frame()).toContain('✗ VMID: at least 100');
    await retype(w, 'abc');
    expect(w.s.frame()).toContain('✗ VMID: expected a whole number, got "abc"');
    await retype(w, '110');
    f = await w.s.press('enter');
    expect(f).toMatch(/VMID\s+110/);
    expect(w.current().guests.nixosLxc.vmid).toBe(110);
    await w.s.press('escape');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Guests')).toContain('✓ NixOS LXC 110 · Windows VM 101 · NixOS VM 102');
  });

  it('refuses the VMID of a guest already on the host; the hub goes from missing to done', async () => {
    const report = demoReport();
    report.guests = [{ vmid: 100, kind: 'lxc', name: 'pihole', status: 'running' }];
    w = await openWizard({ report, columns: 150 });
    expect(hubLine(w.s.frame(), 'Guests')).toContain(
      '! missing: NixOS LXC VMID 100 is taken by the existing container "pihole" (running)',
    );
    let f = await openSection(w, 'Guests');
    expect(f).toContain('Already on this host: 100 pihole (lxc, running)');
    expect(flat(f)).toContain('NixOS LXC VMID 100 is taken by the existing container "pihole" (running)');
    await w.s.press('enter');
    await focus(w, 'VMID');
    f = await w.s.press('enter');
    expect(f).toContain('in use: 100');
    await retype(w, '103');
    f = await w.s.press('enter');
    expect(w.current().guests.nixosLxc.vmid).toBe(103);
    await w.s.press('escape');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Guests')).toContain('✓ NixOS LXC 103 · Windows VM 101 · NixOS VM 102');
  });

  it('edits cores, memory (with units) and disk size within the host', async () => {
    w = await openWizard();
    await openSection(w, 'Guests');
    await focus(w, 'Windows VM');
    await w.s.press('enter');
    await focus(w, 'Cores');
    let f = await w.s.press('enter');
    expect(f).toContain('1 to 32 (this host has 32 threads)');
    await retype(w, '64');
    f = await w.s.press('enter');
    expect(f).toContain('✗ Cores: at most 32 cores');
    await retype(w, '12');
    await w.s.press('enter');
    await focus(w, 'Memory');
    await w.s.press('enter');
    await retype(w, '24G');
    f = await w.s.press('enter');
    expect(f).toMatch(/Memory\s+24576 MiB/);
    await focus(w, 'Disk size');
    await w.s.press('enter');
    await retype(w, '0');
    f = await w.s.press('enter');
    expect(f).toContain('✗ Disk size: at least 1 GiB');
    await retype(w, '200');
    await w.s.press('enter');
    expect(w.current().guests.windowsVm).toMatchObject({ cores: 12, memoryMiB: 24576, diskGiB: 200 });
  });

  it('chooses a bridge from the three of the design', async () => {
    w = await openWizard();
    await openSection(w, 'Guests');
    await focus(w, 'NixOS VM');
    await w.s.press('enter');
    await focus(w, 'Bridge');
    let f = await w.s.press('enter');
    expect(f).toMatch(/vmbr0\s+NixOS guests \(LAN\)/);
    expect(f).toMatch(/vmbr1\s+Windows VM \(made by the plan\)/);
    expect(f).toMatch(/vmbr2\s+management \(admin PC\) \(made by the plan\)/);
    await focus(w, 'vmbr2');
    f = await w.s.press('enter');
    expect(f).toMatch(/Bridge\s+vmbr2 \(management \(admin PC\)\)/);
    expect(w.current().guests.nixosVm.bridge).toBe('vmbr2');
  });

  it('turns a guest off, but not the VM that receives passed-through devices', async () => {
    const answers = demoAnswers();
    answers.passthrough = {
      ...answers.passthrough,
      gpu: '0000:01:00.0',
      functions: ['0000:01:00.0', '0000:01:00.1'],
    };
    w = await openWizard({ answers });
    await openSection(w, 'Guests');
    await focus(w, 'NixOS VM');
    await w.s.press('enter');
    let f = await w.s.press('space');
    expect(f).toMatch(/Enabled\s+no/);
    expect(w.current().guests.nixosVm.enabled).toBe(false);
    await w.s.press('escape');
    f = await focus(w, 'Windows VM');
    await w.s.press('enter');
    f = await w.s.press('enter');
    expect(flat(f)).toContain(
      '✗ Enabled: the Windows VM receives the passed-through devices; choose another target VM or no devices in Passthrough first',
    );
    expect(f).toContain('Gets the passed-through devices: 01:00.0, 01:00.1');
    expect(w.current().guests.windowsVm.enabled).toBe(true);
    // A new VMID for the Windows VM takes the passthrough target along.
    await focus(w, 'VMID');
    await w.s.press('enter');
    await retype(w, '150');
    await w.s.press('enter');
    expect(w.current().guests.windowsVm.vmid).toBe(150);
    expect(w.current().passthrough.targetVmid).toBe(150);
    await w.s.press('escape');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Guests')).toContain('✓ NixOS LXC 100 · Windows VM 150');
  });
});
