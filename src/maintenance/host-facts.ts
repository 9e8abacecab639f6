// What `nix-mox update` needs to know about this machine when neither flags nor answers say what to update.
import { accessSync, constants, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { delimiter, join } from 'node:path';
import type { HostFacts } from './resolve';

export function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

export function hostFacts(root: string, env: NodeJS.ProcessEnv): HostFacts {
  return {
    proxmox: onPath('pveversion', env),
    nixos: existsSync(join(root, 'etc/NIXOS')),
    hostname: hostname().split('.')[0] ?? 'nixos',
  };
}
