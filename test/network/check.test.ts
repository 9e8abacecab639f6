// Answers checked against the host: each problem names its answers field.
import { describe, expect, it } from 'vitest';
import type { Answers, BridgeConfig } from '../../src/answers/schema';
import { checkNetworkAnswers, NetworkAnswerError } from '../../src/network/check';
import { generateNetworkFiles } from '../../src/network/generate';
import { buildNetworkView } from '../../src/network/topology';
import type { NetworkCurrent } from '../../src/network/types';
import { sampleAnswers } from '../helpers/sample';
import { loadHost } from './fixtures';

const off: BridgeConfig = { enabled: false, port: null, address: 'manual', cidr: null, gateway: null };
function answers(vmbr1: Partial<BridgeConfig> | null, vmbr2: Partial<BridgeConfig> | null = null): Answers {
  const a = sampleAnswers();
  const on = (c: Partial<BridgeConfig> | null): BridgeConfig => (c ? { ...off, enabled: true, ...c } : off);
  return { ...a, network: { vmbr1: on(vmbr1), vmbr2: on(vmbr2) } };
}
const problems = (a: Answers, host: NetworkCurrent = loadHost('fresh')) =>
  checkNetworkAnswers(a, buildNetworkView(host))
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.field}: ${p.message}`);

describe('checkNetworkAnswers', () => {
  it('accepts a free port and a host-only bridge', () => {
    expect(
      problems(answers({ port: 'enp6s0' }, { port: null, address: 'static', cidr: '10.10.10.1/24' })),
    ).toEqual([]);
  });

  it('refuses the port that carries the SSH session, saying why', () => {
    expect(problems(answers({ port: 'enp5s0' }))).toEqual([
      'network.vmbr1.port: enp5s0 carries your SSH session (192.168.1.50 → 192.168.1.10 on vmbr0); moving it would cut this connection',
    ]);
  });

  it('refuses ports that do not exist, belong to another bridge or a bond, or are given twice', () => {
    expect(problems(answers({ port: 'eth9' }))[0]).toMatch(
      /^network\.vmbr1\.port: no usable port named "eth9"/,
    );
    expect(problems(answers({ port: 'enp5s0' }), loadHost('fresh', { ssh: false }))).toEqual([
      'network.vmbr1.port: enp5s0 is the port of vmbr0',
    ]);
    expect(problems(answers({ port: 'eno2' }), loadHost('bond', { ssh: false }))).toEqual([
      'network.vmbr1.port: eno2 is a member of bond0',
    ]);
    expect(problems(answers({ port: 'enp6s0' }, { port: 'enp6s0' }))).toEqual([
      "network.vmbr2.port: enp6s0 is already vmbr1's port; a port joins one bridge only",
    ]);
  });

  it('checks static addresses: required, well-formed, not a network address, no overlap', () => {
    expect(problems(answers({ address: 'static' }))).toEqual([
      'network.vmbr1.cidr: required for a static address, e.g. 10.10.10.1/24',
    ]);
    expect(problems(answers({ address: 'static', cidr: '10.0.0.300/24' }))[0]).toMatch(
      /^network\.vmbr1\.cidr: expected an address with a prefix length/,
    );
    expect(problems(answers({ address: 'static', cidr: '10.1.0.0/24' }))).toEqual([
      'network.vmbr1.cidr: 10.1.0.0/24 is the network or broadcast address of its subnet',
    ]);
    expect(problems(answers({ address: 'static', cidr: '192.168.1.77/24' }))).toEqual([
      "network.vmbr1.cidr: 192.168.1.77/24 overlaps vmbr0's 192.168.1.10/24; pick another subnet",
    ]);
    expect(
      problems(
        answers({ address: 'static', cidr: '10.5.0.1/16' }, { address: 'static', cidr: '10.5.9.1/24' }),
      ),
    ).toEqual(["network.vmbr2.cidr: 10.5.9.1/24 overlaps vmbr1's 10.5.0.1/16"]);
    expect(problems(answers({ address: 'static', cidr: '2001:db8:1::1/64' }))).toEqual([]);
  });

  it('refuses a gateway outside the subnet and a second default gateway', () => {
    expect(problems(answers({ address: 'static', cidr: '10.9.0.1/24', gateway: '10.8.0.1' }))).toEqual([
      'network.vmbr1.gateway: 10.8.0.1 is not inside 10.9.0.1/24',
      'network.vmbr1.gateway: vmbr0 already has the default gateway 192.168.1.1; a second default route breaks routing. Leave it empty',
    ]);
  });

  it('refuses a cidr or gateway with the manual address mode', () => {
    expect(problems(answers({ address: 'manual', cidr: '10.9.0.1/24' }))).toEqual([
      'network.vmbr1.cidr: only for a static address; clear it or choose static',
    ]);
  });

  it('leaves a bridge the user defined alone, whatever the answers say', () => {
    expect(problems(answers({ port: 'eno1' }), loadHost('with-vmbr1', { ssh: false }))).toEqual([]);
  });

  it('refuses to change a bridge of ours that carries the SSH session', () => {
    const host = loadHost('fresh');
    host.files[0]!.content +=
      '\n# BEGIN nix-mox bridges\nauto vmbr2\niface vmbr2 inet static\n\taddress 10.10.10.1/24\n\tbridge-ports none\n# END nix-mox bridges\n';
    const links = host.links.concat({
      name: 'vmbr2',
      index: 20,
      flags: ['UP'],
      operstate: 'UP',
      linkType: 'ether',
      mac: null,
      master: null,
      kind: 'bridge',
      parentBus: null,
      addresses: [{ family: 'inet', local: '10.10.10.1', prefixlen: 24, scope: 'global' }],
    });
    const viaVmbr2 = { ...host, links, sshServerAddress: '10.10.10.1', sshClientAddress: '10.10.10.2' };
    expect(problems(answers(null, { address: 'static', cidr: '10.10.10.1/24' }), viaVmbr2)).toEqual([]);
    expect(problems(answers(null, { address: 'static', cidr: '10.10.20.1/24' }), viaVmbr2)[0]).toMatch(
      /^network\.vmbr2: vmbr2 carries your SSH session/,
    );
    expect(problems(answers(null, null), viaVmbr2)[0]).toMatch(
      /^network\.vmbr2: vmbr2 carries your SSH session/,
    );
  });

  it('warns when an enabled guest uses a bridge that will not exist', () => {
    const warnings = checkNetworkAnswers(answers(null), buildNetworkView(loadHost('fresh'))).filter(
      (p) => p.severity === 'warning',
    );
    expect(warnings).toEqual([
      {
        field: 'guests.windowsVm.bridge',
        message: 'vmbr1 will not exist; turn it on here or pick another bridge for that guest',
        severity: 'warning',
      },
    ]);
    const other = answers({ port: 'enp6s0' });
    other.guests.nixosVm = { ...other.guests.nixosVm, bridge: 'vmbr7' };
    expect(
      checkNetworkAnswers(other, buildNetworkView(loadHost('fresh'))).map((p) => `${p.field}: ${p.message}`),
    ).toEqual(['guests.nixosVm.bridge: vmbr7 will not exist; pick another bridge for that guest']);
  });
});

describe('generateNetworkFiles at the edge', () => {
  it('throws NetworkAnswerError naming each bad field, and writes nothing', () => {
    let error: unknown;
    try {
      generateNetworkFiles(answers({ port: 'enp5s0' }, { address: 'static' }), loadHost('fresh'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NetworkAnswerError);
    expect((error as NetworkAnswerError).problems.map((p) => p.field)).toEqual([
      'network.vmbr1.port',
      'network.vmbr2.cidr',
    ]);
  });

  it('refuses a file whose block has no END line', () => {
    const host = loadHost('fresh');
    host.files[0]!.content += '# BEGIN nix-mox bridges\nauto vmbr1\n';
    expect(() => generateNetworkFiles(answers({ port: 'enp6s0' }), host)).toThrow(
      /without "# END nix-mox bridges"/,
    );
  });
});
