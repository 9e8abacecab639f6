// Fixture roots, shim PATHs and setups for the game tests.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { customGameNeeds } from '../../src/game/catalog';
import type { GameNeeds, GameSetup, ToolInfo } from '../../src/game/types';
import { repoRoot } from '../helpers/shared';

export const shimBin = join(repoRoot, 'test/fixtures/game-bin/bin');
export const fakeWineBin = join(repoRoot, 'test/fixtures/game-bin/fake-wine');
/** Directories every test PATH keeps: node, sqlite3, coreutils. */
export const systemPath = '/usr/local/bin:/usr/bin:/bin';

/** A directory holding only `node` (the shims' interpreter): /usr/bin would bring wine, sqlite3 and the rest. */
export const nodeDir = (() => {
  const dir = join(tmpdir(), `nix-mox-node-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true });
  const link = join(dir, 'node');
  try {
    if (readlinkSync(link) !== process.execPath) rmSync(link, { force: true });
  } catch {
    // not there yet
  }
  try {
    symlinkSync(process.execPath, link);
  } catch {
    // made by a test process running beside this one, with the same node
  }
  return dir;
})();

export function tempDir(prefix = 'nix-mox-game-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes files (and symlinks, with `->`) under root. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (content.startsWith('-> ')) symlinkSync(content.slice(3), path);
    else writeFileSync(path, content);
  }
}

/** A directory of executables that print fixed text (for versions the shims do not cover). */
export function scriptBin(dir: string, scripts: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return dir;
}

export interface ShimCall {
  cmd: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

export function readCalls(log: string): ShimCall[] {
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ShimCall);
  } catch {
    return [];
  }
}

export const noTools: ToolInfo = {
  wine: null,
  wineserver: null,
  winetricks: null,
  umu: null,
  lutris: null,
  sqlite3: null,
  gamemoderun: null,
  mangohud: null,
  vulkanApi: null,
};

export const allTools: ToolInfo = {
  wine: { path: '/usr/bin/wine', version: '9.0' },
  wineserver: '/usr/lib/wine/wineserver',
  winetricks: '/usr/bin/winetricks',
  umu: '/usr/bin/umu-run',
  lutris: '/usr/bin/lutris',
  sqlite3: '/usr/bin/sqlite3',
  gamemoderun: '/usr/bin/gamemoderun',
  mangohud: '/usr/bin/mangohud',
  vulkanApi: '1.3.274',
};

export function makeSetup(over: Partial<GameSetup> & { needs?: GameNeeds } = {}): GameSetup {
  const home = over.home ?? '/home/alice';
  return {
    slug: 'test-game',
    name: 'Test Game',
    game: null,
    needs: customGameNeeds,
    runner: 'wine',
    prefix: `${home}/Games/test-game`,
    installer: '/downloads/TestGameSetup.exe',
    home,
    dataHome: `${home}/.local/share`,
    configHome: `${home}/.config`,
    tools: allTools,
    zfsDataset: null,
    ...over,
  };
}
