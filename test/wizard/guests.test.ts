import { describe, expect, it } from 'vitest';
import {
  checkCores,
  checkDisk,
  checkEnabled,
  checkGuestName,
  checkMemory,
  checkVmid,
  freeVmid,
  guestsStatus,
  setGuest,
  vmidClash,
} from '../../src/wizard/guests';
import { demoAnswers, demoReport } from './fixtures';

const msg = (c: { ok: boolean; message?: string }) => (c.ok ? 'ok' : c.message);

describe('VMIDs', () => {
  it('refuses numbers below 100, non-numbers, and clashes with another guest', () => {
    const a = demoAnswers();
    const r = demoReport();
    expect(checkVmid('200', 'nixosLxc', a, r)).toEqual({ ok: true, value: 200 });
    expect(msg(checkVmid('99', 'nixosLxc', a, r))).toBe('VMID: at least 100');
    expect(msg(checkVmid('1e3', 'nixosLxc', a, r))).toBe('VMID: expected a whole number, got "1e3"');
    expect(msg(checkVmid('', 'nixosLxc', a, r))).toBe('VMID: required');
    expect(msg(checkVmid('1000000000', 'nixosLxc', a, r))).toBe('VMID: at most 999999999');
    expect(msg(checkVmid('101', 'nixosLxc', a, r))).toBe("VMID: 101 is already the Windows VM's");
    // A guest that is off does not hold its VMID.
    a.guests.windowsVm.enabled = false;
    expect(checkVmid('101', 'nixosLxc', a, r).ok).toBe(true);
  });

  it('refuses a VMID an existing guest holds, unless it is this very guest from an earlier apply', () => {
    const a = demoAnswers();
    const r = demoReport();
    r.guests = [
      { vmid: 300, kind: 'qemu', name: 'homeassistant', status: 'running' },
      { vmid: 101, kind: 'qemu', name: 'windows', status: 'stopped' },
    ];
    expect(msg(checkVmid('300', 'nixosVm', a, r))).toBe(
      'VMID: 300 is taken by the existing VM "homeassistant" (running)',
    );
    expect(vmidClash(101, 'windowsVm', a, r)).toBeNull();
    expect(vmidClash(101, 'nixosLxc', a, r)).toBe("101 is already the Windows VM's");
    r.guests.push({ vmid: 103, kind: 'lxc', name: 'pihole', status: 'running' });
    expect(freeVmid('nixosVm', a, r)).toBe(102);
    a.guests.nixosVm.vmid = 500;
    expect(freeVmid('nixosVm', a, r)).toBe(102);
  });
});

describe('sizes and names', () => {
  it('cores are bounded by the host threads', () => {
    const r = demoReport();
    expect(checkCores('32', r).ok).toBe(true);
    expect(msg(checkCores('33', r))).toBe('Cores: at most 32 cores');
    expect(msg(checkCores('0', r))).toBe('Cores: at least 1 cores');
  });
  it('memory takes MiB or a unit, within the host', () => {
    const r = demoReport();
    expect(checkMemory('8192', r)).toEqual({ ok: true, value: 8192 });
    expect(checkMemory('16G', r)).toEqual({ ok: true, value: 16384 });
    expect(checkMemory('512 MiB', r)).toEqual({ ok: true, value: 512 });
    expect(msg(checkMemory('128', r))).toBe('Memory: at least 256 MiB');
    expect(msg(checkMemory('256G', r))).toBe('Memory: at most 131072 MiB');
    expect(msg(checkMemory('lots', r))).toBe('Memory: expected MiB or a size like 8G, got "lots"');
  });
  it('disk size and names', () => {
    expect(checkDisk('64')).toEqual({ ok: true, value: 64 });
    expect(checkDisk('64G')).toEqual({ ok: true, value: 64 });
    expect(msg(checkDisk('0'))).toBe('Disk size: at least 1 GiB');
    expect(checkGuestName('nixos-vm').ok).toBe(true);
    expect(msg(checkGuestName('NixOS VM'))).toMatch(/^Name: expected an RFC 1123 host label/);
  });
});

describe('guests and passthrough', () => {
  it('a new VMID for the target VM moves the passthrough target with it', () => {
    const a = demoAnswers();
    a.passthrough = { ...a.passthrough, gpu: '0000:01:00.0', functions: ['0000:01:00.0', '0000:01:00.1'] };
    const next = setGuest(a, 'windowsVm', { ...a.guests.windowsVm, vmid: 150 });
    expect(next.passthrough.targetVmid).toBe(150);
    expect(setGuest(a, 'nixosVm', { ...a.guests.nixosVm, vmid: 160 }).passthrough.targetVmid).toBe(101);
  });
  it('the VM that receives devices cannot be turned off', () => {
    const a = demoAnswers();
    expect(checkEnabled('windowsVm', false, a).ok).toBe(true);
    a.passthrough = { ...a.passthrough, usbControllers: ['0000:03:00.0'] };
    expect(msg(checkEnabled('windowsVm', false, a))).toBe(
      'Enabled: the Windows VM receives the passed-through devices; choose another target VM or no devices in Passthrough first',
    );
    expect(checkEnabled('nixosVm', false, a).ok).toBe(true);
  });
  it('status lists the guests, names a clash, and is info on NixOS', () => {
    const a = demoAnswers();
    const r = demoReport();
    expect(guestsStatus(a, r)).toEqual({
      kind: 'done',
      summary: 'NixOS LXC 100 · Windows VM 101 · NixOS VM 102',
    });
    r.guests = [{ vmid: 100, kind: 'lxc', name: 'pihole', status: 'running' }];
    expect(guestsStatus(a, r).summary).toBe(
      'missing: NixOS LXC VMID 100 is taken by the existing container "pihole" (running) · NixOS LXC 100 · Windows VM 101 · NixOS VM 102',
    );
    a.machine.role = 'nixos';
    expect(guestsStatus(a, r).kind).toBe('info');
  });
});
