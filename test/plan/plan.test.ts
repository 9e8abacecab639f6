// The plan's rules: restore points before risky steps, typed confirmation for destructive ones, skip checks,
// reboot computed from what changes, and a reconfigure that runs only what changed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/answers/schema';
import { writeFileSet } from '../../src/files/write-set';
import { generate } from '../../src/generate/index';
import type { HostReport } from '../../src/host/types';
import { plan, stagedFileChecks } from '../../src/plan/plan';
import type { Step } from '../../src/plan/types';
import { readCurrent, readGenerateInputs } from '../../src/plan/read-current';
import { renderPlanText } from '../../src/plan/render-text';
import { NOW, buildCase, caseRoot, readAnswers, readReport } from '../golden/cases';

function planFor(answers: Answers, report: HostReport, root: string) {
  const files = generate(answers, report, readGenerateInputs(root, answers, report));
  const current = readCurrent(root, files);
  return { files, current, plan: plan(answers, report, files, current, { now: NOW }) };
}

const ids = (p: { steps: { id: string }[] }) => p.steps.map((s) => s.id);

describe('restore points', () => {
  it('a ZFS snapshot of the dataset / boots from comes before the first disk or kernel step', () => {
    const c = buildCase('demo');
    const first = c.plan.steps.findIndex((s) => s.risk.includes('D') || s.risk.includes('K'));
    expect(c.plan.steps[first]!.id).toBe('restore-point');
    expect(c.plan.steps[first]!.argv).toEqual([
      'zfs',
      'snapshot',
      'rpool/ROOT/pve-1@nix-mox_pre-apply_2026-05-01T12:00',
    ]);
    expect(c.plan.steps[first]!.skipIf?.argv).toEqual([
      'zfs',
      'list',
      '-H',
      '-t',
      'snapshot',
      '-o',
      'name',
      'rpool/ROOT/pve-1@nix-mox_pre-apply_2026-05-01T12:00',
    ]);
  });

  it('without root=ZFS= on the command line, the whole ROOT of the system pool is snapshotted', () => {
    const answers = readAnswers('demo');
    const report = readReport('demo');
    const root = mkdtempSync(join(tmpdir(), 'nixmox-plan-'));
    mkdirSync(join(root, 'root/.ssh'), { recursive: true });
    writeFileSync(join(root, 'root/.ssh/id_ed25519.pub'), 'ssh-ed25519 AAAAC3Nza alex@laptop\n');
    mkdirSync(join(root, 'etc/kernel'), { recursive: true });
    writeFileSync(join(root, 'etc/kernel/cmdline'), 'quiet\n');
    const { plan: p } = planFor(answers, report, root);
    expect(p.steps.find((s) => s.id === 'restore-point')?.argv).toEqual([
      'zfs',
      'snapshot',
      '-r',
      'rpool/ROOT@nix-mox_pre-apply_2026-05-01T12:00',
    ]);
  });

  it('on NixOS, dry-build runs first, then the restore point, then the switch', () => {
    const report = { ...readReport('gaming-desktop') };
    report.disks = report.disks.map((d) => ({ ...d, holds: [...d.holds, 'zfs:zroot'] }));
    const c = planFor(readAnswers('gaming-desktop'), report, caseRoot('gaming-desktop'));
    const order = ids(c.plan).filter((i) => /dry-build|restore|switch/.test(i));
    expect(order).toEqual(['dry-build-gamer', 'restore-point', 'switch-gamer']);
    expect(c.plan.steps.find((s) => s.id === 'restore-point')?.argv).toEqual([
      'zfs',
      'snapshot',
      '-r',
      'zroot@nix-mox_pre-apply_2026-05-01T12:00',
    ]);
  });
});

describe('destructive steps', () => {
  it('zpool create names disks by id, needs the pool name typed, and lists the disks it writes', () => {
    const c = buildCase('demo');
    const z = c.plan.steps.find((s) => s.argv?.[0] === 'zpool')!;
    expect(z.confirm).toBe('tank');
    expect(z.argv!.slice(0, 6)).toEqual(['zpool', 'create', '-o', 'ashift=12', 'tank', 'raidz2']);
    expect(z.argv!.slice(6).every((d) => d.startsWith('/dev/disk/by-id/'))).toBe(true);
    expect(c.plan.disksTouched).toEqual(
      z.argv!.slice(6).map((byId) => ({ byId, model: 'WDC WD80EFZZ-68BTXN0', sizeBytes: 8001563222016 })),
    );
    expect(c.plan.steps.filter((s) => s.confirm !== undefined)).toHaveLength(1);
  });

  it('steps that may be done already carry a read-only check', () => {
    const c = buildCase('demo');
    for (const s of c.plan.steps) {
      if (
        s.argv &&
        /^(zpool create|zfs create|pvesm add|qm create|pct create|pvesh create \/cluster\/backup)/.test(
          s.argv.join(' '),
        )
      ) {
        expect(s.skipIf, s.id).toBeDefined();
      }
    }
  });

  it('every command is an argv array of plain strings (no shell)', () => {
    for (const name of ['demo', 'two-gpus', 'no-passthrough', 'gaming-desktop']) {
      for (const s of buildCase(name).plan.steps) {
        expect(s.argv === undefined || s.write === undefined, s.id).toBe(true);
        if (s.argv) expect(s.argv.every((a) => typeof a === 'string' && a.length > 0)).toBe(true);
        if (s.argv) expect(['sh', 'bash', 'env']).not.toContain(s.argv[0]);
      }
    }
  });
});

describe('reboot needed', () => {
  it('is computed: kernel command line and vfio changes need one, flake-only changes do not', () => {
    expect(buildCase('demo').plan.rebootNeeded).toBe(true);
    expect(buildCase('minimal-server').plan.rebootNeeded).toBe(false);
    expect(buildCase('no-passthrough').plan.rebootNeeded).toBe(false);
    const demo = buildCase('demo');
    for (const s of demo.plan.steps) {
      const boot = [
        '/etc/kernel/cmdline',
        '/etc/modprobe.d/vfio.conf',
        '/etc/modules-load.d/vfio.conf',
      ].includes(s.write?.path ?? '');
      expect(s.risk.includes('R'), s.id).toBe(boot);
    }
  });
});

describe('reconfigure', () => {
  it('after an apply, the same answers plan nothing', () => {
    const answers = readAnswers('demo');
    const root = caseRoot('demo');
    const report = readReport('demo');
    writeFileSet(root, generate(answers, report, readGenerateInputs(root, answers, report)), { now: NOW });
    // The machine as detection sees it after the apply: the pool and the guests exist.
    const after: HostReport = {
      ...report,
      zfs: { pools: [...report.zfs!.pools, { name: 'tank', health: 'ONLINE', sizeBytes: 32e12 }] },
      guests: [
        { vmid: 100, kind: 'lxc', name: 'nixos-lxc', status: 'running' },
        { vmid: 101, kind: 'qemu', name: 'windows', status: 'stopped' },
        { vmid: 102, kind: 'qemu', name: 'nixos-vm', status: 'stopped' },
      ],
    };
    const p = planFor(answers, after, root).plan;
    expect(p.steps).toEqual([]);
    expect(renderPlanText(p, new Map(), 'x')).toContain('Nothing to do');
  });

  it('one changed answer gives only its steps (Windows VM memory)', () => {
    const answers = readAnswers('demo');
    const root = caseRoot('demo');
    const report = readReport('demo');
    writeFileSet(root, generate(answers, report, readGenerateInputs(root, answers, report)), { now: NOW });
    const after: HostReport = {
      ...report,
      zfs: { pools: [...report.zfs!.pools, { name: 'tank', health: 'ONLINE', sizeBytes: 1 }] },
      guests: [
        { vmid: 101, kind: 'qemu', name: 'windows', status: 'stopped' },
        { vmid: 100, kind: 'lxc', name: 'nixos-lxc', status: 'running' },
        { vmid: 102, kind: 'qemu', name: 'nixos-vm', status: 'stopped' },
      ],
    };
    const changed = structuredClone(answers);
    changed.guests.windowsVm.memoryMiB = 24576;
    const p = planFor(changed, after, root).plan;
    expect(ids(p)).toEqual(['backup-guest-101', 'resources-guest-101', 'write-etc-nix-mox-state-json']);
    expect(p.steps[1]!.argv).toEqual(['qm', 'set', '101', '--cores', '8', '--memory', '24576']);
  });

  it('the ACS override is added when chosen and removed again when it is not', () => {
    const answers = readAnswers('demo');
    const report = readReport('demo');
    const root = caseRoot('demo');
    const acs = structuredClone(answers);
    acs.passthrough.acsOverride = true;
    writeFileSet(root, generate(acs, report, readGenerateInputs(root, acs, report)), { now: NOW });
    const first = planFor(acs, report, root);
    expect(first.current.get('/etc/kernel/cmdline')).toBe(
      'root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt pcie_acs_override=downstream,multifunction\n',
    );
    const back = planFor(answers, report, root).plan;
    const cmdline = back.steps.find((s) => s.write?.path === '/etc/kernel/cmdline');
    expect(cmdline?.write?.content).toBe('root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt\n');
    expect(back.rebootNeeded).toBe(true);
    expect(ids(back)).toContain('refresh-boot');
  });
});

describe('notes', () => {
  it('say what to check after the reboot and warn about the boot display', () => {
    const notes = buildCase('demo').plan.notes!.join('\n');
    expect(notes).toContain('lspci -nnk -s 0000:01:00 / 0000:03:00');
    expect(notes).toContain("is the host's boot display");
  });

  it('ask for the kernel arguments by hand when the boot loader is unknown or its file is missing', () => {
    const report = {
      ...readReport('demo'),
      platform: { kind: 'proxmox' as const, version: '9.1.2', bootloader: 'unknown' as const },
    };
    const unknown = planFor(readAnswers('demo'), report, caseRoot('demo')).plan;
    expect(unknown.notes!.join('\n')).toContain('Add iommu=pt to the kernel command line by hand');
    const root = mkdtempSync(join(tmpdir(), 'nixmox-plan-'));
    mkdirSync(join(root, 'root/.ssh'), { recursive: true });
    writeFileSync(join(root, 'root/.ssh/id_ed25519.pub'), 'ssh-ed25519 AAAAC3Nza alex@laptop\n');
    const missing = planFor(readAnswers('demo'), readReport('demo'), root).plan;
    expect(missing.notes!.join('\n')).toContain('/etc/kernel/cmdline does not exist');
    expect(missing.steps.some((s) => s.write?.path === '/etc/kernel/cmdline')).toBe(false);
  });
});

describe('generate refuses answers it cannot honour, naming the field', () => {
  const answers = readAnswers('demo');
  const report = readReport('demo');
  const inputs = { publicKeys: { '/root/.ssh/id_ed25519.pub': 'ssh-ed25519 AAAA alex@laptop\n' } };

  it('a GPU that is not there', () => {
    const a = structuredClone(answers);
    a.passthrough.gpu = '0000:0a:00.0';
    expect(() => generate(a, report, inputs)).toThrow(/^passthrough\.gpu: 0000:0a:00\.0 is not a GPU/);
  });

  it('part of an IOMMU group', () => {
    const a = structuredClone(answers);
    a.passthrough.usbControllers = ['0000:09:00.1'];
    expect(() => generate(a, report, inputs)).toThrow(
      /^passthrough\.usbControllers: 0000:09:00\.1 shares its IOMMU group with 0000:09:00\.0/,
    );
    a.passthrough.acsOverride = true;
    expect(() => generate(a, report, inputs)).not.toThrow();
  });

  it('a schedule that is not one line of calendar syntax', () => {
    const a = structuredClone(answers);
    a.maintenance.updateSchedule = 'daily\nExecStart=/bin/evil';
    expect(() => generate(a, report, inputs)).toThrow(/^maintenance\.updateSchedule: /);
  });

  it('an SSH key file that cannot be read or is not a public key', () => {
    expect(() => generate(answers, report, {})).toThrow(
      /^machine\.sshKeyFiles\[0\]: \/root\/\.ssh\/id_ed25519\.pub could not be read/,
    );
    expect(() =>
      generate(answers, report, {
        publicKeys: { '/root/.ssh/id_ed25519.pub': '-----BEGIN OPENSSH PRIVATE KEY-----\n' },
      }),
    ).toThrow(/not an SSH public key/);
  });
});

describe('file checks under --root', () => {
  it('look below the staging root, and nowhere else', () => {
    const steps = [
      {
        id: 'a',
        title: 'a',
        root: true,
        risk: [],
        timeoutMs: 1,
        skipIf: { argv: ['test', '-e', '/var/lib/x'] },
      },
      { id: 'b', title: 'b', root: true, risk: [], timeoutMs: 1, skipIf: { argv: ['pvesm', 'status'] } },
    ] as Step[];
    const staged = stagedFileChecks(steps, '/tmp/demo/');
    expect(staged[0]!.skipIf!.argv).toEqual(['test', '-e', '/tmp/demo/var/lib/x']);
    expect(staged[1]!.skipIf!.argv).toEqual(['pvesm', 'status']);
    expect(stagedFileChecks(steps, '/')).toBe(steps);
  });
});
