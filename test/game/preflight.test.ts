// Every pre-flight check with a passing and a failing (or warning) machine: a fixture root for the files it
// reads, shims on PATH for the commands it runs, and the fix it offers on NixOS and elsewhere.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGameHost } from '../../src/game/host';
import { runPreflight } from '../../src/game/preflight/index';
import type { CheckResult, PreflightId, PreflightReport } from '../../src/game/types';
import { fakeWineBin, nodeDir, scriptBin, shimBin, tempDir, writeTree } from './helpers';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const GiB = 1024 ** 3;
const NIXOS = { 'etc/NIXOS': '' };
const DEBIAN = { 'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n' };
const GOOD_LIMITS = {
  'proc/self/limits': 'Max open files            1024                 524288               files     \n',
};

interface Machine {
  files?: Record<string, string>;
  /** Directories put on PATH before node's own (no system dirs, so a missing tool is really missing). */
  path?: string[];
  env?: Record<string, string>;
  freeBytes?: number | null;
}

async function preflight(m: Machine): Promise<PreflightReport> {
  const root = join(dir.path, 'root');
  writeTree(root, { 'etc/hostname': 'desk\n', ...(m.files ?? {}) });
  const env = { PATH: [...(m.path ?? []), nodeDir].join(':'), HOME: dir.path, ...(m.env ?? {}) };
  const host = createGameHost(root, env);
  if (m.freeBytes !== undefined) host.freeBytes = async () => m.freeBytes ?? null;
  return runPreflight(host, join(dir.path, 'Games', 'test-game'));
}

async function check(id: PreflightId, m: Machine): Promise<CheckResult> {
  const report = await preflight(m);
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

const oldWine = () => scriptBin(join(dir.path, 'old'), { wine: 'echo "wine-7.0 (Ubuntu 7.0~repack-2)"' });

describe('pre-flight: Wine', () => {
  it('passes with the version Wine reports', async () => {
    const c = await check('wine', { path: [fakeWineBin] });
    expect(c).toMatchObject({ status: 'pass', fix: null });
    expect(c.detail).toContain('Wine 9.0');
  });
  it('fails without Wine and offers the NixOS package on NixOS', async () => {
    const c = await check('wine', { files: NIXOS });
    expect(c.status).toBe('fail');
    expect(c.fix).toEqual({
      kind: 'nixos',
      text: 'environment.systemPackages = [ pkgs.wineWow64Packages.stable ];',
    });
  });
  it('fails without Wine and offers apt on Debian; only warns when umu-launcher can stand in', async () => {
    expect((await check('wine', { files: DEBIAN })).fix).toEqual({
      kind: 'package',
      text: 'sudo apt install wine wine64',
    });
    const withUmu = await check('wine', { files: DEBIAN, path: [shimBin] });
    expect(withUmu.status).toBe('warn');
    expect(withUmu.detail).toContain('Proton through umu-launcher');
  });
  it('warns about Wine older than 8', async () => {
    const c = await check('wine', { path: [oldWine()] });
    expect(c.status).toBe('warn');
    expect(c.detail).toContain('Wine 7.0');
  });
});

describe('pre-flight: winetricks', () => {
  it('passes with its version', async () => {
    const c = await check('winetricks', { path: [shimBin, fakeWineBin] });
    expect(c).toMatchObject({ status: 'pass', detail: 'winetricks 20250102' });
  });
  it('fails when missing and no Proton can stand in', async () => {
    const c = await check('winetricks', { path: [fakeWineBin], files: NIXOS });
    expect(c.status).toBe('fail');
    expect(c.fix).toEqual({ kind: 'nixos', text: 'environment.systemPackages = [ pkgs.winetricks ];' });
  });
});

describe('pre-flight: Vulkan', () => {
  it('passes on a discrete GPU with Vulkan 1.3 and names it', async () => {
    const report = await preflight({ path: [shimBin] });
    const c = report.checks.find((x) => x.id === 'vulkan')!;
    expect(c.status).toBe('pass');
    expect(c.detail).toBe('AMD Radeon RX 6800 XT (RADV NAVI21), Vulkan 1.3.274 (radv)');
    expect(report.tools.vulkanApi).toBe('1.3.274');
  });
  it('fails with only software rendering (llvmpipe)', async () => {
    const c = await check('vulkan', { path: [shimBin], env: { NIX_MOX_VULKAN: 'llvmpipe' }, files: NIXOS });
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('only software rendering');
    expect(c.fix?.kind).toBe('nixos');
  });
  it('fails when the loader finds no driver', async () => {
    const c = await check('vulkan', { path: [shimBin], env: { NIX_MOX_VULKAN: 'none' } });
    expect(c).toMatchObject({ status: 'fail', detail: 'vulkaninfo --summary failed (exit 1)' });
  });
  it('warns on Vulkan 1.2 (DXVK 1.10.3 then)', async () => {
    const report = await preflight({ path: [shimBin], env: { NIX_MOX_VULKAN: 'old' } });
    const c = report.checks.find((x) => x.id === 'vulkan')!;
    expect(c.status).toBe('warn');
    expect(c.detail).toContain('DXVK 1.10.3');
    expect(report.tools.vulkanApi).toBe('1.2.182');
  });
  it('fails without vulkaninfo and offers vulkan-tools', async () => {
    const c = await check('vulkan', { files: NIXOS });
    expect(c.status).toBe('fail');
    expect(c.fix?.text).toBe(
      'hardware.graphics.enable = true; environment.systemPackages = [ pkgs.vulkan-tools ];',
    );
  });
});

describe('pre-flight: 32-bit graphics', () => {
  it('passes on NixOS with /run/opengl-driver-32', async () => {
    const c = await check('graphics32', {
      files: { ...NIXOS, 'run/opengl-driver-32/lib/libvulkan.so.1': '' },
    });
    expect(c.status).toBe('pass');
  });
  it('warns on NixOS without it and names hardware.graphics.enable32Bit', async () => {
    const c = await check('graphics32', { files: NIXOS });
    expect(c.status).toBe('warn');
    expect(c.fix).toEqual({ kind: 'nixos', text: 'hardware.graphics.enable32Bit = true;' });
  });
  it('passes on Debian with the i386 loader, and on Fedora with /usr/lib beside a real /usr/lib64', async () => {
    expect(
      (await check('graphics32', { files: { ...DEBIAN, 'usr/lib/i386-linux-gnu/libvulkan.so.1': '' } }))
        .status,
    ).toBe('pass');
    const fedora = {
      'etc/os-release': 'ID=fedora\n',
      'usr/lib64/libvulkan.so.1': '',
      'usr/lib/libvulkan.so.1': '',
    };
    expect((await check('graphics32', { files: fedora })).status).toBe('pass');
  });
  it('warns on Arch where /usr/lib holds the 64-bit loader (lib64 is a link)', async () => {
    const arch = { 'etc/os-release': 'ID=arch\n', 'usr/lib/libvulkan.so.1': '', 'usr/lib64': '-> lib' };
    const c = await check('graphics32', { files: arch });
    expect(c.status).toBe('warn');
    expect(c.fix?.text).toContain('lib32-vulkan-icd-loader');
  });
});

describe('pre-flight: GPU driver', () => {
  const card = (driver: string, vendor: string) => ({
    [`sys/bus/pci/drivers/${driver}/.keep`]: '',
    'sys/class/drm/card0/device/driver': `-> ../../../bus/pci/drivers/${driver}`,
    'sys/class/drm/card0/device/vendor': `${vendor}\n`,
    'sys/class/drm/card0-DP-1/status': 'connected\n',
  });
  it('passes with amdgpu', async () => {
    const c = await check('gpu-driver', { files: card('amdgpu', '0x1002') });
    expect(c).toMatchObject({ status: 'pass', detail: 'AMD (amdgpu) on card0' });
  });
  it('warns on nouveau and gives the NVIDIA driver settings on NixOS', async () => {
    const c = await check('gpu-driver', { files: { ...NIXOS, ...card('nouveau', '0x10de') } });
    expect(c.status).toBe('warn');
    expect(c.fix?.text).toContain('services.xserver.videoDrivers = [ "nvidia" ];');
  });
  it('fails when no GPU has a graphics driver (e.g. the only one is bound to vfio-pci)', async () => {
    const c = await check('gpu-driver', {});
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('vfio-pci');
  });
});

describe('pre-flight: open-file limit for esync', () => {
  it('passes with a hard limit of 524288', async () => {
    expect((await check('esync', { files: GOOD_LIMITS })).status).toBe('pass');
  });
  it('warns with 4096 and gives the NixOS limit', async () => {
    const limits = {
      'proc/self/limits': 'Max open files            1024                 4096                 files     \n',
    };
    const c = await check('esync', { files: { ...NIXOS, ...limits } });
    expect(c.status).toBe('warn');
    expect(c.fix?.text).toBe(
      'security.pam.loginLimits = [ { domain = "*"; type = "hard"; item = "nofile"; value = "524288"; } ];',
    );
  });
});

describe('pre-flight: free disk', () => {
  it('passes with 200 GiB free', async () => {
    const c = await check('disk', { freeBytes: 200 * GiB });
    expect(c.status).toBe('pass');
    expect(c.detail).toContain('200.0 GiB free');
  });
  it('warns below 50 GiB and fails below 4 GiB', async () => {
    expect((await check('disk', { freeBytes: 20 * GiB })).status).toBe('warn');
    const c = await check('disk', { freeBytes: 2 * GiB });
    expect(c.status).toBe('fail');
    expect(c.fix?.text).toContain('--prefix');
  });
  it('reads the real free space of the file system the prefix will be on', async () => {
    const host = createGameHost('/', { PATH: nodeDir });
    const free = await host.freeBytes(join(dir.path, 'Games', 'not-yet', 'deeper'));
    expect(free).toBeGreaterThan(0);
  });
});

describe('pre-flight: GameMode, MangoHud, umu-launcher, Lutris', () => {
  it('pass when installed', async () => {
    const report = await preflight({ path: [shimBin] });
    for (const id of ['gamemode', 'mangohud', 'umu'] as const) {
      expect(report.checks.find((c) => c.id === id)?.status).toBe('pass');
    }
  });
  it('Lutris passes with its version when sqlite3 is there too', async () => {
    const sqlite = scriptBin(join(dir.path, 'sq'), { sqlite3: 'exit 0' });
    const c = await check('lutris', { path: [shimBin, sqlite] });
    expect(c).toMatchObject({ status: 'pass', detail: 'Lutris 0.5.19' });
  });
  it('warn when missing, with the NixOS fix', async () => {
    const report = await preflight({ files: NIXOS });
    const byId = (id: PreflightId) => report.checks.find((c) => c.id === id)!;
    expect(byId('gamemode')).toMatchObject({
      status: 'warn',
      fix: { kind: 'nixos', text: 'programs.gamemode.enable = true;' },
    });
    expect(byId('mangohud').fix?.text).toBe('environment.systemPackages = [ pkgs.mangohud ];');
    expect(byId('umu').fix?.text).toBe('environment.systemPackages = [ pkgs.umu-launcher ];');
    expect(byId('lutris')).toMatchObject({
      status: 'warn',
      fix: { text: 'environment.systemPackages = [ pkgs.lutris ];' },
    });
  });
  it('Lutris warns when sqlite3 is missing, since its library cannot be updated', async () => {
    const c = await check('lutris', { path: [shimBin], files: DEBIAN });
    expect(c.status).toBe('warn');
    expect(c.fix).toEqual({ kind: 'package', text: 'sudo apt install sqlite3' });
  });
});

describe('pre-flight as a whole', () => {
  it('reports NixOS from /etc/NIXOS and lists every check once, in a fixed order', async () => {
    const report = await preflight({ files: NIXOS, path: [shimBin, fakeWineBin] });
    expect(report.nixos).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'wine',
      'winetricks',
      'vulkan',
      'graphics32',
      'gpu-driver',
      'esync',
      'disk',
      'gamemode',
      'mangohud',
      'umu',
      'lutris',
    ]);
    expect(report.tools.wine?.path).toBe(join(fakeWineBin, 'wine'));
    expect(report.tools.wineserver).toBe(join(fakeWineBin, 'wineserver'));
  });
});
