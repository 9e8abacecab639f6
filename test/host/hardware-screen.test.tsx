// The Hardware section through the real hub: its status line, tabs, movement, plain-words details, filter, help,
// scrolling in a small terminal, and esc back.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { App } from '../../screens/App';
import { hardwareSection } from '../../screens/sections/hardware';
import { defaultAnswers } from '../../src/answers/defaults';
import { detect } from '../../src/host/detect';
import { createHost } from '../../src/host/host';
import type { HostReport } from '../../src/host/types';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';
import { renderScreen, type Screen } from '../helpers/screen';

const demo = demoEnv();
afterAll(() => demo.cleanup());
const demoReport = await detect(createHost(demoRoot, demo.env));

let s: Screen | null = null;
afterEach(() => {
  s?.unmount();
  s = null;
});

async function open(report: HostReport = demoReport, size = { columns: 100, rows: 30 }): Promise<Screen> {
  s = await renderScreen(
    <App
      report={report}
      initialAnswers={defaultAnswers(report)}
      appliedAnswers={null}
      planOnlyReason={null}
      save={() => true}
      onExit={() => {}}
      sections={[hardwareSection]}
    />,
    size,
  );
  return s;
}

const selected = (frame: string) => frame.split('\n').find((l) => l.includes('›')) ?? '';
/** The frame as one line of words, so wrapped detail text can be matched whole. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('Hardware section', () => {
  it('its hub line sums up passthrough, IOMMU and disks', async () => {
    const screen = await open();
    expect(screen.frame()).toMatch(/Hardware\s+i 1 GPU isolated, IOMMU on, 6 disks, 1 warning/);
  });

  it('opens on the passthrough candidates with the selected one explained', async () => {
    const screen = await open();
    const f = await screen.press('enter');
    expect(f).toContain('[Passthrough]');
    expect(selected(f)).toMatch(/✓ GPU\s+0000:01:00\.0\s+group 15\s+isolated\s+NVIDIA Corporation GA106/);
    expect(flat(f)).toContain('Can be passed through: IOMMU group 15 holds only');
    expect(f).toMatch(/✗ USB\s+0000:09:00\.1\s+group 22\s+shared/);
    expect(f).toContain('←→ tabs');
    expect(f).toContain('esc back');
  });

  it('↓/j and ↑/k move; the detail follows the cursor', async () => {
    const screen = await open();
    await screen.press('enter');
    let f = await screen.press('down');
    expect(selected(f)).toContain('0000:03:00.0');
    expect(flat(f)).toContain('Every port on this controller then belongs to the VM');
    f = await screen.press('j');
    expect(selected(f)).toContain('0000:09:00.1');
    expect(flat(f)).toContain('Cannot be passed through alone: its IOMMU group 22 also holds 0000:09:00.0');
    f = await screen.press('k');
    expect(selected(f)).toContain('0000:03:00.0');
    await screen.press('up');
    f = await screen.pressNoChange('up');
    expect(selected(f)).toContain('0000:01:00.0');
  });

  it('→, tab and 1-4 switch tabs: disks, machine, warnings', async () => {
    const screen = await open();
    await screen.press('enter');
    let f = await screen.press('right');
    expect(f).toContain('[Disks]');
    expect(selected(f)).toMatch(/sda\s+7\.28 TiB\s+SATA HDD\s+blank/);
    expect(flat(f)).toContain('Blank: no partitions, file system, pool label or mount');
    expect(f).toContain('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e4');
    for (let i = 0; i < 4; i++) f = await screen.press('j');
    expect(selected(f)).toMatch(/nvme0n1\s+1\.82 TiB\s+NVME SSD\s+system/);
    expect(flat(f)).toContain('System disk (3 partitions, vfat file system, ZFS pool rpool)');
    f = await screen.press('tab');
    expect(f).toContain('[Machine]');
    expect(f).toContain('Proxmox VE 9.1.2, boot: systemd-boot');
    expect(f).toContain('AMD Ryzen 9 5950X 16-Core Processor, 32 threads');
    f = await screen.press('4');
    expect(f).toContain('[Warnings (1)]');
    expect(flat(f)).toContain('Fix: Make sure you can reach the host');
    f = await screen.press('left');
    expect(f).toContain('[Machine]');
    f = await screen.press('1');
    expect(f).toContain('[Passthrough]');
  });

  it('/ filters the list; esc clears the filter, then esc goes back to the hub', async () => {
    const screen = await open();
    await screen.press('enter');
    await screen.press('2');
    await screen.press('/');
    let f = await screen.type('nvme');
    expect(f).toContain('/ nvme');
    expect(f).toContain('(2 of 6)');
    expect(f).not.toMatch(/sda\s+7\.28/);
    expect(f).toContain('enter done');
    f = await screen.press('enter');
    expect(selected(f)).toContain('nvme0n1');
    expect(f).toContain('esc back');
    f = await screen.press('escape');
    expect(f).toMatch(/sda\s+7\.28/);
    f = await screen.press('escape');
    expect(f).toMatch(/Hardware\s+i 1 GPU isolated/);
  });

  it('? shows what the verdicts mean', async () => {
    const screen = await open();
    await screen.press('enter');
    let f = await screen.press('?');
    expect(f).toContain('Help: Hardware');
    expect(flat(f)).toContain('✓ isolated: the group holds only');
    f = await screen.press('escape');
    expect(f).toContain('[Passthrough]');
  });

  it('with the IOMMU off the verdicts are unknown and say why', async () => {
    const off: HostReport = {
      ...demoReport,
      iommu: { enabled: false, groupCount: 0, kernelArgs: [] },
      gpus: demoReport.gpus.map((g) => ({ ...g, iommuGroup: null, isolated: null, sharedWith: [] })),
      usbControllers: demoReport.usbControllers.map((u) => ({
        ...u,
        iommuGroup: null,
        isolated: null,
        sharedWith: [],
      })),
    };
    const screen = await open(off);
    expect(screen.frame()).toMatch(/Hardware\s+i 1 GPU, IOMMU off, 6 disks/);
    const f = await screen.press('enter');
    expect(selected(f)).toMatch(/\? GPU\s+0000:01:00\.0\s+group -\s+unknown/);
    expect(flat(f)).toContain('Unknown: the IOMMU is off, so there are no groups to check yet.');
  });

  it('long lists scroll in a small terminal and show the position', async () => {
    const many: HostReport = {
      ...demoReport,
      disks: Array.from({ length: 20 }, (_, i) => ({
        ...demoReport.disks[0]!,
        name: `sd${String.fromCharCode(97 + i)}`,
      })),
    };
    const screen = await open(many, { columns: 60, rows: 20 });
    await screen.press('enter');
    let f = await screen.press('2');
    expect(f).toContain('1/20');
    for (let i = 0; i < 12; i++) f = await screen.press('down');
    expect(selected(f)).toContain('sdm');
    expect(f).toContain('13/20');
    expect(f).not.toMatch(/ sda\s/);
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
