// Acceptance 3: detection on the machine the tests run on, with its real lspci and lsblk. Every expectation is
// read from the machine itself by another route (sysfs, procfs), so the test holds on any Linux box; on this
// development VM (virtio devices, no IOMMU) it checks the "IOMMU off" path with its firmware hint.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectCommand } from '../../src/commands/detect';
import type { CommandContext } from '../../src/commands/context';
import { findOnPath } from '../../src/host/host';
import { detect } from '../../src/host/detect';
import { createHost } from '../../src/host/host';
import { HostReportSchema } from '../../src/host/report-schema';

const groupsDir = '/sys/kernel/iommu_groups';
const groupCount = existsSync(groupsDir) ? readdirSync(groupsDir).length : 0;
const vendor = /vendor_id\s*:\s*AuthenticAMD/.test(readFileSync('/proc/cpuinfo', 'utf8')) ? 'amd' : 'intel';

function physicalDisks(): string[] {
  return readdirSync('/sys/block')
    .filter((n) => !/^(loop|zram|ram|sr|fd|nbd|md|dm-)\d/.test(n))
    .filter((n) => Number(readFileSync(`/sys/block/${n}/size`, 'utf8')) > 0)
    .sort();
}

function ctx(args: { json: boolean }) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => {
    text += c.toString();
  });
  const c: CommandContext = {
    global: { root: '/', dryRun: false, answers: undefined, yes: false, logDir: undefined, json: args.json },
    args: [],
    opts: {},
    io: {
      stdout: out,
      stderr: out,
      stdin: new PassThrough(),
      interactive: false,
      env: process.env,
      columns: 100,
      rows: 30,
    },
  };
  return { c, text: () => text };
}

describe('this machine, with its real lspci and lsblk', async () => {
  const hasLspci = (await findOnPath('lspci', process.env)) !== null;
  const hasLsblk = (await findOnPath('lsblk', process.env)) !== null;

  it('matches what sysfs and procfs say, in schema v1', async () => {
    const r = await detect(createHost('/'));
    expect(HostReportSchema.parse(r)).toEqual(r);
    if (hasLspci) expect(r.pci.length).toBe(readdirSync('/sys/bus/pci/devices').length);
    if (hasLsblk) expect(r.disks.map((d) => d.name).sort()).toEqual(physicalDisks());
    expect(r.cpu.threads).toBe(cpus().length);
    const memTotal = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
    expect(r.memoryBytes).toBe(memTotal);
    expect(r.hostname).not.toBeNull();
    if (groupCount === 0) {
      expect(r.iommu.enabled).toBe(false);
      const w = r.warnings.find((x) => x.code === 'iommu-off');
      expect(w!.fix).toContain(vendor === 'amd' ? 'AMD-Vi' : 'VT-d');
    } else {
      expect(r.iommu).toMatchObject({ enabled: true, groupCount });
    }
  });

  it('nix-mox detect prints the report and exits 0, warnings or not', async () => {
    const { c, text } = ctx({ json: false });
    expect(await detectCommand.run(c)).toBe(0);
    expect(text()).toContain('Passthrough candidates');
    if (groupCount === 0) {
      expect(text()).toMatch(/IOMMU\s+off/);
      expect(text()).toContain('! iommu-off:');
      expect(text()).toContain(vendor === 'amd' ? 'AMD-Vi' : 'VT-d');
    }
    const json = ctx({ json: true });
    expect(await detectCommand.run(json.c)).toBe(0);
    expect(HostReportSchema.safeParse(JSON.parse(json.text())).success).toBe(true);
  });
});
