// Pre-flight checks for the programs the setup runs: Wine, winetricks, umu-launcher, Lutris, GameMode, MangoHud.
import { nixPackage, pickFix } from '../platform';
import type { CheckResult } from '../types';
import { type CheckContext, result } from './context';
import { majorOf, parseWineVersion, parseWinetricksVersion } from './parse';

export async function checkWine(ctx: CheckContext): Promise<CheckResult> {
  const title = 'Wine';
  const fix = pickFix(ctx.family, {
    nixos: nixPackage('wineWow64Packages.stable'),
    debian: 'sudo apt install wine wine64',
    fedora: 'sudo dnf install wine',
    arch: 'enable [multilib], then: sudo pacman -S wine',
    suse: 'sudo zypper install wine',
    other: 'install Wine 8 or newer from your distribution',
  });
  const missingStatus = ctx.tools.umu ? 'warn' : 'fail';
  if (!ctx.tools.wine) {
    const alt = ctx.tools.umu ? ' (Proton through umu-launcher can be used instead)' : '';
    return result('wine', title, missingStatus, `wine not found on PATH${alt}`, fix);
  }
  const { version, path } = ctx.tools.wine;
  if (majorOf(version) < 8) {
    return result(
      'wine',
      title,
      'warn',
      `Wine ${version} at ${path} is old: DXVK 2.x and many games want Wine 8 or newer`,
      fix,
    );
  }
  return result('wine', title, 'pass', `Wine ${version} (${path})`);
}

/** Runs `wine --version`; the Debian wrapper prints a wine32 hint on stderr, which is ignored. */
export async function probeWine(
  ctx: Pick<CheckContext, 'host'>,
): Promise<{ path: string; version: string } | null> {
  const path = ctx.host.which('wine');
  if (!path) return null;
  const r = await ctx.host.run(path, ['--version'], { env: { WINEDEBUG: '-all' } });
  const version = r.code === 0 ? parseWineVersion(r.stdout) : null;
  return version ? { path, version } : null;
}

export async function checkWinetricks(ctx: CheckContext): Promise<CheckResult> {
  const title = 'winetricks';
  const fix = pickFix(ctx.family, {
    nixos: nixPackage('winetricks'),
    debian: 'sudo apt install winetricks   (Debian: from contrib)',
    fedora: 'sudo dnf install winetricks',
    arch: 'sudo pacman -S winetricks',
    suse: 'sudo zypper install winetricks',
    other: 'install winetricks from your distribution or github.com/Winetricks/winetricks',
  });
  const path = ctx.tools.winetricks;
  const missingStatus = ctx.tools.umu ? 'warn' : 'fail';
  if (!path) {
    const why = ctx.tools.umu
      ? 'needed with system Wine; Proton brings its own'
      : 'needed for the dependency steps (verbs, DXVK, VKD3D-Proton)';
    return result('winetricks', title, missingStatus, `winetricks not found: ${why}`, fix);
  }
  const r = await ctx.host.run(path, ['--version']);
  const version = r.code === 0 ? parseWinetricksVersion(r.stdout) : null;
  if (!version) return result('winetricks', title, 'fail', `${path} --version failed (exit ${r.code})`, fix);
  return result('winetricks', title, 'pass', `winetricks ${version}`);
}

export async function checkUmu(ctx: CheckContext): Promise<CheckResult> {
  const fix = pickFix(ctx.family, {
    nixos: nixPackage('umu-launcher'),
    fedora: 'sudo dnf install umu-launcher',
    arch: 'sudo pacman -S umu-launcher',
    other: 'install umu-launcher from github.com/Open-Wine-Components/umu-launcher/releases',
  });
  if (!ctx.tools.umu) {
    return result(
      'umu',
      'umu-launcher (Proton)',
      'warn',
      'umu-run not found: only system Wine can be used',
      fix,
    );
  }
  return result(
    'umu',
    'umu-launcher (Proton)',
    'pass',
    `umu-run at ${ctx.tools.umu}: Proton and GE-Proton available`,
  );
}

export async function checkLutris(ctx: CheckContext): Promise<CheckResult> {
  const title = 'Lutris';
  if (!ctx.tools.lutris) {
    const fix = pickFix(ctx.family, {
      nixos: nixPackage('lutris'),
      debian: 'sudo apt install lutris',
      fedora: 'sudo dnf install lutris',
      arch: 'sudo pacman -S lutris',
      suse: 'sudo zypper install lutris',
      other: 'install Lutris from lutris.net',
    });
    return result('lutris', title, 'warn', 'lutris not found: no Lutris entry will be made', fix);
  }
  if (!ctx.tools.sqlite3) {
    const fix = pickFix(ctx.family, {
      nixos: nixPackage('sqlite'),
      debian: 'sudo apt install sqlite3',
      fedora: 'sudo dnf install sqlite',
      arch: 'sudo pacman -S sqlite',
      suse: 'sudo zypper install sqlite3',
      other: 'install the sqlite3 command-line tool',
    });
    return result(
      'lutris',
      title,
      'warn',
      "sqlite3 not found: the game config is written, but Lutris's library (pga.db) cannot be updated",
      fix,
    );
  }
  const r = await ctx.host.run(ctx.tools.lutris, ['--version']);
  const version = /^lutris-(\S+)/m.exec(r.stdout)?.[1];
  return result('lutris', title, 'pass', version ? `Lutris ${version}` : `lutris at ${ctx.tools.lutris}`);
}

export async function checkGamemode(ctx: CheckContext): Promise<CheckResult> {
  if (ctx.tools.gamemoderun) {
    return result('gamemode', 'GameMode', 'pass', `gamemoderun at ${ctx.tools.gamemoderun}`);
  }
  const fix = pickFix(ctx.family, {
    nixos: 'programs.gamemode.enable = true;',
    debian: 'sudo apt install gamemode',
    fedora: 'sudo dnf install gamemode',
    arch: 'sudo pacman -S gamemode lib32-gamemode',
    suse: 'sudo zypper install gamemoded',
    other: 'install Feral GameMode',
  });
  return result('gamemode', 'GameMode', 'warn', 'gamemoderun not found: the launcher runs without it', fix);
}

export async function checkMangohud(ctx: CheckContext): Promise<CheckResult> {
  if (ctx.tools.mangohud) return result('mangohud', 'MangoHud', 'pass', `mangohud at ${ctx.tools.mangohud}`);
  const fix = pickFix(ctx.family, {
    nixos: nixPackage('mangohud'),
    debian: 'sudo apt install mangohud',
    fedora: 'sudo dnf install mangohud',
    arch: 'sudo pacman -S mangohud lib32-mangohud',
    suse: 'sudo zypper install mangohud',
    other: 'install MangoHud',
  });
  return result(
    'mangohud',
    'MangoHud',
    'warn',
    'mangohud not found: the launcher runs without the overlay',
    fix,
  );
}
