// Acceptance 2: the built CLI, `nix-mox detect --json --root DIR` with shims on PATH, reproduces the capture facts
// and the demo host in schema v1; without --json it prints the readable report. Exit 0 even with warnings.
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostReportSchema } from '../../src/host/report-schema';
import type { HostReport } from '../../src/host/types';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';
import { sharedAvailable } from '../helpers/shared';
import { bundlePath } from '../helpers/tmux';
import { captureRun } from './capture-env';
import { checkDemoReport } from './demo-facts';
import { allCases } from './fixture-facts';

const bundle = bundlePath;

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const r = await execa(process.execPath, [bundle, ...args], {
    env,
    extendEnv: false,
    reject: false,
    timeout: 20_000,
  });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

async function detectJson(root: string, env: NodeJS.ProcessEnv): Promise<HostReport> {
  const r = await cli(['detect', '--json', '--root', root], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return HostReportSchema.parse(JSON.parse(r.stdout)) as HostReport;
}

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
});

describe('nix-mox detect on the demo host', () => {
  const demo = demoEnv();
  afterAll(() => demo.cleanup());

  it('--json is schema v1 and says what the demo machine is', async () => {
    checkDemoReport(await detectJson(demoRoot, demo.env));
  });

  it('prints a readable report: candidates with verdicts, disks with by-id names, warnings with fixes', async () => {
    const r = await cli(['detect', '--root', demoRoot], { ...demo.env, COLUMNS: '100' });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('nix-mox detect: pve');
    expect(out).toMatch(/Platform\s+Proxmox VE 9\.1\.2, boots with systemd-boot/);
    expect(out).toMatch(/IOMMU\s+on, 33 groups/);
    expect(out).toMatch(/GPU\s+0000:01:00\.0\s+15\s+2\s+isolated\s+NVIDIA Corporation GA106/);
    expect(out).toMatch(/USB\s+0000:03:00\.0\s+17\s+1\s+isolated\s+Renesas/);
    expect(out).toMatch(/USB\s+0000:09:00\.1\s+22\s+1\s+shared/);
    expect(out).toContain('shares its group with 0000:09:00.0');
    expect(out).toMatch(/sda\s+7\.28 TiB\s+SATA HDD\s+no\s+blank/);
    expect(out).toMatch(/nvme0n1\s+1\.82 TiB\s+NVME SSD\s+yes\s+3 part, fs:vfat, zfs:rpool/);
    expect(out).toContain('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e4');
    expect(out).toContain('ZFS pools  rpool ONLINE 1.81 TiB');
    expect(out).toContain('Warnings (1)');
    expect(out).toContain('! single-gpu:');
    expect(out).toContain('Fix: Make sure you can reach the host');
  });
});

describe.skipIf(!sharedAvailable())('nix-mox detect --json over the real captures', () => {
  for (const c of allCases) {
    it(c.name, async () => {
      const run = captureRun(c.spec);
      try {
        c.check(await detectJson(run.root, run.env));
      } finally {
        run.cleanup();
      }
    });
  }
});
