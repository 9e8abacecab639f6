// probeNetwork on a staged root with the ip shim: files followed through source lines, links from the real
// JSON formats, the SSH session from the environment; failures become problems, never exceptions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host';
import { probeNetwork } from '../../src/network/probe';
import { fixtureDir, ipCaptures } from './fixtures';
import { SHIMS } from './script-env';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function shimEnv(seed: { link: unknown; addr: unknown }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const state = mkdtempSync(join(tmpdir(), 'nix-mox-net-probe-'));
  dirs.push(state);
  writeFileSync(join(state, 'ip.json'), JSON.stringify(seed));
  return {
    ...process.env,
    PATH: `${SHIMS}:${process.env['PATH']}`,
    NIX_MOX_SHIM_STATE: state,
    NIX_MOX_SHIM_LOG: join(state, 'log'),
    ...extra,
  };
}

describe('probeNetwork', () => {
  it('reads the files, the links and the SSH session of a host', async () => {
    const ip = ipCaptures('sources-dir');
    const env = shimEnv(
      { link: JSON.parse(ip.link), addr: JSON.parse(ip.addr) },
      { SSH_CONNECTION: '192.168.10.2 50022 192.168.10.37 22' },
    );
    const net = await probeNetwork(createHost(join(fixtureDir('sources-dir'), 'root'), env), env);
    expect(net.problems).toEqual([]);
    expect(net.files.map((f) => f.path)).toEqual([
      '/etc/network/interfaces',
      '/etc/network/interfaces.d/storage',
    ]);
    expect(net.links.find((l) => l.name === 'vmbr0')).toMatchObject({
      kind: 'bridge',
      addresses: [expect.objectContaining({ local: '192.168.10.37' }), expect.anything()],
    });
    expect(net.links.find((l) => l.name === 'nic0')).toMatchObject({ master: 'vmbr0', parentBus: 'pci' });
    expect(net).toMatchObject({ sshServerAddress: '192.168.10.37', sshClientAddress: '192.168.10.2' });
  });

  it('turns a failing ip and a missing interfaces file into problems', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nix-mox-net-empty-'));
    dirs.push(empty);
    const env = shimEnv({ link: [], addr: [] });
    writeFileSync(
      join(env['NIX_MOX_SHIM_STATE']!, 'fail.json'),
      JSON.stringify({ ip: { code: 1, stderr: 'Cannot open netlink socket: Permission denied\n' } }),
    );
    const net = await probeNetwork(createHost(empty, env), env);
    expect(net.links).toEqual([]);
    expect(net.problems).toEqual([
      '/etc/network/interfaces: does not exist (is this a Proxmox host with ifupdown2?)',
      'ip -j: Cannot open netlink socket: Permission denied',
    ]);
  });
});

describe('the ip shim', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv) => {
    try {
      return {
        out: execFileSync('ip', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
        code: 0,
        err: '',
      };
    } catch (e) {
      const x = e as { status: number; stderr: string; stdout: string };
      return { out: x.stdout, code: x.status, err: x.stderr };
    }
  };
  const ip = ipCaptures('fresh');
  const env = () => shimEnv({ link: JSON.parse(ip.link), addr: JSON.parse(ip.addr) });

  it('prints link details only with -d, as iproute2 does', () => {
    const e = env();
    const plain = JSON.parse(run(['-j', 'link', 'show'], e).out) as Record<string, unknown>[];
    const detailed = JSON.parse(run(['-j', '-d', 'link', 'show'], e).out) as Record<string, unknown>[];
    expect(plain[3]!['linkinfo']).toBeUndefined();
    expect(detailed[3]!['linkinfo']).toMatchObject({ info_kind: 'bridge' });
    expect(plain[1]!['master']).toBe('vmbr0');
  });

  it("rejects what ip rejects, with ip's messages and exit codes", () => {
    const e = env();
    expect(run(['-j', 'foo'], e)).toMatchObject({
      code: 1,
      err: 'Object "foo" is unknown, try "ip help".\n',
    });
    expect(run(['-x', 'addr'], e)).toMatchObject({
      code: 255,
      err: 'Option "-x" is unknown, try "ip -help".\n',
    });
    expect(run(['-j', 'link', 'shw'], e)).toMatchObject({
      code: 255,
      err: 'Command "shw" is unknown, try "ip link help".\n',
    });
    expect(run(['-j', 'addr', 'show', 'dev', 'nope'], e)).toMatchObject({
      code: 1,
      err: 'Device "nope" does not exist.\n',
    });
  });
});
