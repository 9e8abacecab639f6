// Runs every pre-flight check and collects what later steps need (tool paths, Vulkan version).
import { wineserverPaths } from './context';
import type { CheckContext } from './context';
import { checkGpuDriver, checkGraphics32, probeVulkan } from './graphics';
import { checkDisk, checkEsync } from './system';
import {
  checkGamemode,
  checkLutris,
  checkMangohud,
  checkUmu,
  checkWine,
  checkWinetricks,
  probeWine,
} from './tools';
import type { GameHost } from '../host';
import { distroFamily } from '../platform';
import type { PreflightReport, ToolInfo } from '../types';
import { existsSync } from 'node:fs';

export async function findTools(host: GameHost): Promise<Omit<ToolInfo, 'vulkanApi'>> {
  const wine = await probeWine({ host });
  return {
    wine,
    wineserver:
      host.which('wineserver') ?? (wine ? (wineserverPaths.find((p) => existsSync(p)) ?? null) : null),
    winetricks: host.which('winetricks'),
    umu: host.which('umu-run'),
    lutris: host.which('lutris'),
    sqlite3: host.which('sqlite3'),
    gamemoderun: host.which('gamemoderun'),
    mangohud: host.which('mangohud'),
  };
}

export function isNixos(host: GameHost): boolean {
  return host.exists('/etc/NIXOS');
}

export async function runPreflight(host: GameHost, prefix: string): Promise<PreflightReport> {
  const nixos = isNixos(host);
  const family = distroFamily(nixos, host.readFile('/etc/os-release'));
  const found = await findTools(host);
  const ctx: CheckContext = { host, family, prefix, tools: { ...found, vulkanApi: null } };
  const [wine, winetricks, vulkan, graphics32, gpu, esync, disk, gamemode, mangohud, umu, lutris] =
    await Promise.all([
      checkWine(ctx),
      checkWinetricks(ctx),
      probeVulkan(ctx),
      checkGraphics32(ctx),
      checkGpuDriver(ctx),
      checkEsync(ctx),
      checkDisk(ctx),
      checkGamemode(ctx),
      checkMangohud(ctx),
      checkUmu(ctx),
      checkLutris(ctx),
    ]);
  return {
    nixos,
    checks: [wine, winetricks, vulkan.check, graphics32, gpu, esync, disk, gamemode, mangohud, umu, lutris],
    tools: { ...found, vulkanApi: vulkan.api },
  };
}

/** Runners the user can pick: system Wine needs wine (and winetricks for the dependency steps); umu needs umu-run. */
export function availableRunners(report: PreflightReport): { wine: string | null; umu: string | null } {
  const t = report.tools;
  return {
    wine: t.wine ? null : 'Wine is not installed',
    umu: t.umu ? null : 'umu-launcher is not installed',
  };
}
