import { afterEach, describe, expect, it } from 'vitest';
import { type Wizard, focus, hubLine, openSection, openWizard, retype } from '../wizard/hub';

let w: Wizard | null = null;
afterEach(() => {
  w?.s.unmount();
  w = null;
});

describe('Machine section', () => {
  it('shows the values, edits the hostname with a validation message naming the field, and saves on enter', async () => {
    w = await openWizard();
    expect(hubLine(w.s.frame(), 'Machine')).toMatch(/! missing: an SSH public key file · Proxmox host · pve/);
    let f = await openSection(w, 'Machine');
    expect(f).toMatch(/Role\s+Proxmox host/);
    expect(f).toMatch(/Hostname\s+pve/);
    expect(f).toContain('esc back');
    await focus(w, 'Hostname');
    f = await w.s.press('enter');
    expect(f).toContain('Machine › Hostname');
    expect(f).toContain('Hostname: pve');
    await retype(w, 'Lab_1');
    f = await w.s.press('enter');
    expect(f).toContain('✗ Hostname: expected an RFC 1123 host label');
    expect(w.saves).toEqual([]);
    // Backspace removes the last characters; the message follows the text as it changes.
    await w.s.press('backspace');
    await w.s.press('backspace');
    f = await w.s.type('-1');
    expect(f).toContain('Hostname: Lab-1');
    await w.s.press('\u0015');
    await w.s.type('lab-1');
    f = await w.s.press('enter');
    expect(f).toMatch(/Hostname\s+lab-1/);
    expect(w.current().machine.hostname).toBe('lab-1');
  });

  it('moves the cursor with the arrows and inserts there; esc cancels without saving', async () => {
    w = await openWizard();
    await openSection(w, 'Machine');
    await focus(w, 'Admin user');
    await w.s.press('enter');
    // The cursor is drawn in inverse video, which the test terminal does not show: the insert point proves it moved.
    for (let i = 0; i < 4; i++) await w.s.pressNoChange('left');
    let f = await w.s.type('x');
    expect(f).toContain('Admin user: axdmin');
    f = await w.s.press('escape');
    expect(f).toMatch(/Admin user\s+admin/);
    expect(w.saves).toEqual([]);
  });

  it('refuses root and an unknown time zone, suggesting the right spelling', async () => {
    w = await openWizard();
    await openSection(w, 'Machine');
    await focus(w, 'Admin user');
    await w.s.press('enter');
    await retype(w, 'root');
    let f = await w.s.press('enter');
    expect(f).toContain('Admin user: a personal account, not root');
    await w.s.press('escape');
    await focus(w, 'Time zone');
    await w.s.press('enter');
    await retype(w, 'europe/berlin');
    f = await w.s.press('enter');
    expect(f).toContain(
      'Time zone: "europe/berlin" is not a tz database name like Europe/Berlin (did you mean Europe/Berlin?)',
    );
    await retype(w, 'Europe/Berlin');
    f = await w.s.press('enter');
    expect(f).toMatch(/Time zone\s+Europe\/Berlin/);
    expect(w.current().machine.timezone).toBe('Europe/Berlin');
  });

  it('switches the role with a single-choice list', async () => {
    w = await openWizard();
    await openSection(w, 'Machine');
    let f = await w.s.press('enter');
    expect(f).toContain('Machine › Role');
    await w.s.press('down');
    f = await w.s.press('enter');
    expect(f).toMatch(/Role\s+NixOS machine/);
    expect(w.current().machine.role).toBe('nixos');
  });

  it('adds SSH key files (never a private key), removes one with d, and the hub turns done', async () => {
    w = await openWizard();
    await openSection(w, 'Machine');
    await focus(w, 'SSH key files');
    let f = await w.s.press('enter');
    expect(f).toContain('No key files yet');
    f = await w.s.press('enter');
    expect(f).toMatch(/SSH key file:\s*\n/);
    await w.s.type('/root/.ssh/id_ed25519');
    f = await w.s.press('enter');
    expect(f).toContain('✗ SSH key file: /root/.ssh/id_ed25519 looks like a private key');
    f = await w.s.type('.pub');
    f = await w.s.press('enter');
    expect(f).toContain('/root/.ssh/id_ed25519.pub');
    expect(w.current().machine.sshKeyFiles).toEqual(['/root/.ssh/id_ed25519.pub']);
    await w.s.press('down');
    await w.s.press('enter');
    await w.s.type('/home/admin/.ssh/laptop.pub');
    await w.s.press('enter');
    expect(w.current().machine.sshKeyFiles).toEqual([
      '/root/.ssh/id_ed25519.pub',
      '/home/admin/.ssh/laptop.pub',
    ]);
    await focus(w, '/root/.ssh/id_ed25519.pub');
    f = await w.s.press('d');
    expect(f).not.toContain('/root/.ssh/id_ed25519.pub');
    expect(w.current().machine.sshKeyFiles).toEqual(['/home/admin/.ssh/laptop.pub']);
    f = await w.s.press('escape');
    expect(f).toMatch(/SSH key files\s+\/home\/admin\/.ssh\/laptop.pub/);
    f = await w.s.press('escape');
    expect(hubLine(f, 'Machine')).toContain('✓ Proxmox host · pve · UTC · admin admin · 1 SSH key');
  });

  it('? opens the section help and esc closes it', async () => {
    w = await openWizard();
    await openSection(w, 'Machine');
    let f = await w.s.press('?');
    expect(f).toContain('Help: Machine');
    expect(f).toContain('Admin user: your personal account');
    f = await w.s.press('escape');
    expect(f).toMatch(/Role\s+Proxmox host/);
  });
});
