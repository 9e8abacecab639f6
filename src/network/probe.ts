// Reads the host's network: the interfaces files (following source lines as ifupdown2 does), `ip -j -d link`,
// `ip -j addr`, and SSH_CONNECTION. Every file is read at host.root + path. Never throws: what cannot be read
// becomes a problem the Network screen shows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../host/types';
import { parseInterfaces } from './interfaces-parse';
import { parseIpJson } from './ip-json';
import { expandSource } from './sources';
import { parseSshConnection } from './ssh';
import { type InterfacesFile, type IpLink, MAIN_INTERFACES, type NetworkCurrent } from './types';

export interface ProbedNetwork extends NetworkCurrent {
  problems: string[];
}

const MAX_DEPTH = 8;

export function readInterfacesFiles(root: string): { files: InterfacesFile[]; problems: string[] } {
  const files: InterfacesFile[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const listDir = (dir: string): string[] | null => {
    try {
      return readdirSync(join(root, dir));
    } catch {
      return null;
    }
  };
  const visit = (path: string, depth: number): void => {
    if (seen.has(path)) return;
    seen.add(path);
    let content: string;
    try {
      content = readFileSync(join(root, path), 'utf8');
    } catch (err) {
      if (path === MAIN_INTERFACES) {
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        problems.push(
          `${path}: ${missing ? 'does not exist (is this a Proxmox host with ifupdown2?)' : (err as Error).message}`,
        );
      }
      return;
    }
    files.push({ path, content });
    if (depth >= MAX_DEPTH) {
      problems.push(`${path}: sources nested deeper than ${MAX_DEPTH} are not followed`);
      return;
    }
    const parsed = parseInterfaces(path, content);
    for (const s of parsed.stanzas) {
      if (s.type !== 'source' && s.type !== 'source-directory') continue;
      const { files: sourced, problem } = expandSource(s, path, listDir);
      if (problem) problems.push(problem);
      for (const f of sourced) visit(f, depth + 1);
    }
  };
  visit(MAIN_INTERFACES, 0);
  return { files, problems };
}

async function readLinks(host: Host, problems: string[]): Promise<IpLink[]> {
  const link = await host
    .run('ip', ['-j', '-d', 'link', 'show'])
    .catch((e: Error) => ({ stdout: '', stderr: e.message, code: 127 }));
  const addr = await host
    .run('ip', ['-j', 'addr', 'show'])
    .catch((e: Error) => ({ stdout: '', stderr: e.message, code: 127 }));
  if (link.code !== 0 || addr.code !== 0) {
    problems.push(`ip -j: ${(link.code !== 0 ? link.stderr : addr.stderr).trim() || 'failed'}`);
    return [];
  }
  try {
    return parseIpJson(link.stdout, addr.stdout);
  } catch (err) {
    problems.push((err as Error).message);
    return [];
  }
}

export async function probeNetwork(host: Host, env: NodeJS.ProcessEnv): Promise<ProbedNetwork> {
  const { files, problems } = readInterfacesFiles(host.root);
  const links = await readLinks(host, problems);
  const ssh = parseSshConnection(env['SSH_CONNECTION']);
  return {
    files,
    links,
    sshServerAddress: ssh?.server ?? null,
    sshClientAddress: ssh?.client ?? null,
    problems,
  };
}
