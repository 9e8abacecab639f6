// A Proxmox cluster as one fleet: `pvecm status` read, `/cluster/resources` and `/cluster/backup` parsed, guests on
// every node, backup jobs cluster-wide with what each covers and what nothing backs up; and the probe against the
// pvecm and pvesh shims, clustered and standalone.
import { afterEach, describe, expect, it } from 'vitest';
import { buildFleet, fleetSummary } from '../../src/fleet/model';
import { probeFleet } from '../../src/fleet/probe';
import { parsePvecmStatus } from '../../src/fleet/pvecm';
import { parseBackupJobs, parseClusterResources } from '../../src/fleet/resources';
import { createHost } from '../../src/host/host';
import { makeShimEnv } from '../helpers/shim-env';
import { sharedAvailable } from '../helpers/shared';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

// The layout of the Proxmox VE admin guide's "pvecm status" example, for a three-node cluster.
const PVECM_STATUS = `Cluster information
-------------------
Name:             homelab
Config Version:   3
Transport:        knet
Secure auth:      on

Quorum information
------------------
Date:             Wed May 20 04:00:00 2026
Quorum provider:  corosync_votequorum
Nodes:            3
Node ID:          0x00000001
Ring ID:          1.f
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   3
Highest expected: 3
Total votes:      3
Quorum:           2  
Flags:            Quorate 

Membership information
----------------------
    Nodeid      Votes Name
0x00000001          1 192.168.1.10 (local)
0x00000002          1 192.168.1.11
0x00000003          1 192.168.1.12
`;

const RESOURCES = JSON.stringify([
  {
    id: 'node/pve1',
    type: 'node',
    node: 'pve1',
    status: 'online',
    cpu: 0.05,
    maxcpu: 32,
    mem: 8e9,
    maxmem: 137438953472,
    uptime: 86400,
    level: '',
  },
  {
    id: 'node/pve2',
    type: 'node',
    node: 'pve2',
    status: 'online',
    cpu: 0.02,
    maxcpu: 16,
    mem: 4e9,
    maxmem: 68719476736,
    uptime: 3600,
    level: '',
  },
  { id: 'node/pve3', type: 'node', node: 'pve3', status: 'offline' },
  {
    id: 'lxc/100',
    type: 'lxc',
    vmid: 100,
    name: 'nixos-lxc',
    node: 'pve1',
    status: 'running',
    template: 0,
    maxmem: 2147483648,
  },
  { id: 'qemu/101', type: 'qemu', vmid: 101, name: 'windows', node: 'pve1', status: 'running', template: 0 },
  { id: 'qemu/102', type: 'qemu', vmid: 102, name: 'nixos-vm', node: 'pve2', status: 'stopped', template: 0 },
  {
    id: 'qemu/9000',
    type: 'qemu',
    vmid: 9000,
    name: 'nixos-template',
    node: 'pve2',
    status: 'stopped',
    template: 1,
  },
  {
    id: 'storage/pve1/local-zfs',
    type: 'storage',
    storage: 'local-zfs',
    node: 'pve1',
    status: 'available',
    plugintype: 'zfspool',
    shared: 0,
    disk: 1e11,
    maxdisk: 1.9e12,
  },
  { id: 'sdn/pve1/localnetwork', type: 'sdn', sdn: 'localnetwork', node: 'pve1', status: 'ok' },
]);

const JOBS = JSON.stringify([
  {
    id: 'backup-8d2c5e6f-1a2b',
    type: 'vzdump',
    enabled: 1,
    schedule: '03:00',
    storage: 'pbs',
    all: 1,
    exclude: '101',
    mode: 'snapshot',
  },
  {
    id: 'backup-windows',
    type: 'vzdump',
    enabled: 0,
    schedule: 'sun 01:00',
    storage: 'pbs',
    vmid: '101,105',
    mode: 'stop',
  },
]);

describe('reading the cluster', () => {
  it('parses pvecm status: name, quorum, votes and members', () => {
    expect(parsePvecmStatus(PVECM_STATUS)).toEqual({
      name: 'homelab',
      configVersion: 3,
      nodes: 3,
      quorate: true,
      expectedVotes: 3,
      totalVotes: 3,
      members: [
        { nodeid: 1, votes: 1, address: '192.168.1.10', local: true },
        { nodeid: 2, votes: 1, address: '192.168.1.11', local: false },
        { nodeid: 3, votes: 1, address: '192.168.1.12', local: false },
      ],
    });
    expect(parsePvecmStatus('')).toBeNull();
  });

  it('sorts the resources into nodes, guests (templates marked) and storages, skipping other types', () => {
    const r = parseClusterResources(RESOURCES);
    expect(r.nodes.map((x) => [x.node, x.online])).toEqual([
      ['pve1', true],
      ['pve2', true],
      ['pve3', false],
    ]);
    expect(
      r.guests.map((g) => `${g.kind}/${g.vmid}@${g.node}:${g.status}${g.template ? ':template' : ''}`),
    ).toEqual([
      'lxc/100@pve1:running',
      'qemu/101@pve1:running',
      'qemu/102@pve2:stopped',
      'qemu/9000@pve2:stopped:template',
    ]);
    expect(r.storages).toEqual([
      { storage: 'local-zfs', node: 'pve1', type: 'zfspool', shared: false, used: 1e11, total: 1.9e12 },
    ]);
    expect(parseClusterResources('garbage')).toEqual({ nodes: [], guests: [], storages: [] });
  });

  it('builds one fleet: guests per node, what each backup job covers, and what nothing backs up', () => {
    const fleet = buildFleet({
      status: parsePvecmStatus(PVECM_STATUS),
      resources: parseClusterResources(RESOURCES),
      jobs: parseBackupJobs(JOBS),
      localNode: 'pve1',
    });
    expect(fleet.nodes.map((x) => [x.name, x.local, x.guests.map((g) => g.vmid)])).toEqual([
      ['pve1', true, [100, 101]],
      ['pve2', false, [102, 9000]],
      ['pve3', false, []],
    ]);
    const [all, win] = fleet.jobs;
    expect(all!.covers.map((g) => g.vmid)).toEqual([100, 102]);
    expect(win).toMatchObject({ enabled: false, missing: [105] });
    expect(win!.covers.map((g) => g.vmid)).toEqual([101]);
    // The Windows VM is only in a disabled job: nothing backs it up. The template is not counted.
    expect(fleet.unprotected.map((g) => g.name)).toEqual(['windows']);
    expect(fleetSummary(fleet)).toBe(
      'cluster homelab: 2/3 nodes online, 4 guests, 2 backup jobs (1 not in any backup job)',
    );
  });
});

describe.skipIf(!sharedAvailable())('probing the fleet through the shims', () => {
  it('reads a cluster through pvecm and pvesh, and a single node without a cluster', async () => {
    const shim = makeShimEnv({
      state: {
        platform: {
          node: 'pve1',
          cluster: {
            name: 'homelab',
            nodes: [
              { name: 'pve1', ip: '192.168.1.10', local: true },
              { name: 'pve2', ip: '192.168.1.11' },
            ],
          },
        },
        guests: [
          {
            vmid: 100,
            kind: 'lxc',
            name: 'nixos-lxc',
            status: 'running',
            node: 'pve1',
            config: { rootfs: 'local:8' },
          },
          {
            vmid: 102,
            kind: 'qemu',
            name: 'nixos-vm',
            status: 'running',
            node: 'pve2',
            config: { scsi0: 'local:32' },
          },
        ],
        'backup-jobs': [
          {
            id: 'backup-nightly',
            type: 'vzdump',
            enabled: 1,
            schedule: '03:00',
            storage: 'local',
            vmid: '100',
            mode: 'snapshot',
          },
        ],
      },
    });
    cleanups.push(shim.cleanup);
    const host = createHost('/', { ...process.env, ...shim.env, TZ: 'UTC' });
    const { fleet, problems } = await probeFleet(host, 'pve1');
    expect(problems).toEqual([]);
    expect(fleet!.cluster).toMatchObject({ name: 'homelab', quorate: true, nodes: 2 });
    expect(fleet!.nodes.map((x) => [x.name, x.guests.map((g) => g.name)])).toEqual([
      ['pve1', ['nixos-lxc']],
      ['pve2', ['nixos-vm']],
    ]);
    expect(fleet!.unprotected.map((g) => g.vmid)).toEqual([102]);
    expect(shim.calls().map((c) => [c.cmd, ...c.argv].join(' '))).toEqual([
      'pvecm status',
      'pvesh get /cluster/resources --output-format json',
      'pvesh get /cluster/backup --output-format json',
    ]);

    shim.writeState('platform', { node: 'pve1', cluster: null });
    const single = await probeFleet(host, 'pve1');
    expect(single.problems).toEqual([]);
    expect(single.fleet!.cluster).toBeNull();
    expect(fleetSummary(single.fleet!)).toMatch(/^single node, 2 guests, 1 backup job/);
  });
});
