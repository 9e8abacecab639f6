// Loads a network fixture host (test/fixtures/network/<name>): its interfaces files under root/, and the
// `ip -j -d link` / `ip -j addr` captures, as the NetworkCurrent the probe would return.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIpJson } from '../../src/network/ip-json';
import { readInterfacesFiles } from '../../src/network/probe';
import type { NetworkCurrent } from '../../src/network/types';
import { repoRoot } from '../helpers/shared';

export const FIXTURE_HOSTS = ['fresh', 'with-vmbr1', 'bond', 'sources-dir'] as const;
export type FixtureHost = (typeof FIXTURE_HOSTS)[number];

export const fixtureDir = (name: FixtureHost): string => join(repoRoot, 'test', 'fixtures', 'network', name);

/** The session each fixture host is reached by (SSH_CONNECTION's client and server). */
export const SSH: Record<FixtureHost, { client: string; server: string }> = {
  fresh: { client: '192.168.1.50', server: '192.168.1.10' },
  'with-vmbr1': { client: '192.168.1.50', server: '192.168.1.20' },
  bond: { client: '10.0.0.99', server: '10.0.0.5' },
  'sources-dir': { client: '192.168.10.2', server: '192.168.10.37' },
};

export function ipCaptures(name: FixtureHost): { link: string; addr: string } {
  return {
    link: readFileSync(join(fixtureDir(name), 'ip-link.json'), 'utf8'),
    addr: readFileSync(join(fixtureDir(name), 'ip-addr.json'), 'utf8'),
  };
}

export function loadHost(name: FixtureHost, opts: { ssh?: boolean } = {}): NetworkCurrent {
  const { files } = readInterfacesFiles(join(fixtureDir(name), 'root'));
  const ip = ipCaptures(name);
  const ssh = opts.ssh === false ? null : SSH[name];
  return {
    files,
    links: parseIpJson(ip.link, ip.addr),
    sshServerAddress: ssh?.server ?? null,
    sshClientAddress: ssh?.client ?? null,
  };
}
