// Parsing what the host says: interfaces(5) stanzas and our block, source lines, SSH_CONNECTION, ip -j JSON.
import { describe, expect, it } from 'vitest';
import {
  ifaces,
  inBlock,
  option,
  parseInterfaces,
  type SourceStanza,
} from '../../src/network/interfaces-parse';
import { parseIpJson } from '../../src/network/ip-json';
import { expandSource, globMatches, sourceReads } from '../../src/network/sources';
import { parseSshConnection, plainAddress, sshInterface } from '../../src/network/ssh';
import { ipCaptures } from './fixtures';

describe('parseInterfaces', () => {
  it('reads iface stanzas with options, normalising underscores as ifupdown2 does', () => {
    const p = parseInterfaces(
      '/x',
      'auto vmbr0\niface vmbr0 inet static\n  address 10.0.0.2/24\n  bridge_ports eno1\n  # a comment\n  bridge_stp off\n',
    );
    const [s] = ifaces(p);
    expect(s).toMatchObject({ name: 'vmbr0', family: 'inet', method: 'static', line: 2 });
    expect(option(s!, 'bridge-ports')).toBe('eno1');
    expect(option(s!, 'bridge-stp')).toBe('off');
    expect(p.stanzas[0]).toEqual({ type: 'auto', names: ['vmbr0'], line: 1 });
  });

  it('joins continuation lines and ends a stanza at the next keyword', () => {
    const p = parseInterfaces(
      '/x',
      'iface bond0 inet manual\n\tbond-slaves eno1 \\\n eno2\nsource-directory /etc/network/interfaces.d\n\taddress 1.2.3.4/24\n',
    );
    const [s] = ifaces(p);
    expect(option(s!, 'bond-slaves')).toBe('eno1  eno2');
    expect(option(s!, 'address')).toBeNull();
    expect(p.stanzas[1]).toEqual({ type: 'source-directory', pattern: '/etc/network/interfaces.d', line: 4 });
  });

  it('finds the marked block and which lines are inside it', () => {
    const text =
      'auto lo\n\n# BEGIN nix-mox bridges (x)\nauto vmbr1\niface vmbr1 inet manual\n# END nix-mox bridges\niface eno1 inet manual\n';
    const p = parseInterfaces('/x', text);
    expect(p.block).toEqual({ begin: 2, end: 5 });
    const [v, e] = ifaces(p);
    expect(inBlock(p, v!.line)).toBe(true);
    expect(inBlock(p, e!.line)).toBe(false);
    expect(p.problems).toEqual([]);
  });

  it('reports a BEGIN without END and a second block', () => {
    expect(parseInterfaces('/x', '# BEGIN nix-mox bridges\nauto vmbr1\n').problems[0]).toMatch(
      /without "# END nix-mox bridges"/,
    );
    const two =
      '# BEGIN nix-mox bridges\n# END nix-mox bridges\n# BEGIN nix-mox bridges\n# END nix-mox bridges\n';
    expect(parseInterfaces('/x', two).problems[0]).toMatch(/second/);
  });
});

describe('source lines', () => {
  const src = (type: SourceStanza['type'], pattern: string): SourceStanza => ({ type, pattern, line: 1 });
  const DROPIN = '/etc/network/interfaces.d/nix-mox';

  it('decide whether /etc/network/interfaces.d/nix-mox is read', () => {
    expect(sourceReads(src('source', '/etc/network/interfaces.d/*'), '/etc/network/interfaces', DROPIN)).toBe(
      true,
    );
    expect(
      sourceReads(src('source-directory', '/etc/network/interfaces.d'), '/etc/network/interfaces', DROPIN),
    ).toBe(true);
    expect(
      sourceReads(src('source-directory', '/etc/network/interfaces.d/'), '/etc/network/interfaces', DROPIN),
    ).toBe(true);
    expect(
      sourceReads(src('source', '/etc/network/interfaces.d/*.cfg'), '/etc/network/interfaces', DROPIN),
    ).toBe(false);
    expect(sourceReads(src('source', 'interfaces.d/*'), '/etc/network/interfaces', DROPIN)).toBe(true);
    expect(sourceReads(src('source', '/etc/network/other/*'), '/etc/network/interfaces', DROPIN)).toBe(false);
  });

  it('follow Python glob: no hidden files, [] classes, ? one character', () => {
    expect(globMatches('/d/*', '/d/.hidden')).toBe(false);
    expect(globMatches('/d/.*', '/d/.hidden')).toBe(true);
    expect(globMatches('/d/[a-c]x', '/d/bx')).toBe(true);
    expect(globMatches('/d/[!a-c]x', '/d/bx')).toBe(false);
    expect(globMatches('/d/?x', '/d/abx')).toBe(false);
  });

  it('expand to the files ifupdown2 reads, sorted; source-directory skips names with dots', () => {
    const list = (dir: string) =>
      dir === '/etc/network/interfaces.d' ? ['zeta', 'alpha', 'nix-mox.conf', '.swp'] : null;
    expect(
      expandSource(src('source', '/etc/network/interfaces.d/*'), '/etc/network/interfaces', list).files,
    ).toEqual([
      '/etc/network/interfaces.d/alpha',
      '/etc/network/interfaces.d/nix-mox.conf',
      '/etc/network/interfaces.d/zeta',
    ]);
    expect(
      expandSource(src('source-directory', '/etc/network/interfaces.d'), '/etc/network/interfaces', list)
        .files,
    ).toEqual(['/etc/network/interfaces.d/alpha', '/etc/network/interfaces.d/zeta']);
    expect(expandSource(src('source', '/etc/*/x'), '/etc/network/interfaces', list).problem).toMatch(
      /wildcards in a directory/,
    );
  });
});

describe('SSH_CONNECTION', () => {
  it('parses client and server, dropping IPv6 zones and the IPv4-mapped prefix', () => {
    expect(parseSshConnection('192.168.1.50 51234 192.168.1.10 22')).toEqual({
      client: '192.168.1.50',
      server: '192.168.1.10',
    });
    expect(parseSshConnection('fe80::1%vmbr0 5 FE80::2%vmbr0 22')).toEqual({
      client: 'fe80::1',
      server: 'fe80::2',
    });
    expect(plainAddress('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(parseSshConnection(undefined)).toBeNull();
    expect(parseSshConnection('garbage')).toBeNull();
  });

  it('finds the interface holding the server address', () => {
    const ip = ipCaptures('fresh');
    const links = parseIpJson(ip.link, ip.addr);
    expect(sshInterface(links, '192.168.1.10')?.name).toBe('vmbr0');
    expect(sshInterface(links, '::ffff:192.168.1.10')?.name).toBe('vmbr0');
    expect(sshInterface(links, '203.0.113.9')).toBeNull();
    expect(sshInterface(links, null)).toBeNull();
  });
});

describe('ip -j JSON', () => {
  it('merges link details and addresses from the real formats', () => {
    const ip = ipCaptures('bond');
    const links = parseIpJson(ip.link, ip.addr);
    expect(links.map((l) => l.name)).toEqual(['lo', 'eno1', 'eno2', 'enp4s0', 'bond0', 'vmbr0']);
    const eno1 = links.find((l) => l.name === 'eno1')!;
    expect(eno1).toMatchObject({ master: 'bond0', kind: null, parentBus: 'pci', linkType: 'ether' });
    expect(links.find((l) => l.name === 'bond0')).toMatchObject({ kind: 'bond', master: 'vmbr0' });
    expect(links.find((l) => l.name === 'vmbr0')!.addresses[0]).toEqual({
      family: 'inet',
      local: '10.0.0.5',
      prefixlen: 24,
      scope: 'global',
    });
  });

  it('rejects output that is not a JSON array, naming the command', () => {
    expect(() => parseIpJson('not json', '[]')).toThrow(/ip -j -d link: not JSON/);
    expect(() => parseIpJson('[]', '{}')).toThrow(/ip -j addr: expected a JSON array/);
  });

  it('keeps links with unknown fields out rather than guessing', () => {
    expect(
      parseIpJson('[{"ifname":"x"},{"ifindex":3,"ifname":"y","link_type":"ether"}]', '[]').map((l) => l.name),
    ).toEqual(['y']);
  });
});
