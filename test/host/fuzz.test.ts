// Acceptance 4: at least 10,000 mutated and truncated inputs per parser; nothing throws, results keep their shape,
// and whole detections over mutated machines are valid v1 reports that say what went wrong.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCpuinfo } from '../../src/host/cpu';
import { detect } from '../../src/host/detect';
import { buildDisks, parseLsblk } from '../../src/host/disks';
import { parsePctList, parseQmList } from '../../src/host/guests';
import { iommuKernelArgs, parseIommuGroups } from '../../src/host/iommu';
import { parseMeminfo } from '../../src/host/memory';
import { parseIpBridges } from '../../src/host/network';
import { findGpus, findUsbControllers } from '../../src/host/passthrough';
import { parseLspci } from '../../src/host/pci';
import { parseBootToolStatus, parseOsRelease, parsePveversion } from '../../src/host/platform';
import { HostReportSchema, PciDeviceSchema } from '../../src/host/report-schema';
import type { Host } from '../../src/host/types';
import { bootPoolFrom, parseZpoolList, parseZpoolStatus } from '../../src/host/zfs';
import { demoHost, demoRoot } from '../helpers/demo.mjs';
import { fixture, hasShared } from '../helpers/shared';

const RUNS = 10_000;

/** mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  '\t',
  '\n',
  ' ',
  ':',
  '[',
  ']',
  '{',
  '}',
  '"',
  ',',
  '0',
  '9',
  'f',
  '.',
  '-',
  '/',
  '\\',
  '\0',
  'é',
  '├─',
  '\r',
  '99999999999999999999',
  'null',
  '-1',
  'NaN',
];

function mutate(text: string, r: () => number): string {
  let s = text;
  const steps = 1 + Math.floor(r() * 4);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const len = Math.floor(r() * 40);
    switch (Math.floor(r() * 8)) {
      case 0:
        s = s.slice(0, at); // truncated output
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + len).repeat(2 + Math.floor(r() * 3)) + s.slice(at);
        break;
      case 3:
        s = s.slice(0, at) + NOISE[Math.floor(r() * NOISE.length)] + s.slice(at);
        break;
      case 4: {
        const lines = s.split('\n');
        const a = Math.floor(r() * lines.length);
        const b = Math.floor(r() * lines.length);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        s = lines.join('\n');
        break;
      }
      case 5:
        s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at + 1);
        break;
      case 6:
        s = s.replace(/\d+/, () => NOISE[Math.floor(r() * NOISE.length)]!);
        break;
      default:
        s = s
          .split('\n')
          .filter(() => r() > 0.1)
          .join('\n');
    }
  }
  return s;
}

function samples(dir: string, fallback: string[]): string[] {
  if (!hasShared) return fallback;
  return readdirSync(fixture(dir)).map((f) => readFileSync(fixture(dir, f), 'utf8'));
}

const demoLspci = readFileSync(join(demoHost, 'data/lspci-nnk-D.txt'), 'utf8');
const demoLsblk = JSON.stringify({
  blockdevices: JSON.parse(readFileSync(join(demoHost, 'data/lsblk.json'), 'utf8')),
});
const cpuinfo = readFileSync(join(demoRoot, 'proc/cpuinfo'), 'utf8').slice(0, 4000);
const meminfo = readFileSync(join(demoRoot, 'proc/meminfo'), 'utf8');
const ADDRESS = /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

function fuzz(seeds: string[], seed: number, check: (input: string) => void) {
  const r = rng(seed);
  for (let i = 0; i < RUNS; i++) {
    const input = mutate(seeds[i % seeds.length]!, r);
    try {
      check(input);
    } catch (err) {
      throw new Error(
        `run ${i} (seed ${seed}) failed on ${JSON.stringify(input.slice(0, 300))}: ${(err as Error).message}`,
      );
    }
  }
}

describe('parsers never throw on mutated input', () => {
  it('lspci', () => {
    fuzz([demoLspci, ...samples('lspci', [])], 1, (input) => {
      const { devices } = parseLspci(input);
      for (const d of devices) {
        if (!ADDRESS.test(d.address)) throw new Error(`bad address ${d.address}`);
        if (!PciDeviceSchema.safeParse(d).success) throw new Error(`bad device ${JSON.stringify(d)}`);
      }
      findGpus(devices, null, new Map());
      findUsbControllers(devices, null);
    });
  });

  it('lsblk JSON and tables', () => {
    const tables = samples('lsblk', []);
    fuzz([demoLsblk, ...tables], 2, (input) => {
      const { nodes } = parseLsblk(input);
      const disks = buildDisks(nodes, { byId: [], zfsMembers: new Map(), bootPool: 'rpool' });
      for (const d of disks) {
        if (!d.path.startsWith('/dev/')) throw new Error(`bad path ${d.path}`);
        if (d.sizeBytes !== null && !(Number.isSafeInteger(d.sizeBytes) && d.sizeBytes >= 0))
          throw new Error('bad size');
      }
    });
  });

  it('cpuinfo and meminfo', () => {
    fuzz([cpuinfo], 3, (input) => {
      const c = parseCpuinfo(input);
      if (c.threads !== null && !(c.threads > 0)) throw new Error('bad threads');
    });
    fuzz([meminfo], 4, (input) => {
      const m = parseMeminfo(input);
      if (m !== null && !(Number.isSafeInteger(m) && m > 0)) throw new Error('bad memory');
    });
  });

  it('IOMMU trees', () => {
    const groupsDir = join(demoRoot, 'sys/kernel/iommu_groups');
    const listing = readdirSync(groupsDir).map(
      (g) => `${g}/${readdirSync(join(groupsDir, g, 'devices')).join(',')}`,
    );
    const tree = listing.join('\n');
    const pci = parseLspci(demoLspci).devices;
    fuzz([tree], 5, (input) => {
      const entries = input.split('\n').map((line) => {
        const [group = '', devices = ''] = line.split('/');
        return { group, devices: devices.split(',') };
      });
      const g = parseIommuGroups(entries);
      for (const [address, n] of g.groupOf) {
        if (!ADDRESS.test(address) || !Number.isInteger(n)) throw new Error(`bad entry ${address} ${n}`);
      }
      for (const gpu of findGpus(pci, g, new Map())) {
        if (gpu.isolated === true && gpu.sharedWith.length > 0) throw new Error('isolated but shared');
      }
      iommuKernelArgs(input);
    });
  });

  it('the Proxmox, ZFS and network tools', () => {
    const zpoolStatus =
      '  pool: rpool\n state: ONLINE\nconfig:\n\n\tNAME  STATE\n\trpool  ONLINE\n\t  mirror-0  ONLINE\n\t    /dev/disk/by-id/nvme-a-part3  ONLINE 0 0 0\n\nerrors: No known data errors\n';
    const qm =
      '      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID       \n       101 windows              running    16384            128.00 4242      \n';
    const pct =
      'VMID       Status     Lock         Name                \n100        running                 nixos-lxc           \n';
    const ip = readFileSync(join(demoHost, 'state/ip.json'), 'utf8');
    fuzz(
      [
        zpoolStatus,
        qm,
        pct,
        ip,
        'rpool\t1992864825344\tONLINE\n',
        'pve-manager/9.1.2/9d436f37a0ac4172 (running kernel: 6.17.2-1-pve)\n',
      ],
      6,
      (input) => {
        parseZpoolList(input);
        parseZpoolStatus(input);
        for (const g of [...parseQmList(input), ...parsePctList(input)]) {
          if (!Number.isSafeInteger(g.vmid)) throw new Error('bad vmid');
        }
        parseIpBridges(input);
        parsePveversion(input);
        parseBootToolStatus(input, 0);
        parseOsRelease(input);
        bootPoolFrom(input, input);
      },
    );
  });
});

describe('whole detections over mutated machines', () => {
  const root = mkdtempSync(join(tmpdir(), 'nix-mox-fuzz-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'proc'), { recursive: true });

  it('are valid v1 reports, with warnings when the input is damaged', async () => {
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      writeFileSync(join(root, 'proc/cpuinfo'), mutate(cpuinfo, r));
      writeFileSync(join(root, 'proc/meminfo'), mutate(meminfo, r));
      const lspci = mutate(demoLspci, r);
      const lsblk = mutate(demoLsblk, r);
      const host: Host = {
        root,
        run: async (cmd) =>
          cmd === 'lspci'
            ? { stdout: lspci, stderr: '', code: 0 }
            : cmd === 'lsblk'
              ? { stdout: lsblk, stderr: '', code: 0 }
              : { stdout: '', stderr: `${cmd}: command not found`, code: 127 },
      };
      const report = await detect(host);
      const parsed = HostReportSchema.safeParse(report);
      if (!parsed.success) throw new Error(`run ${i}: ${parsed.error.message}`);
      expect(report.warnings.length).toBeGreaterThan(0);
    }
  });
});
