import { afterEach, describe, expect, it } from 'vitest';
import { demoReport } from '../wizard/fixtures';
import { type Wizard, flat, focus, hubLine, openSection, openWizard, retype } from '../wizard/hub';

let w: Wizard | null = null;
afterEach(() => {
  w?.s.unmount();
  w = null;
});

const HDD = (s: string) => `/dev/disk/by-id/ata-ST8000VN004-3CP101_${s}`;

describe('Storage section', () => {
  it('shows existing pools and makes a raidz2 pool from the four free disks', async () => {
    w = await openWizard();
    expect(hubLine(w.s.frame(), 'Storage')).toContain('✓ 3 datasets on rpool');
    let f = await openSection(w, 'Storage');
    expect(f).toContain('Existing pools: rpool (ONLINE, 2 TB)');
    expect(f).toMatch(/New pool\s+none/);
    f = await w.s.press('enter');
    expect(f).toContain('Storage › New pool');
    expect(f).toMatch(/Name\s+tank/);
    expect(f).toMatch(/Layout\s+raidz2 · 16 TB usable/);
    f = await focus(w, 'Save this pool');
    expect(f).toContain(
      'zpool create -o ashift=12 tank raidz2 /dev/disk/by-id/ata-ST8000VN004-3CP101_WSD0A1B1',
    );
    f = await w.s.press('enter');
    expect(f).toMatch(/New pool\s+tank · raidz2 · 4 disks/);
    expect(w.current().storage.newPool).toEqual({
      name: 'tank',
      layout: 'raidz2',
      disks: ['WSD0A1B1', 'WSD0A1B2', 'WSD0A1B3', 'WSD0A1B4'].map(HDD),
    });
    f = await w.s.press('escape');
    expect(hubLine(f, 'Storage')).toContain('✓ new tank raidz2 of 4 disks (16 TB) · 3 datasets on rpool');
  });

  it('never offers system disks, and the layouts follow the disk count', async () => {
    w = await openWizard();
    await openSection(w, 'Storage');
    await w.s.press('enter');
    await focus(w, 'Disks');
    let f = await w.s.press('enter');
    expect(f).toContain('Storage › New pool › Disks');
    expect(f).toMatch(/nvme0n1 NVMe 2 TB\s+system disk \(part:nvme0n1p1/);
    expect(f).toMatch(/\[x\] sda HDD 8 TB\s+ata-ST8000VN004-3CP101_WSD0A1B1/);
    f = await w.s.press('enter');
    expect(flat(f)).toContain('✗ Not available: nvme0n1 is never offered: system disk');
    await focus(w, 'sdc');
    await w.s.press('space');
    f = await w.s.press('down');
    f = await w.s.press('space');
    expect(f).toContain('2 disks chosen');
    f = await w.s.press('escape');
    expect(f).toMatch(/Layout\s+raidz2 · raidz2 needs at least 4 disks \(2 chosen\)/);
    f = await focus(w, 'Save this pool');
    expect(flat(f)).toContain('Layout: raidz2 needs at least 4 disks (2 chosen)');
    f = await w.s.press('enter');
    expect(flat(f)).toContain('✗ Not available: Layout: raidz2 needs at least 4 disks');
    await focus(w, 'Layout');
    f = await w.s.press('enter');
    expect(f).toMatch(/raidz1\s+raidz1 needs at least 3 disks \(2 chosen\)/);
    expect(f).toMatch(/mirror\s+8 TB usable/);
    await focus(w, 'mirror');
    f = await w.s.press('enter');
    expect(f).toMatch(/Layout\s+mirror · 8 TB usable/);
    await focus(w, 'Save this pool');
    await w.s.press('enter');
    expect(w.current().storage.newPool).toEqual({
      name: 'tank',
      layout: 'mirror',
      disks: [HDD('WSD0A1B1'), HDD('WSD0A1B2')],
    });
  });

  it('a disk that holds something is used only after its by-id name is typed', async () => {
    const report = demoReport();
    report.disks[2] = { ...report.disks[2]!, holds: ['part:sda1', 'fs:ext4'] };
    w = await openWizard({ report });
    await openSection(w, 'Storage');
    await w.s.press('enter');
    let f = await focus(w, 'Disks');
    expect(f).toMatch(/Disks\s+3: /);
    f = await w.s.press('enter');
    expect(f).toMatch(/\[ \] sda HDD 8 TB/);
    await focus(w, 'sda');
    f = await w.s.press('space');
    expect(flat(f)).toContain('sda holds part:sda1, fs:ext4. Creating the pool destroys everything on it.');
    await w.s.type('sda');
    f = await w.s.press('enter');
    expect(flat(f)).toContain(
      '✗ Disk confirmation: type ata-ST8000VN004-3CP101_WSD0A1B1 exactly to use this disk (its data will be destroyed)',
    );
    await retype(w, 'ata-ST8000VN004-3CP101_WSD0A1B1');
    f = await w.s.press('enter');
    expect(f).toContain('[x] sda HDD 8 TB');
    expect(f).toContain('4 disks chosen');
  });

  it('checks the pool name by the ZFS rules and against existing pools', async () => {
    w = await openWizard();
    await openSection(w, 'Storage');
    await w.s.press('enter');
    let f = await w.s.press('enter');
    expect(f).toContain('Pool name: tank');
    await retype(w, 'rpool');
    f = await w.s.press('enter');
    expect(f).toContain('✗ Pool name: a pool named rpool already exists');
    await retype(w, 'mirror2');
    expect(flat(w.s.frame())).toContain('✗ Pool name: expected a pool name ZFS does not reserve');
    await retype(w, 'vault');
    f = await w.s.press('enter');
    expect(f).toMatch(/Name\s+vault/);
    // The draft is not saved until "Save this pool"; esc drops it.
    f = await w.s.press('escape');
    expect(f).toMatch(/New pool\s+none/);
    expect(w.saves).toEqual([]);
  });

  it('puts the datasets on the new pool, toggles them, and the hub says what is missing', async () => {
    w = await openWizard();
    await openSection(w, 'Storage');
    await w.s.press('enter');
    await focus(w, 'Save this pool');
    await w.s.press('enter');
    await focus(w, 'Datasets on');
    let f = await w.s.press('enter');
    expect(f).toMatch(/rpool\s+ONLINE 2 TB/);
    expect(f).toMatch(/tank\s+new pool/);
    await focus(w, 'tank');
    f = await w.s.press('enter');
    expect(f).toMatch(/Datasets on\s+tank/);
    await focus(w, 'VM disks, containers');
    f = await w.s.press('enter');
    expect(f).toMatch(/\[x\] VM disks\s+tank\/vm-disks/);
    expect(f).toMatch(/\[ \] messaging data\s+tank\/messaging/);
    expect(f).toContain('virtual disks of the VMs');
    await focus(w, 'messaging data');
    f = await w.s.press('space');
    expect(f).toContain('[x] messaging data');
    expect(w.current().storage.datasets).toEqual(['vm-disks', 'containers', 'backups', 'messaging']);
    for (const name of ['VM disks', 'containers', 'backups', 'messaging data']) {
      await focus(w, name);
      await w.s.press('space');
    }
    expect(w.current().storage.datasets).toEqual([]);
    await w.s.press('escape');
    f = await w.s.press('escape');
    expect(hubLine(f, 'Storage')).toContain('! missing: at least one dataset');
  });

  it('removes the new pool; the datasets move back to an existing pool', async () => {
    w = await openWizard();
    await openSection(w, 'Storage');
    await w.s.press('enter');
    await focus(w, 'Save this pool');
    await w.s.press('enter');
    await focus(w, 'Datasets on');
    await w.s.press('enter');
    await focus(w, 'tank');
    await w.s.press('enter');
    await focus(w, 'New pool');
    await w.s.press('enter');
    await focus(w, 'Remove the new pool');
    const f = await w.s.press('enter');
    expect(f).toMatch(/New pool\s+none/);
    expect(f).toMatch(/Datasets on\s+rpool/);
    expect(w.current().storage).toMatchObject({ newPool: null, datasetPool: 'rpool' });
  });
});
