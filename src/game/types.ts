// The game setup's shapes: catalog entries, pre-flight results, the user's choices, and snapshots of a prefix.

/** How a game's anti-cheat behaves under Wine/Proton. */
export type AntiCheatVerdict =
  /** No anti-cheat, or one that runs under Wine/Proton. */
  | 'runs'
  /** The anti-cheat (or its publisher) refuses Wine/Proton: the game does not run on Linux. */
  | 'blocked';

export interface AntiCheat {
  /** The anti-cheat's name, or null when the game has none. */
  name: string | null;
  verdict: AntiCheatVerdict;
  /** One or two plain sentences: what happens and since when. */
  explanation: string;
  /** When this was last checked (YYYY-MM). */
  checked: string;
}

export interface GameNeeds {
  /** winetricks verbs installed before the game (fonts, runtimes). */
  verbs: string[];
  /** DXVK: Direct3D 9/10/11 over Vulkan. */
  dxvk: boolean;
  /** VKD3D-Proton: Direct3D 12 over Vulkan. */
  vkd3d: boolean;
  /** Environment the game needs at launch. */
  env: Record<string, string>;
  /** File names of the game's main executable, best first (searched under drive_c after installing). */
  exeNames: string[];
}

export interface CatalogGame {
  slug: string;
  name: string;
  /** Where the installer comes from, in a few words. */
  source: string;
  antiCheat: AntiCheat;
  needs: GameNeeds;
  /** Extra advice shown with the game. */
  notes: string[];
}

export type GameRunnerKind = 'wine' | 'umu';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** How to fix a failed check: a NixOS setting on NixOS, a package (or command) elsewhere. */
export interface Fix {
  kind: 'nixos' | 'package' | 'manual';
  text: string;
}

export interface CheckResult {
  id: PreflightId;
  title: string;
  status: CheckStatus;
  /** What was found, in one line. */
  detail: string;
  fix: Fix | null;
}

export type PreflightId =
  | 'wine'
  | 'winetricks'
  | 'vulkan'
  | 'graphics32'
  | 'gpu-driver'
  | 'esync'
  | 'disk'
  | 'gamemode'
  | 'mangohud'
  | 'umu'
  | 'lutris';

/** What the pre-flight learned that later steps use. */
export interface ToolInfo {
  wine: { path: string; version: string } | null;
  /** wineserver: Debian keeps it out of PATH (/usr/lib/wine/wineserver). */
  wineserver: string | null;
  winetricks: string | null;
  umu: string | null;
  lutris: string | null;
  sqlite3: string | null;
  gamemoderun: string | null;
  mangohud: string | null;
  /** API version of the best Vulkan device (DXVK 2.x needs 1.3; older gets DXVK 1.10.3). */
  vulkanApi: string | null;
}

export interface PreflightReport {
  nixos: boolean;
  checks: CheckResult[];
  tools: ToolInfo;
}

/** Everything the steps are built from. */
export interface GameSetup {
  slug: string;
  name: string;
  /** Catalog entry, or null for "another Windows game". */
  game: CatalogGame | null;
  needs: GameNeeds;
  runner: GameRunnerKind;
  prefix: string;
  installer: string;
  home: string;
  /** XDG data dir ($XDG_DATA_HOME or ~/.local/share). */
  dataHome: string;
  /** XDG config dir ($XDG_CONFIG_HOME or ~/.config). */
  configHome: string;
  tools: ToolInfo;
  /** ZFS dataset mounted exactly at the prefix, or null (then snapshots are copies). */
  zfsDataset: string | null;
}

export type SnapshotRef =
  | { kind: 'zfs'; dataset: string; name: string; prefix: string }
  | { kind: 'copy'; path: string; prefix: string };
