import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shimBinDir, type ShimEnv } from '../helpers/shim-env';
import { commands, runScript, shimWith } from './helpers';

/** The shared shims plus test/scripts/bin/apt-get, which adds `autoremove`. */
const localBin = join(import.meta.dirname, 'bin');
const env = (s: ShimEnv) => ({ ...s.env, PATH: `${localBin}:${s.env.PATH}` });

let shim: ShimEnv | null = null;
const dirs: string[] = [];
afterEach(() => {
  shim?.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const DIST_UPGRADE =
  'apt-get -y -oDpkg::Options::=--force-confdef -oDpkg::Options::=--force-confold dist-upgrade';

describe('proxmox-update', () => {
  it('runs update, dist-upgrade, autoremove and pveam update, in that order', async () => {
    shim = shimWith({ apt: { upgradable: [{ name: 'pve-manager', from: '9.1.2', to: '9.1.3' }] } });
    const r = await runScript('proxmox-update', [], env(shim));
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      'pveversion',
      'apt-get update',
      DIST_UPGRADE,
      'apt-get -y autoremove',
      'pveam update',
    ]);
    const protocol = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(protocol).toEqual([
      '::progress 0/4 apt-get update',
      '::step refresh the package lists',
      '::progress 1/4 apt-get dist-upgrade',
      '::step upgrade all packages (dist-upgrade)',
      '::progress 2/4 apt-get autoremove',
      '::step remove packages no longer needed',
      '::progress 3/4 pveam update',
      '::step refresh the container template index',
      '::progress 4/4 done',
    ]);
    expect(r.stdout).toContain(`$ ${DIST_UPGRADE}\n`);
  });

  it('with --dry-run only says what it would run', async () => {
    shim = shimWith({});
    const r = await runScript('proxmox-update', ['--dry-run', '--no-templates'], env(shim));
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual(['pveversion']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('would run'))).toEqual([
      'would run: apt-get update',
      `would run: ${DIST_UPGRADE}`,
      'would run: apt-get -y autoremove',
    ]);
  });

  it('stops at a failed dist-upgrade with exit 1 and runs nothing after it', async () => {
    shim = shimWith({});
    shim.fail('apt-get dist-upgrade', {
      code: 100,
      stderr: 'E: Sub-process /usr/bin/dpkg returned an error code (1)\n',
    });
    const r = await runScript('proxmox-update', [], env(shim));
    expect(r.code).toBe(1);
    expect(commands(shim)).toEqual(['pveversion', 'apt-get update', DIST_UPGRADE]);
    expect(r.stderr).toContain('E: Sub-process /usr/bin/dpkg returned an error code (1)');
    expect(r.stderr).toContain('proxmox-update: apt-get dist-upgrade failed');
  });

  it('refuses on a host without Proxmox (exit 3) and runs nothing', async () => {
    shim = shimWith({});
    const bin = mkdtempSync(join(tmpdir(), 'nix-mox-nopve-'));
    dirs.push(bin);
    for (const f of readdirSync(shimBinDir))
      if (f !== 'pveversion') symlinkSync(join(shimBinDir, f), join(bin, f));
    const r = await runScript('proxmox-update', [], { ...shim.env, PATH: `${bin}:/usr/bin:/bin` });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'proxmox-update: this is not a Proxmox VE host (pveversion not found); refusing to run\n',
    );
    expect(commands(shim)).toEqual([]);
  });
});
