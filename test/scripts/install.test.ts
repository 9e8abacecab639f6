// install / uninstall into a staged root (--root), with the systemctl shim: exactly what the manifest lists
// is put there, and exactly that is removed again.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShimEnv } from '../helpers/shim-env';
import { commands, runScript, shimWith } from './helpers';

let shim: ShimEnv;
let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nix-mox-root-'));
  // a target system that already has these directories, as a Debian host does
  for (const d of ['etc/systemd/system', 'usr/local/lib', 'var/lib'])
    mkdirSync(join(root, d), { recursive: true });
  shim = shimWith({ systemd: { units: {}, unitDirs: [join(root, 'etc/systemd/system')] } });
});
afterEach(() => {
  shim.cleanup();
  rmSync(root, { recursive: true, force: true });
});

function tree(dir = root): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.push(`${relative(root, p)}${e.isDirectory() ? '/' : ''}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const PREFIX = 'usr/local/lib/nix-mox';
const SCRIPTS = ['proxmox-update', 'vzdump-backup', 'zfs-snapshot', 'nixos-flake-update', 'uninstall'];

describe('install', () => {
  it('puts the scripts and units there, enables the timers and writes a manifest of it all', async () => {
    const before = tree();
    const r = await runScript(
      'install',
      [
        '--root',
        root,
        '--pool',
        'rpool',
        '--pool',
        'tank',
        '--snapshot',
        'daily=7',
        '--update-on',
        'Sat *-*-* 05:00:00',
      ],
      shim.env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(commands(shim)).toEqual([
      `systemctl --root=${root} enable nix-mox-update.timer`,
      `systemctl --root=${root} enable nix-mox-snapshot-daily.timer`,
    ]);
    for (const s of SCRIPTS) expect(statSync(join(root, PREFIX, s)).mode & 0o777).toBe(0o755);
    expect(statSync(join(root, PREFIX, 'lib/nix-mox.sh')).mode & 0o777).toBe(0o644);
    const units = join(root, 'etc/systemd/system');
    expect(readFileSync(join(units, 'nix-mox-snapshot-daily.service'), 'utf8')).toContain(
      '\nExecStart=/usr/local/lib/nix-mox/zfs-snapshot --pool rpool --pool tank --label daily --keep 7\n',
    );
    expect(readFileSync(join(units, 'nix-mox-snapshot-daily.timer'), 'utf8')).toContain(
      '\nOnCalendar=daily\nPersistent=true\n',
    );
    expect(readFileSync(join(units, 'nix-mox-update.service'), 'utf8')).toContain(
      '\nExecStart=/usr/local/lib/nix-mox/proxmox-update\n',
    );
    expect(readFileSync(join(units, 'nix-mox-update.timer'), 'utf8')).toContain(
      '\nOnCalendar=Sat *-*-* 05:00:00\n',
    );

    const manifest = readFileSync(join(root, 'var/lib/nix-mox/install-manifest'), 'utf8').split('\n');
    const files = [
      ...SCRIPTS.map((s) => `/${PREFIX}/${s}`),
      `/${PREFIX}/lib/nix-mox.sh`,
      '/etc/systemd/system/nix-mox-update.service',
      '/etc/systemd/system/nix-mox-update.timer',
      '/etc/systemd/system/nix-mox-snapshot-daily.service',
      '/etc/systemd/system/nix-mox-snapshot-daily.timer',
    ];
    expect(manifest).toEqual([
      '# nix-mox install manifest v1',
      ...files.map((f) => `file ${sha(join(root, f))} ${f}`),
      `dir /${PREFIX}`,
      `dir /${PREFIX}/lib`,
      'dir /var/lib/nix-mox',
      'unit nix-mox-update.timer',
      'unit nix-mox-snapshot-daily.timer',
      '',
    ]);
    // everything new in the tree is in the manifest
    const added = tree().filter((p) => !before.includes(p));
    const listed = [
      ...files.map((f) => f.slice(1)),
      `${PREFIX}/`,
      `${PREFIX}/lib/`,
      'var/lib/nix-mox/',
      'var/lib/nix-mox/install-manifest',
    ];
    expect(added.sort()).toEqual(listed.sort());
  });

  it('installs scripts that run where they were put', async () => {
    await runScript('install', ['--root', root, '--no-enable'], shim.env);
    const r = await runScript(join(root, PREFIX, 'zfs-snapshot'), ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: zfs-snapshot /);
  });

  it('refuses to overwrite a file it did not install (exit 3) unless --force', async () => {
    writeFileSync(join(root, 'etc/systemd/system/nix-mox-update.timer'), '# mine\n');
    const r = await runScript('install', ['--root', root], shim.env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'nix-mox-update.timer exists and was not installed by nix-mox; move it away or use --force',
    );
    expect(readFileSync(join(root, 'etc/systemd/system/nix-mox-update.timer'), 'utf8')).toBe('# mine\n');
    const forced = await runScript('install', ['--root', root, '--force'], shim.env);
    expect(forced.code).toBe(0);
  });

  it('on reinstall removes and disables what is no longer wanted', async () => {
    await runScript(
      'install',
      ['--root', root, '--pool', 'rpool', '--snapshot', 'hourly=24', '--snapshot', 'daily=7'],
      shim.env,
    );
    const r = await runScript(
      'install',
      ['--root', root, '--pool', 'rpool', '--snapshot', 'daily=7'],
      shim.env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(commands(shim).slice(3)).toEqual([
      `systemctl --root=${root} disable nix-mox-snapshot-hourly.timer`,
      `systemctl --root=${root} enable nix-mox-update.timer`,
      `systemctl --root=${root} enable nix-mox-snapshot-daily.timer`,
    ]);
    expect(readdirSync(join(root, 'etc/systemd/system')).sort()).toEqual([
      'nix-mox-snapshot-daily.service',
      'nix-mox-snapshot-daily.timer',
      'nix-mox-update.service',
      'nix-mox-update.timer',
    ]);
  });

  it('with --dry-run writes nothing', async () => {
    const before = tree();
    const r = await runScript('install', ['--root', root, '--pool', 'rpool', '--dry-run'], shim.env);
    expect(r.code).toBe(0);
    expect(tree()).toEqual(before);
    expect(commands(shim)).toEqual([]);
    expect(r.stdout).toContain(`would install ${join(root, PREFIX, 'zfs-snapshot')} (mode 0755)`);
    expect(r.stdout).toContain(`would run: systemctl --root=${root} enable nix-mox-snapshot-monthly.timer`);
  });
});

describe('uninstall', () => {
  it('removes exactly what the manifest lists and leaves everything else', async () => {
    const before = tree();
    await runScript('install', ['--root', root, '--pool', 'rpool'], shim.env);
    writeFileSync(join(root, PREFIX, 'notes.txt'), 'mine\n');
    writeFileSync(join(root, 'etc/systemd/system/other.service'), '[Unit]\n');
    const installed = commands(shim).length;
    const r = await runScript(join(root, PREFIX, 'uninstall'), ['--root', root], shim.env);
    expect(r.code, r.stderr).toBe(0);
    expect(commands(shim).slice(installed)).toEqual(
      ['update', 'snapshot-hourly', 'snapshot-daily', 'snapshot-weekly', 'snapshot-monthly'].map(
        (u) => `systemctl --root=${root} disable nix-mox-${u}.timer`,
      ),
    );
    expect(tree()).toEqual(
      [...before, `${PREFIX}/`, `${PREFIX}/notes.txt`, 'etc/systemd/system/other.service'].sort(),
    );
    expect(r.stdout).toContain(`keeping ${join(root, PREFIX)}: not empty`);
  });

  it('keeps a file changed since install (exit 1, manifest kept) unless --force', async () => {
    const before = tree();
    await runScript(
      'install',
      ['--root', root, '--no-update-timer', '--pool', 'rpool', '--snapshot', 'daily=3'],
      shim.env,
    );
    writeFileSync(join(root, PREFIX, 'zfs-snapshot'), '#!/bin/sh\n# edited\n');
    let r = await runScript('uninstall', ['--root', root], shim.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${join(root, PREFIX, 'zfs-snapshot')} was changed after install; keeping it (use --force to delete it anyway)`,
    );
    expect(readFileSync(join(root, PREFIX, 'zfs-snapshot'), 'utf8')).toContain('# edited');
    expect(tree()).toContain('var/lib/nix-mox/install-manifest');
    r = await runScript('uninstall', ['--root', root, '--force'], shim.env);
    expect(r.code, r.stderr).toBe(0);
    expect(tree()).toEqual(before);
  });

  it('says so when there is nothing to uninstall (exit 3)', async () => {
    const r = await runScript('uninstall', ['--root', root], shim.env);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `uninstall: no manifest at ${join(root, 'var/lib/nix-mox/install-manifest')}: nothing to uninstall\n`,
    );
  });

  it('with --dry-run removes nothing', async () => {
    await runScript('install', ['--root', root], shim.env);
    const before = tree();
    const r = await runScript('uninstall', ['--root', root, '--dry-run'], shim.env);
    expect(r.code).toBe(0);
    expect(tree()).toEqual(before);
    expect(r.stdout).toContain(`would run: rm -f -- ${join(root, PREFIX, 'zfs-snapshot')}`);
  });
});
