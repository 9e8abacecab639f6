import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeShimEnv, type ShimEnv } from '../helpers/shim-env';
import { runShim } from './run-shim';

let shim: ShimEnv;
afterEach(() => shim?.cleanup());

const REEXEC = "Re-executing '/usr/sbin/proxmox-boot-tool' in new private mount namespace..\n";

describe('boot tools', () => {
  it('proxmox-boot-tool status tells systemd-boot on UEFI from a plain GRUB install (exit 2)', async () => {
    shim = makeShimEnv({
      state: {
        platform: { kernels: ['6.17.2-1-pve', '6.17.4-1-pve'], espUuids: ['E014-501F', 'E015-7A2C'] },
      },
    });
    expect(await runShim(shim, 'proxmox-boot-tool', ['status'])).toEqual({
      code: 0,
      stdout:
        `${REEXEC}System currently booted with uefi\n` +
        'E014-501F is configured with: uefi (versions: 6.17.2-1-pve, 6.17.4-1-pve)\n' +
        'E015-7A2C is configured with: uefi (versions: 6.17.2-1-pve, 6.17.4-1-pve)\n',
      stderr: '',
    });
    shim.writeState('platform', { bootTool: 'grub' });
    expect(await runShim(shim, 'proxmox-boot-tool', ['status'])).toEqual({
      code: 2,
      stdout: REEXEC,
      stderr: 'E: /etc/kernel/proxmox-boot-uuids does not exist.\n',
    });
  });

  it('refreshes the ESPs and records it; update-initramfs -u -k all regenerates every kernel', async () => {
    shim = makeShimEnv({ state: { platform: { kernels: ['6.17.2-1-pve'] } } });
    expect((await runShim(shim, 'proxmox-boot-tool', ['refresh'])).stdout).toBe(
      `${REEXEC}Running hook script 'proxmox-auto-removal'..\nRunning hook script 'zz-proxmox-boot'..\n` +
        'Copying and configuring kernels on /dev/disk/by-uuid/E014-501F\n\tCopying kernel and creating boot-entry for 6.17.2-1-pve\n',
    );
    expect((await runShim(shim, 'update-initramfs', ['-u', '-k', 'all'])).stdout).toBe(
      'update-initramfs: Generating /boot/initrd.img-6.17.2-1-pve\n' +
        "Running hook script 'zz-proxmox-boot'..\nRe-executing '/etc/kernel/postinst.d/zz-proxmox-boot' in new private mount namespace..\n" +
        'Copying and configuring kernels on /dev/disk/by-uuid/E014-501F\n\tCopying kernel and creating boot-entry for 6.17.2-1-pve\n',
    );
    expect(
      (shim.state('boot') as { events: { tool: string; action: string }[] }).events.map(
        (e) => `${e.tool} ${e.action}`,
      ),
    ).toEqual(['proxmox-boot-tool refresh', 'update-initramfs update']);
  });

  it('update-grub reports on stderr, newest kernel first; on a proxmox-boot-tool system it redirects', async () => {
    shim = makeShimEnv({
      state: { platform: { bootTool: 'grub', kernels: ['6.8.12-4-pve', '6.8.12-10-pve'] } },
    });
    expect(await runShim(shim, 'update-grub', [])).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'Generating grub configuration file ...\n' +
        'Found linux image: /boot/vmlinuz-6.8.12-10-pve\nFound initrd image: /boot/initrd.img-6.8.12-10-pve\n' +
        'Found linux image: /boot/vmlinuz-6.8.12-4-pve\nFound initrd image: /boot/initrd.img-6.8.12-4-pve\ndone\n',
    });
    expect((await runShim(shim, 'update-initramfs', ['-u'])).stdout).toMatch(
      /^update-initramfs: Generating \/boot\/initrd\.img-6\.8\.12-10-pve\n[\s\S]*No \/etc\/kernel\/proxmox-boot-uuids found, skipping ESP sync\.\n$/,
    );
    shim.writeState('platform', {});
    expect((await runShim(shim, 'update-grub', [])).stderr).toMatch(
      /^Generating grub configuration file \.\.\.\nW: This system is booted via proxmox-boot-tool:\n/,
    );
  });
});

describe('nixos-rebuild and nix flake update', () => {
  it('builds and switches generations, rolls back, and checks the flake exists', async () => {
    shim = makeShimEnv();
    const flake = join(shim.dir, 'flake');
    mkdirSync(flake);
    writeFileSync(join(flake, 'flake.nix'), '{ outputs = _: { }; }\n');
    expect(await runShim(shim, 'nixos-rebuild', ['dry-build', '--flake', '.#lab'], { cwd: flake })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'building the system configuration...\n',
    });
    const sw = await runShim(shim, 'nixos-rebuild', ['switch', '--flake', '.#lab'], { cwd: flake });
    expect(sw.stdout).toBe(
      'activating the configuration...\nsetting up /etc...\nreloading user units for root...\nsetting up tmpfiles\n',
    );
    await runShim(shim, 'nixos-rebuild', ['switch', '--flake', '.#lab'], { cwd: flake });
    expect((await runShim(shim, 'nixos-rebuild', ['switch', '--rollback'], { cwd: flake })).stderr).toBe(
      'switching profile from version 2 to 1\n',
    );
    expect(shim.state('nixos')).toMatchObject({
      current: 1,
      generations: [{ id: 1, flake: '.#lab' }, { id: 2 }],
    });
    expect(await runShim(shim, 'nixos-rebuild', ['switch', '--flake', '.#lab'])).toMatchObject({
      code: 1,
      stderr: `error: path '${join(shim.dir, 'flake.nix')}' does not exist\n`,
    });
    expect((await runShim(shim, 'nixos-rebuild', ['swtich'])).code).toBe(2);
  });

  it('nix flake update reports moved inputs as nix does and rewrites flake.lock', async () => {
    shim = makeShimEnv({
      state: {
        nix: { updates: { nixpkgs: { to: 'github:NixOS/nixpkgs/bbb', toDate: '2026-05-20' } } },
      },
    });
    const flake = join(shim.dir, 'flake');
    mkdirSync(flake);
    writeFileSync(join(flake, 'flake.nix'), '{ }\n');
    const lock = join(flake, 'flake.lock');
    writeFileSync(
      lock,
      JSON.stringify({
        nodes: {
          nixpkgs: { locked: { url: 'github:NixOS/nixpkgs/aaa', lastModified: 1777593600 } },
          root: { inputs: { nixpkgs: 'nixpkgs' } },
        },
        root: 'root',
        version: 7,
      }),
    );
    const r = await runShim(shim, 'nix', ['flake', 'update'], { cwd: flake });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: `warning: updating lock file '${lock}':\n• Updated input 'nixpkgs':\n    'github:NixOS/nixpkgs/aaa' (2026-05-01)\n  → 'github:NixOS/nixpkgs/bbb' (2026-05-20)\n`,
    });
    expect(JSON.parse(readFileSync(lock, 'utf8')).nodes.nixpkgs.locked.url).toBe('github:NixOS/nixpkgs/bbb');
    expect(await runShim(shim, 'nix', ['flake', 'update'], { cwd: flake })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect((await runShim(shim, 'nix', ['build'], { cwd: flake })).code).toBe(70);
  });
});

describe('apt-get and apt', () => {
  const upgradable = [
    { name: 'pve-manager', from: '9.1.3', to: '9.1.4' },
    { name: 'proxmox-kernel-6.17.4-1-pve-signed', from: '', to: '6.17.4-1' },
  ];

  it('refuses to go on without -y (non-interactive Abort, exit 1), upgrades with it and updates the platform', async () => {
    shim = makeShimEnv({ state: { apt: { upgradable } } });
    const plan =
      'Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n' +
      'Installing:\n  proxmox-kernel-6.17.4-1-pve-signed\n\nUpgrading:\n  pve-manager\n\n' +
      'Summary:\n  Upgrading: 1, Installing: 1, Removing: 0, Not Upgrading: 0\n';
    expect(await runShim(shim, 'apt-get', ['dist-upgrade'])).toEqual({
      code: 1,
      stdout: `${plan}\nContinue? [Y/n] Abort.\n`,
      stderr: '',
    });
    expect(await runShim(shim, 'apt-get', ['-y', 'dist-upgrade'])).toEqual({
      code: 0,
      stdout: `${plan}\nSetting up pve-manager (9.1.4) ...\nSetting up proxmox-kernel-6.17.4-1-pve-signed (6.17.4-1) ...\n`,
      stderr: '',
    });
    expect(shim.state('platform')).toMatchObject({
      pveversion: '9.1.4',
      kernels: ['6.17.2-1-pve', '6.17.4-1-pve'],
      rebootRequired: true,
    });
    expect(shim.state('apt')).toMatchObject({ upgradable: [], installed: { 'pve-manager': '9.1.4' } });
  });

  it('apt-get update lists the sources; apt warns about its CLI on stderr', async () => {
    shim = makeShimEnv({
      state: {
        apt: { sources: [{ uri: 'http://download.proxmox.com/debian/pve', suite: 'trixie' }], upgradable },
      },
    });
    expect((await runShim(shim, 'apt-get', ['update'])).stdout).toBe(
      'Hit:1 http://download.proxmox.com/debian/pve trixie InRelease\nReading package lists...\n',
    );
    const apt = await runShim(shim, 'apt', ['update']);
    expect(apt.stderr).toBe(
      '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n',
    );
    expect(apt.stdout).toMatch(/2 packages can be upgraded\. Run 'apt list --upgradable' to see them\.\n$/);
  });
});

describe('systemctl, systemd-run, reboot, sudo', () => {
  it('enables a known timer (symlink message), refuses unknown units with systemd exit codes', async () => {
    shim = makeShimEnv({ state: { systemd: { units: { 'nix-mox-snapshot.timer': {} } } } });
    expect(await runShim(shim, 'systemctl', ['enable', '--now', 'nix-mox-snapshot.timer'])).toEqual({
      code: 0,
      stdout: '',
      stderr:
        "Created symlink '/etc/systemd/system/timers.target.wants/nix-mox-snapshot.timer' → '/etc/systemd/system/nix-mox-snapshot.timer'.\n",
    });
    expect(await runShim(shim, 'systemctl', ['is-active', 'nix-mox-snapshot.timer'])).toEqual({
      code: 0,
      stdout: 'active\n',
      stderr: '',
    });
    expect(await runShim(shim, 'systemctl', ['is-active', 'other'])).toEqual({
      code: 3,
      stdout: 'inactive\n',
      stderr: '',
    });
    expect(await runShim(shim, 'systemctl', ['start', 'nope'])).toEqual({
      code: 5,
      stdout: '',
      stderr: 'Failed to start nope.service: Unit nope.service not found.\n',
    });
    expect(await runShim(shim, 'systemctl', ['enable', 'nope.timer'])).toMatchObject({
      code: 1,
      stderr: 'Failed to enable unit: Unit file nope.timer does not exist.\n',
    });
  });

  it('counts unit files in unitDirs as installed', async () => {
    shim = makeShimEnv();
    const dir = join(shim.dir, 'units');
    mkdirSync(dir);
    writeFileSync(join(dir, 'nix-mox-backup.service'), '[Service]\n');
    shim.writeState('systemd', { units: {}, unitDirs: [dir] });
    expect((await runShim(shim, 'systemctl', ['is-enabled', 'nix-mox-backup'])).stdout).toBe('disabled\n');
    expect((await runShim(shim, 'systemctl', ['start', 'nix-mox-backup'])).code).toBe(0);
  });

  it('systemd-run records the transient unit and, with --wait, runs the command and reports the result', async () => {
    shim = makeShimEnv();
    const r = await runShim(shim, 'systemd-run', [
      '--unit=nix-mox-apply',
      '--wait',
      '--',
      'sh',
      '-c',
      'exit 3',
    ]);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'Running as unit: nix-mox-apply.service\nFinished with result: exit-code\nMain processes terminated with: code=exited/status=3\n',
    });
    expect(shim.state('systemd')).toMatchObject({
      transient: [{ unit: 'nix-mox-apply.service', argv: ['sh', '-c', 'exit 3'] }],
    });
    expect(
      (await runShim(shim, 'systemd-run', ['--on-calendar', 'daily', '--unit', 'x', 'true'])).stderr,
    ).toBe('Running timer as unit: x.timer\nWill run service as unit: x.service\n');
  });

  it('reboot only records the request; sudo passes the command through to the shim of that name', async () => {
    shim = makeShimEnv({ state: { platform: {} } });
    expect(await runShim(shim, 'reboot', [])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((shim.state('power') as { reboots: unknown[] }).reboots).toHaveLength(1);
    expect((await runShim(shim, 'sudo', ['-n', 'pveversion'])).stdout).toMatch(/^pve-manager\/9\.1\.3\//);
    expect(shim.calls().map((c) => c.cmd)).toEqual(['reboot', 'sudo', 'pveversion']);
    expect(await runShim(shim, 'sudo', ['no-such-tool-here'])).toMatchObject({
      code: 1,
      stderr: 'sudo: no-such-tool-here: command not found\n',
    });
  });
});
