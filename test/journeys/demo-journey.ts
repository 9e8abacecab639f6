// The demo host as the journeys use it: `npm run demo`'s environment (test/helpers/demo.mjs: a fresh copy of the
// machine's files, the shims first on PATH, systemd finding the units an apply stages under that copy,
// throw-away XDG dirs), plus reading back what the run did: the shim-recorded commands and the written files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoEnv } from '../helpers/demo.mjs';
import { apiSchemaFile } from '../shims/lib/pve-api.mjs';
import { bundlePath } from '../helpers/tmux';

/**
 * The demo's Proxmox stand-ins check every call against the Proxmox VE API schema: $NIX_MOX_PVE_API,
 * ../shared/proxmox-api/apidata.json, or the slim copy bundled in test/shims/data. A journey runs when that file
 * is there, and otherwise skips saying why (CI fails instead: it must have it).
 */
export function proxmoxApiAvailable(): boolean {
  const file = apiSchemaFile();
  if (existsSync(file)) return true;
  if (process.env['NIX_MOX_IN_CI'] === '1')
    throw new Error(`the Proxmox VE API schema is missing at ${file}`);
  console.warn(
    `[skip] no Proxmox VE API schema at ${file} (set NIX_MOX_PVE_API): the demo-host journeys skip`,
  );
  return false;
}

export interface ShimCall {
  cmd: string;
  argv: string[];
}

export interface DemoJourney {
  /** Environment for the program: PATH with the shims, shim state and log, XDG dirs. */
  env: Record<string, string>;
  /** This run's copy of the demo machine: pass it as --root; an apply writes below it. */
  root: string;
  /** The shim-recorded commands so far, in order. */
  calls(): ShimCall[];
  /** `node dist/nix-mox.js ARGS --root ROOT`, quoted for the tmux shell. */
  command(...args: string[]): string;
  /** A file the apply wrote, read from the root copy. */
  read(path: string): string;
  cleanup(): void;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function demoJourney(): DemoJourney {
  const demo = demoEnv();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(demo.env)) if (typeof v === 'string') env[k] = v;
  const log = env['NIX_MOX_SHIM_LOG']!;
  return {
    env,
    root: demo.root,
    calls() {
      let text = '';
      try {
        text = readFileSync(log, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const { cmd, argv } = JSON.parse(l) as ShimCall;
          return { cmd, argv };
        });
    },
    command: (...args) =>
      ['node', quote(bundlePath), ...args.map(quote), '--root', quote(demo.root)].join(' '),
    read: (path) => readFileSync(join(demo.root, path), 'utf8'),
    cleanup: demo.cleanup,
  };
}

/** A call as one line, for readable assertions: "zpool create -o ashift=12 tank …". */
export const callLine = (c: ShimCall): string => [c.cmd, ...c.argv].join(' ');

/** The environment a tmux pane needs to run the program as `npm run demo` would. */
export function paneEnv(j: DemoJourney): Record<string, string> {
  const keys = ['PATH', 'NIX_MOX_SHIM_STATE', 'NIX_MOX_SHIM_LOG', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'];
  // A tmux server that is already running keeps its own environment: pass the schema's location along.
  if (j.env['NIX_MOX_PVE_API']) keys.push('NIX_MOX_PVE_API');
  return Object.fromEntries(keys.map((k) => [k, j.env[k]!]));
}
