// Every nixpkgs attribute and NixOS option the pre-flight fixes name, against a dated list of names checked in
// nixpkgs (../shared/nixpkgs-facts.md, mid-2026): a renamed option (hardware.opengl.*) or a removed package
// never reaches the user.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGameHost } from '../../src/game/host';
import { runPreflight } from '../../src/game/preflight/index';
import { nodeDir, scriptBin, tempDir, writeTree } from './helpers';

/** Checked 2026-07 in NixOS/nixpkgs (see nixpkgs-facts.md; sqlite: pkgs/development/libraries/sqlite). */
const KNOWN_PACKAGES = [
  'wineWow64Packages.stable',
  'winetricks',
  'vulkan-tools',
  'umu-launcher',
  'lutris',
  'sqlite',
  'mangohud',
];
/** Checked 2026-07: nixos/modules (graphics.nix, gamemode.nix, xserver.nix, nvidia.nix, kernel.nix, pam.nix). */
const KNOWN_OPTIONS = [
  'environment.systemPackages',
  'hardware.graphics.enable',
  'hardware.graphics.enable32Bit',
  'programs.gamemode.enable',
  'services.xserver.videoDrivers',
  'hardware.nvidia.open',
  'boot.kernelParams',
  'security.pam.loginLimits',
];
const RENAMED = ['hardware.opengl', 'hardware.pulseaudio', 'wineWowPackages', 'protonup '];

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

async function nixosFixes(name: string, cards: Record<string, string>): Promise<string[]> {
  const root = join(dir.path, name);
  writeTree(root, { 'etc/NIXOS': '', 'proc/self/limits': 'Max open files  1024  4096  files\n', ...cards });
  // lutris without sqlite3 (the sqlite fix), vulkaninfo on llvmpipe (the graphics fix)
  const bin = scriptBin(join(dir.path, `${name}-bin`), {
    lutris: 'echo lutris-0.5.19',
    vulkaninfo: 'exit 1',
  });
  const host = createGameHost(root, { PATH: `${bin}:${nodeDir}`, HOME: dir.path });
  host.freeBytes = async () => 1024;
  const report = await runPreflight(host, join(dir.path, 'Games/x'));
  return report.checks.flatMap((c) => (c.fix?.kind === 'nixos' ? [c.fix.text] : []));
}

const card = (driver: string, vendor: string) => ({
  [`sys/bus/pci/drivers/${driver}/.keep`]: '',
  'sys/class/drm/card0/device/driver': `-> ../../../bus/pci/drivers/${driver}`,
  'sys/class/drm/card0/device/vendor': `${vendor}\n`,
});

describe('NixOS fixes name only checked attributes and options', () => {
  it('for every failing check on NixOS, with NVIDIA (nouveau) and old AMD (radeon) cards', async () => {
    const texts = [
      ...(await nixosFixes('nvidia', card('nouveau', '0x10de'))),
      ...(await nixosFixes('amd', card('radeon', '0x1002'))),
    ];
    expect(texts.length).toBeGreaterThanOrEqual(9);
    const packages = new Set(
      texts.flatMap((t) => [...t.matchAll(/pkgs\.([A-Za-z0-9_.-]+)/g)].map((m) => m[1]!)),
    );
    const options = new Set(
      texts.flatMap((t) =>
        [...t.matchAll(/(?:^|;\s*)([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)\s*=/g)].map((m) => m[1]!),
      ),
    );
    for (const p of packages) expect(KNOWN_PACKAGES, p).toContain(p);
    for (const o of options) expect(KNOWN_OPTIONS, o).toContain(o);
    expect([...options].sort()).toEqual([...KNOWN_OPTIONS].sort());
    for (const t of texts) for (const r of RENAMED) expect(t).not.toContain(r);
  });
});
