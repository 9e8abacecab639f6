// Reads what is on the machine now, under a root (`/`, or --root): the current content of every path the
// FileSet names (null when absent), and the few inputs generate() needs from the machine itself.
import { readFileSync } from 'node:fs';
import type { Answers } from '../answers/schema';
import { readCurrentFile, underRoot } from '../files/write-set';
import type { GenerateInputs } from '../generate/index';
import { nixosMachines } from '../generate/machines';
import { FLAKE_DIR, STATE_FILE } from '../generate/paths';
import type { FileSet } from '../generate/types';
import type { HostReport } from '../host/types';

export function readCurrent(root: string, files: FileSet): Map<string, string | null> {
  const current = new Map<string, string | null>();
  for (const f of files) current.set(f.path, readCurrentFile(root, f.path));
  if (!current.has(STATE_FILE)) current.set(STATE_FILE, readCurrentFile(root, STATE_FILE));
  return current;
}

const STATE_VERSION_LINE = /^\s*system\.stateVersion\s*=\s*"(\d{2}\.\d{2})"\s*;/m;

/** `system.stateVersion = "xx.yy";` in a NixOS file (a plain value, not a default). */
export function stateVersionIn(text: string | null): string | null {
  return text === null ? null : (STATE_VERSION_LINE.exec(text)?.[1] ?? null);
}

/** /etc/hostid holds the host id as 4 bytes in the machine's (little-endian) byte order. */
export function hostIdFrom(bytes: Buffer | null): string | null {
  if (bytes?.length !== 4) return null;
  return bytes.readUInt32LE(0).toString(16).padStart(8, '0');
}

function readBytes(root: string, path: string): Buffer | null {
  try {
    return readFileSync(underRoot(root, path));
  } catch {
    return null;
  }
}

/** Public keys, existing stateVersions and the ZFS host id, read under `root`. Unreadable keys are left out
 * (generate() then names the answers field that points at them). */
export function readGenerateInputs(root: string, answers: Answers, report: HostReport): GenerateInputs {
  const publicKeys: Record<string, string> = {};
  for (const path of answers.machine.sshKeyFiles) {
    const text = readCurrentFile(root, path);
    if (text !== null) publicKeys[path] = text;
  }
  const stateVersions: Record<string, string> = {};
  for (const m of nixosMachines(answers, report)) {
    const own = stateVersionIn(readCurrentFile(root, `${FLAKE_DIR}/hosts/${m.name}/default.nix`));
    const system =
      m.kind === 'metal' ? stateVersionIn(readCurrentFile(root, '/etc/nixos/configuration.nix')) : null;
    const found = own ?? system;
    if (found) stateVersions[m.name] = found;
  }
  const hostId = answers.machine.role === 'nixos' ? hostIdFrom(readBytes(root, '/etc/hostid')) : null;
  return { publicKeys, stateVersions, hostId };
}
