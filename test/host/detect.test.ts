// detect() on the demo host (its files, its shims, the shared Proxmox shims) and on broken machines.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detect, emptyReport } from '../../src/host/detect';
import { createHost } from '../../src/host/host';
import { HostReportSchema } from '../../src/host/report-schema';
import type { Host } from '../../src/host/types';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';
import { checkDemoReport } from './demo-facts';

describe('the demo host', () => {
  const demo = demoEnv();
  afterAll(() => demo.cleanup());

  it('is detected as the architecture example machine', async () => {
    checkDemoReport(await detect(createHost(demoRoot, demo.env)));
  });
});

describe('when the machine fights back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nix-mox-broken-'));
  const root = join(dir, 'root');
  const bin = join(dir, 'bin');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(root, 'proc/cpuinfo'), { recursive: true }); // a directory: unreadable as a file
  mkdirSync(join(root, 'sys/kernel'), { recursive: true });
  writeFileSync(join(root, 'sys/kernel/iommu_groups'), 'not a directory');
  mkdirSync(join(root, 'etc/pve'), { recursive: true });
  mkdirSync(bin);
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script('lspci', 'exec sleep 30');
  script(
    'lsblk',
    'echo "lsblk: failed to access sysfs directory: /sys/dev/block: No such file or directory" >&2; exit 32',
  );
  script('ip', 'echo "{not json"');
  const env = { PATH: `${bin}:/usr/bin:/bin` };

  it('gives unknowns and a warning for each unreadable file and each failing, hanging or missing command', async () => {
    const started = Date.now();
    const r = await detect(createHost(root, env, { timeoutMs: 400 }));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(HostReportSchema.parse(r)).toEqual(r);
    expect(r.pci).toEqual([]);
    expect(r.disks).toEqual([]);
    expect(r.cpu).toEqual({ vendor: 'other', model: null, threads: null, virtualization: null });
    expect(r.memoryBytes).toBeNull();
    expect(r.iommu.enabled).toBeNull();
    expect(r.platform).toEqual({ kind: 'proxmox', version: null, bootloader: 'unknown' });
    expect(r.zfs).toBeNull();
    const codes = r.warnings.map((w) => w.code);
    for (const code of [
      'lspci-timed-out',
      'lsblk-failed',
      'cpuinfo-unreadable',
      'meminfo-unreadable',
      'cmdline-unreadable',
      'iommu-unreadable',
      'ip-unparsed',
      'pveversion-missing',
      'qm-missing',
      'pct-missing',
      'zpool-missing',
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(r.warnings.find((w) => w.code === 'lsblk-failed')!.message).toContain(
      'failed to access sysfs directory',
    );
    for (const w of r.warnings) expect(w.fix.length, w.code).toBeGreaterThan(10);
  });

  it('a runner that throws costs its probes, not the report', async () => {
    const host: Host = {
      root: demoRoot,
      run: (cmd) =>
        cmd === 'lspci'
          ? Promise.reject(new Error('boom'))
          : Promise.resolve({ stdout: '', stderr: '', code: 127 }),
    };
    const r = await detect(host);
    expect(r.hostname).toBe('pve');
    expect(r.cpu.threads).toBe(32);
    expect(r.warnings.find((w) => w.code === 'lspci-failed')!.message).toContain('boom');
  });

  it('emptyReport is all unknown and valid v1', () => {
    const r = emptyReport();
    expect(HostReportSchema.parse(r)).toEqual(r);
    expect([r.hostname, r.memoryBytes, r.iommu.enabled, r.zfs]).toEqual([null, null, null, null]);
  });
});
