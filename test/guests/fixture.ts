// A Proxmox host with NixOS guests for the update tests: shim state (guests on ZFS, the guest agent, the NixOS
// guest model) and the targets nix-mox would probe for them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuestTarget, Transport, UpdateSettings } from '../../src/guests/types';
import { PROGRESS_SCRIPT, UPDATE_SCRIPT, powershellArgv } from '../../src/windows/script';
import { repoRoot } from '../helpers/shared';
import { type ShimCall, makeShimEnv } from '../helpers/shim-env';

export const demoHost = join(repoRoot, 'test/fixtures/demo-host');

export interface GuestSpec {
  name: string;
  vmid: number;
  kind: 'lxc' | 'vm';
  /** How nix-mox reaches it (lxc: pct; vm: ssh by default). */
  via?: 'pct' | 'ssh' | 'agent';
  address?: string;
  failedUnits?: string[];
  faults?: Record<string, unknown>;
  updates?: Record<string, unknown>;
}

export const dataset = (g: GuestSpec) => `rpool/data/${g.kind === 'lxc' ? 'subvol' : 'vm'}-${g.vmid}-disk-0`;

export function hostState(specs: GuestSpec[]): Record<string, unknown> {
  return {
    storage: [
      { id: 'local', type: 'dir', path: '/var/lib/vz', content: 'iso,vztmpl,backup' },
      { id: 'local-zfs', type: 'zfspool', pool: 'rpool/data', content: 'images,rootdir' },
    ],
    zfs: {
      pools: [
        {
          name: 'rpool',
          health: 'ONLINE',
          sizeBytes: 1990000000000,
          allocBytes: 100000000000,
          layout: 'mirror',
          disks: [],
        },
      ],
      datasets: [
        { name: 'rpool', properties: { mountpoint: '/rpool' } },
        { name: 'rpool/data', properties: { mountpoint: '/rpool/data' } },
        ...specs.map((g) =>
          g.kind === 'lxc'
            ? { name: dataset(g), properties: { mountpoint: `/${dataset(g)}`, refquota: 8 * 2 ** 30 } }
            : { name: dataset(g), properties: { type: 'volume', volsize: 32 * 2 ** 30 } },
        ),
      ],
      snapshots: [],
    },
    guests: specs.map((g) => ({
      vmid: g.vmid,
      kind: g.kind === 'lxc' ? 'lxc' : 'qemu',
      name: g.name,
      status: 'running',
      node: 'pve',
      config:
        g.kind === 'lxc'
          ? {
              hostname: g.name,
              ostype: 'nixos',
              rootfs: `local-zfs:subvol-${g.vmid}-disk-0,size=8G`,
              unprivileged: '1',
            }
          : { name: g.name, agent: '1', scsi0: `local-zfs:vm-${g.vmid}-disk-0,size=32G`, ostype: 'l26' },
    })),
    agent: Object.fromEntries(specs.map((g) => [String(g.vmid), { running: true, nixos: g.name }])),
    'nixos-guests': Object.fromEntries(
      specs.map((g) => [
        g.name,
        {
          vmid: g.vmid,
          addresses: [g.address ?? g.name],
          datasets: [dataset(g)],
          generations: [
            { id: 40, failedUnits: g.failedUnits ?? [] },
            { id: 41, failedUnits: g.failedUnits ?? [] },
          ],
          current: 41,
          ...(g.faults ? { faults: g.faults } : {}),
          updates: g.updates ?? {
            nixpkgs: {
              from: 'github:NixOS/nixpkgs/1f0b2c3',
              fromDate: '2026-05-01',
              to: 'github:NixOS/nixpkgs/9a8b7c6',
              toDate: '2026-05-20',
            },
          },
        },
      ]),
    ),
  };
}

export function targetOf(g: GuestSpec): GuestTarget {
  const via = g.via ?? (g.kind === 'lxc' ? 'pct' : 'ssh');
  const transport: Transport =
    via === 'pct'
      ? { kind: 'pct', vmid: g.vmid }
      : via === 'ssh'
        ? { kind: 'ssh', destination: `root@${g.address ?? g.name}` }
        : { kind: 'agent', vmid: g.vmid, node: 'localhost' };
  return { name: g.name, vmid: g.vmid, kind: g.kind, transport, datasets: [dataset(g)] };
}

export function setup(specs: GuestSpec[]) {
  const shim = makeShimEnv({ state: hostState(specs) });
  const flakeDir = join(shim.dir, 'flake');
  mkdirSync(join(flakeDir, 'hosts'), { recursive: true });
  writeFileSync(join(flakeDir, 'flake.nix'), '{ outputs = { self }: { }; }\n');
  const settings: UpdateSettings = {
    hostFlakeDir: flakeDir,
    guestFlakeDir: '/etc/nix-mox/flake',
    inputs: 'update',
    snapshotKeep: 3,
    now: new Date('2026-05-20T04:00:00Z'),
    workDir: mkdtempSync(join(tmpdir(), 'nix-mox-work-')),
  };
  const env = { ...shim.env, TZ: 'UTC', NIX_MOX_SHIM_NOW: '2026-05-20T04:00:00Z' };
  return { shim, settings, env, logDir: join(shim.dir, 'logs'), targets: specs.map(targetOf) };
}

/** A call as one readable line: `pct exec 101 -- nixos-rebuild switch ...`. */
export const line = (c: ShimCall) => [c.cmd, ...c.argv].join(' ');

/** The calls that concern one guest: its vmid in pct/qm argv, its address for ssh/scp, its datasets for zfs. */
export function callsFor(calls: ShimCall[], g: GuestSpec): string[] {
  const ds = dataset(g);
  return calls
    .filter((c) => {
      if (c.cmd === 'pct' || c.cmd === 'qm') return c.argv.includes(String(g.vmid));
      if (c.cmd === 'ssh' || c.cmd === 'scp')
        return c.argv.some((a) => a.includes(`@${g.address ?? g.name}`));
      if (c.cmd === 'zfs') return c.argv.some((a) => a.startsWith(ds));
      return false;
    })
    .map(line);
}

/**
 * The demo host (test/fixtures/demo-host) with its three guests running: the NixOS container (100) and VM (102,
 * whose next switch leaves nginx failed) on ZFS, and Windows (101) with its guest agent and one update to install.
 */
export function demoHostWithGuests(): Record<string, unknown> {
  const state = hostState([
    { name: 'nixos-lxc', vmid: 100, kind: 'lxc' },
    {
      name: 'nixos-vm',
      vmid: 102,
      kind: 'vm',
      address: '192.168.1.50',
      faults: { afterSwitch: { failedUnits: ['nginx.service'] } },
    },
  ]);
  const read = (f: string) =>
    JSON.parse(readFileSync(join(demoHost, 'state', `${f}.json`), 'utf8')) as unknown;
  const zfs = read('zfs') as { datasets: { name: string }[] };
  const mine = state['zfs'] as { datasets: { name: string }[] };
  zfs.datasets.push(...mine.datasets.filter((d) => !zfs.datasets.some((x) => x.name === d.name)), {
    name: 'rpool/data/vm-101-disk-0',
  });
  const guests = state['guests'] as unknown[];
  guests.splice(1, 0, {
    vmid: 101,
    kind: 'qemu',
    name: 'windows',
    status: 'running',
    node: 'pve',
    config: { name: 'windows', agent: '1', ostype: 'win11', scsi0: 'local-zfs:vm-101-disk-0,size=128G' },
  });
  const agent = state['agent'] as Record<string, Record<string, unknown>>;
  agent['102']!['results'] = {
    ping: {},
    'network-get-interfaces': [
      {
        name: 'ens18',
        'ip-addresses': [{ 'ip-address-type': 'ipv4', 'ip-address': '192.168.1.50', prefix: 24 }],
      },
    ],
  };
  agent['101'] = {
    running: true,
    results: {
      ping: {},
      'get-osinfo': { id: 'mswindows', name: 'Microsoft Windows', 'pretty-name': 'Windows 11 Pro' },
    },
    commands: [
      {
        argv: powershellArgv(UPDATE_SCRIPT),
        exitcode: 0,
        'out-data': `${JSON.stringify({ found: 1, rebootRequired: true, updates: [{ title: '2026-05 Cumulative Update for Windows 11 (KB5058411)', kb: '5058411', result: 2 }] })}\r\n`,
      },
      {
        argv: powershellArgv(PROGRESS_SCRIPT),
        exitcode: 0,
        'out-data':
          '::step searching for updates\r\nfound 1 update(s)\r\n::progress 1/1 2026-05 Cumulative Update for Windows 11 (KB5058411): result 2\r\n',
      },
    ],
  };
  return { ...state, platform: read('platform'), disks: read('disks'), zfs };
}
