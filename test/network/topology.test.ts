// Which ports and bridges exist, what each bridge uses, and what the SSH session locks.
import { describe, expect, it } from 'vitest';
import { parseIpJson } from '../../src/network/ip-json';
import { bridgeView, buildNetworkView } from '../../src/network/topology';
import { ipCaptures, loadHost } from './fixtures';

const port = (v: ReturnType<typeof buildNetworkView>, name: string) => v.ports.find((p) => p.name === name)!;

describe('buildNetworkView', () => {
  it('shows each bridge with the physical port it uses, not guest taps', () => {
    const v = buildNetworkView(loadHost('with-vmbr1'));
    expect(bridgeView(v, 'vmbr0')).toMatchObject({
      origin: 'config',
      ports: ['eno1'],
      method: 'static',
      addresses: ['192.168.1.20/24'],
    });
    expect(bridgeView(v, 'vmbr1')).toMatchObject({
      origin: 'config',
      ports: ['enp2s0'],
      definedAt: '/etc/network/interfaces:30',
    });
    expect(bridgeView(v, 'vmbr2')).toMatchObject({ origin: 'absent', ports: [] });
    expect(v.ports.map((p) => p.name)).toEqual(['eno1', 'enp2s0', 'enp3s0']);
  });

  it('locks the interface that carries the SSH session and every port under it, with the reason', () => {
    const v = buildNetworkView(loadHost('bond'));
    expect(v.ssh).toMatchObject({ interface: 'vmbr0', client: '10.0.0.99', server: '10.0.0.5' });
    for (const name of ['eno1', 'eno2', 'bond0'])
      expect(port(v, name).locked).toMatch(
        /carries your SSH session \(10\.0\.0\.99 → 10\.0\.0\.5 on vmbr0\)/,
      );
    expect(bridgeView(v, 'vmbr0')!.locked).toMatch(/SSH session/);
    expect(port(v, 'enp4s0').locked).toBeNull();
    expect(port(v, 'eno1').unavailable).toBe('a member of bond0');
    expect(port(v, 'bond0').unavailable).toBe('the port of vmbr0');
  });

  it('locks nothing without an SSH session, and says so when the session address is not on any interface', () => {
    expect(buildNetworkView(loadHost('fresh', { ssh: false })).ports.every((p) => p.locked === null)).toBe(
      true,
    );
    const lost = buildNetworkView({ ...loadHost('fresh'), sshServerAddress: '203.0.113.4' });
    expect(lost.ssh).toBeNull();
    expect(lost.problems).toContain(
      'SSH session to 203.0.113.4: no interface holds that address; nothing is locked',
    );
  });

  it('keeps wireless ports and ports with their own address out, with the reason', () => {
    const v = buildNetworkView(loadHost('sources-dir'));
    expect(port(v, 'wlp1s0').unavailable).toMatch(/wireless/);
    expect(port(v, 'nic2').unavailable).toBe(
      'has its own address 10.99.0.10/24 (/etc/network/interfaces.d/storage:3)',
    );
    expect(port(v, 'nic1').unavailable).toBeNull();
    expect(v.targetPath).toBe('/etc/network/interfaces.d/nix-mox');
  });

  it('lists a bridge that only the kernel knows, and leaves Proxmox firewall bridges out', () => {
    const ip = ipCaptures('fresh');
    const links = JSON.parse(ip.link) as Record<string, unknown>[];
    links.push(
      { ifindex: 9, ifname: 'vmbr9', flags: ['UP'], link_type: 'ether', linkinfo: { info_kind: 'bridge' } },
      {
        ifindex: 10,
        ifname: 'fwbr101i0',
        flags: ['UP'],
        link_type: 'ether',
        linkinfo: { info_kind: 'bridge' },
      },
    );
    const current = { ...loadHost('fresh'), links: parseIpJson(JSON.stringify(links), ip.addr) };
    const names = buildNetworkView(current).bridges.map((b) => b.name);
    expect(names).toEqual(['vmbr0', 'vmbr1', 'vmbr2', 'vmbr9']);
    expect(bridgeView(buildNetworkView(current), 'vmbr9')!.origin).toBe('kernel');
  });

  it('treats a port used by a bridge in our own block as free to choose again', () => {
    const host = loadHost('fresh');
    host.files[0]!.content +=
      '\n# BEGIN nix-mox bridges\nauto vmbr1\niface vmbr1 inet manual\n\tbridge-ports enp6s0\n# END nix-mox bridges\n';
    const v = buildNetworkView(host);
    expect(bridgeView(v, 'vmbr1')!.origin).toBe('nix-mox');
    expect(port(v, 'enp6s0')).toMatchObject({ usedBy: 'vmbr1', unavailable: null });
  });
});
