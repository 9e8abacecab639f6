// What runs inside a NixOS guest, as argv, and how its answers are read. The same commands serve every transport.

/** NixOS's system profile: `readlink` of it names the current generation (`system-42-link`). */
export const SYSTEM_PROFILE = '/nix/var/nix/profiles/system';

export const guestCommands = {
  answers: (): string[] => ['true'],
  failedUnits: (): string[] => [
    'systemctl',
    'list-units',
    '--state=failed',
    '--plain',
    '--no-legend',
    '--no-pager',
  ],
  generation: (): string[] => ['readlink', SYSTEM_PROFILE],
  mkdir: (dir: string): string[] => ['mkdir', '-p', dir],
  unpack: (tarPath: string, dir: string): string[] => [
    'tar',
    '--extract',
    '--gzip',
    '--no-same-owner',
    '--file',
    tarPath,
    '--directory',
    dir,
  ],
  lockUpdate: (dir: string): string[] => [
    'nix',
    '--extra-experimental-features',
    'nix-command flakes',
    'flake',
    'update',
    '--flake',
    dir,
  ],
  dryBuild: (dir: string, name: string): string[] => [
    'nixos-rebuild',
    'dry-build',
    '--flake',
    `${dir}#${name}`,
  ],
  switch: (dir: string, name: string): string[] => ['nixos-rebuild', 'switch', '--flake', `${dir}#${name}`],
  /** Back to exactly the generation recorded before the switch (not merely "the previous one"). */
  switchGeneration: (generation: number): string[] => [
    'nix-env',
    '--profile',
    SYSTEM_PROFILE,
    '--switch-generation',
    String(generation),
  ],
  activateProfile: (): string[] => [`${SYSTEM_PROFILE}/bin/switch-to-configuration`, 'switch'],
};

/** `systemctl list-units --state=failed --plain --no-legend`: the first column of each line is the unit. */
export function parseFailedUnits(text: string): string[] {
  const units = new Set<string>();
  for (const line of text.split('\n')) {
    const first = line
      .trim()
      .replace(/^[●*]\s*/, '')
      .split(/\s+/)[0];
    if (
      first &&
      /^[^\s]+\.(service|socket|mount|automount|swap|target|path|timer|slice|scope|device)$/.test(first)
    ) {
      units.add(first);
    }
  }
  return [...units].sort();
}

/** `readlink /nix/var/nix/profiles/system` -> 42 (from `system-42-link`), or null. */
export function parseGeneration(text: string): number | null {
  const m = /(?:^|\/)system-(\d+)-link\s*$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export function newFailures(before: string[], after: string[]): string[] {
  const old = new Set(before);
  return after.filter((u) => !old.has(u));
}
