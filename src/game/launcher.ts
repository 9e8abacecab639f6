// The launcher script: the game's environment, GameMode and MangoHud when installed, then Wine or umu-run.
// Every value is single-quoted, so no path or variable can break out of the script.
import { dirname } from 'node:path';
import { UMU_GAME_ID, UMU_PROTON } from './steps';
import type { GameSetup } from './types';

export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a value for the launcher contains a NUL byte');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function launcherEnv(setup: GameSetup): [string, string][] {
  const base: [string, string][] =
    setup.runner === 'umu'
      ? [
          ['WINEPREFIX', setup.prefix],
          ['GAMEID', UMU_GAME_ID],
          ['PROTONPATH', UMU_PROTON],
        ]
      : [
          ['WINEPREFIX', setup.prefix],
          ['WINEARCH', 'win64'],
          ['WINEDEBUG', '-all'],
        ];
  const extra = Object.entries(setup.needs.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name] of extra)
    if (!envName.test(name)) throw new Error(`env: '${name}' is not a variable name`);
  return [...base, ...extra];
}

/** GameMode and MangoHud are looked up when the game starts, so installing them later takes effect. */
export const optionalWrappers = ['mangohud', 'gamemoderun'] as const;

export function launcherScript(setup: GameSetup, exe: string): string {
  const runner = setup.runner === 'umu' ? 'umu-run' : 'wine';
  return [
    '#!/bin/sh',
    `# ${setup.name.replace(/[\r\n]+/g, ' ')}: written by \`nix-mox game\`; run it again to change this file.`,
    ...launcherEnv(setup).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    `cd ${shellQuote(dirname(exe))} || exit 1`,
    `set -- ${runner} ${shellQuote(exe)} "$@"`,
    ...optionalWrappers.map((w) => `if command -v ${w} >/dev/null 2>&1; then set -- ${w} "$@"; fi`),
    'exec "$@"',
    '',
  ].join('\n');
}
