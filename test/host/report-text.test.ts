import { afterAll, describe, expect, it } from 'vitest';
import { detect, emptyReport } from '../../src/host/detect';
import { explainDisk, explainGpu, explainUsb, hardwareSummary } from '../../src/host/explain';
import { createHost } from '../../src/host/host';
import { formatReport, wrap } from '../../src/host/report-text';
import type { HostReport } from '../../src/host/types';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';

const demo = demoEnv();
afterAll(() => demo.cleanup());
const report = await detect(createHost(demoRoot, demo.env));

describe('formatReport', () => {
  it('never prints a line wider than the terminal', () => {
    for (const width of [60, 80, 100, 160]) {
      for (const line of formatReport(report, width).split('\n'))
        expect(line.length, line).toBeLessThanOrEqual(width);
    }
  });
  it('shows every candidate and disk, and each warning with its fix', () => {
    const text = formatReport(report, 120);
    expect(text).toMatch(
      /GPU\s+0000:01:00\.0\s+15\s+2\s+isolated\s+NVIDIA Corporation GA106 \[GeForce RTX 3060 Lite Hash Rate\]/,
    );
    expect(text.match(/^\s+USB\s/gm)).toHaveLength(4);
    for (const d of report.disks) expect(text).toContain(d.byId!);
    expect(text).toContain('! single-gpu:');
    expect(text).toContain('Fix: Make sure');
    expect(text).toContain('Guests     none');
  });
  it('says "unknown" and "none" honestly on an empty report', () => {
    const text = formatReport(emptyReport(), 80);
    expect(text).toContain('nix-mox detect: unknown host');
    expect(text).toContain('Memory    unknown');
    expect(text).toContain('IOMMU     unknown');
    expect(text).toContain('No GPUs or USB controllers were found.');
    expect(text).toContain('ZFS pools  unknown');
    expect(text).toContain('No warnings.');
  });
  it('wraps words with a hanging indent', () => {
    expect(wrap('one two three four', 12, '- ', '  ')).toEqual(['- one two', '  three four']);
  });
});

describe('plain-word explanations', () => {
  it('explains an isolated GPU, its boot screen, its driver and its ids', () => {
    const lines = explainGpu(report, report.gpus[0]!);
    expect(lines[0]).toContain('Can be passed through: IOMMU group 15 holds only');
    expect(lines.join(' ')).toContain('boot screen');
    expect(lines.join(' ')).toContain('nouveau');
    expect(lines).toContain('vfio-pci ids: 10de:2504,10de:228e');
  });
  it('names what a shared USB controller shares its group with', () => {
    const shared = report.usbControllers.find((u) => u.address === '0000:09:00.1')!;
    expect(explainUsb(report, shared)[0]).toContain(
      '0000:09:00.0 (Advanced Micro Devices, Inc. [AMD] Starship/Matisse Reserved SPP)',
    );
  });
  it('explains system, blank and in-use disks', () => {
    expect(explainDisk(report.disks[4]!).join(' ')).toContain(
      'System disk (3 partitions, vfat file system, ZFS pool rpool)',
    );
    expect(explainDisk(report.disks[0]!).join(' ')).toContain('Blank');
    const used = { ...report.disks[0]!, holds: ['part:sda1', 'fs:ext4'], mounted: ['/srv'] };
    expect(explainDisk(used).join(' ')).toContain('In use: 1 partition, ext4 file system; mounted at /srv');
  });
  it('says unknown when the IOMMU is off', () => {
    const off: HostReport = { ...report, iommu: { enabled: false, groupCount: 0, kernelArgs: [] } };
    expect(explainGpu(off, { ...report.gpus[0]!, isolated: null, iommuGroup: null })[0]).toMatch(
      /^Unknown: the IOMMU is off/,
    );
  });
});

describe('hardwareSummary (the hub line)', () => {
  it('counts isolated GPUs, the IOMMU state, disks and warnings', () => {
    expect(hardwareSummary(report)).toBe('1 GPU isolated, IOMMU on, 6 disks, 1 warning');
    expect(hardwareSummary({ ...report, warnings: [] })).toBe('1 GPU isolated, IOMMU on, 6 disks');
    const two = {
      ...report,
      warnings: [],
      gpus: [report.gpus[0]!, { ...report.gpus[0]!, address: '0000:02:00.0', isolated: false }],
    };
    expect(hardwareSummary(two)).toBe('2 GPUs (1 isolated), IOMMU on, 6 disks');
    expect(hardwareSummary(emptyReport())).toBe('no GPU, IOMMU unknown, 0 disks');
  });
});
