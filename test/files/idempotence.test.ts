// Acceptance 3: generating and writing twice into the same root changes nothing the second time and makes no
// new backup; the user's own kernel arguments (GRUB and systemd-boot) are kept.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR } from '../../src/files/backup';
import { writeFileSet } from '../../src/files/write-set';
import { generate } from '../../src/generate/index';
import { plan } from '../../src/plan/plan';
import { readCurrent, readGenerateInputs } from '../../src/plan/read-current';
import { CASES, NOW, caseRoot, readAnswers, readReport } from '../golden/cases';

/** Every file under `root` with its content and mode, for comparing two states of a tree. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(root, p)] = `${(statSync(p).mode & 0o7777).toString(8)} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(root);
  return out;
}

describe.each(CASES)('writing %s twice', (name) => {
  it('changes nothing the second time: same tree, no new backup, no write step planned', () => {
    const report = readReport(name);
    const answers = readAnswers(name);
    const root = caseRoot(name);
    const first = writeFileSet(root, generate(answers, report, readGenerateInputs(root, answers, report)), {
      now: NOW,
    });
    expect(first.some((f) => f.outcome === 'written')).toBe(true);
    const afterFirst = tree(root);

    // Inputs are read again from the machine (now holding nix-mox's own files), as a second run would.
    const files = generate(answers, report, readGenerateInputs(root, answers, report));
    const second = writeFileSet(root, files, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(second.filter((f) => f.outcome === 'written')).toEqual([]);
    expect(tree(root)).toEqual(afterFirst);

    const p = plan(answers, report, files, readCurrent(root, files), { now: NOW });
    expect(p.steps.filter((s) => s.write)).toEqual([]);
    expect(p.rebootNeeded).toBe(false);
  });
});

describe('user kernel arguments', () => {
  it("GRUB: the user's own arguments and every other line are kept byte for byte", () => {
    const root = caseRoot('two-gpus');
    const before = readFileSync(join(root, 'etc/default/grub'), 'utf8');
    const answers = readAnswers('two-gpus');
    const report = readReport('two-gpus');
    writeFileSet(root, generate(answers, report), { now: NOW });
    const after = readFileSync(join(root, 'etc/default/grub'), 'utf8');
    const b = before.split('\n');
    const a = after.split('\n');
    expect(a).toHaveLength(b.length);
    for (let i = 0; i < b.length; i++) {
      if (b[i]!.startsWith('GRUB_CMDLINE_LINUX_DEFAULT=')) {
        expect(b[i]).toBe('GRUB_CMDLINE_LINUX_DEFAULT="quiet nomodeset"');
        expect(a[i]).toBe('GRUB_CMDLINE_LINUX_DEFAULT="quiet nomodeset intel_iommu=on iommu=pt"');
      } else expect(a[i]).toBe(b[i]);
    }
    // The earlier copy is kept as the backup.
    const backups = join(root, BACKUP_DIR);
    const [stamp] = readdirSync(backups);
    expect(readFileSync(join(backups, stamp!, 'etc/default/grub'), 'utf8')).toBe(before);
  });

  it('systemd-boot: /etc/kernel/cmdline keeps root=, boot= and anything else the user has', () => {
    const root = caseRoot('demo');
    const answers = readAnswers('demo');
    const report = readReport('demo');
    writeFileSet(root, generate(answers, report, readGenerateInputs(root, answers, report)), { now: NOW });
    expect(readFileSync(join(root, 'etc/kernel/cmdline'), 'utf8')).toBe(
      'root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt\n',
    );
  });

  it('turning passthrough off removes only the arguments nix-mox added', () => {
    const root = caseRoot('two-gpus');
    const report = readReport('two-gpus');
    const on = readAnswers('two-gpus');
    writeFileSet(root, generate(on, report), { now: NOW });
    const off = structuredClone(on);
    off.passthrough = {
      ...off.passthrough,
      gpu: null,
      functions: [],
      usbControllers: [],
      bindByAddress: false,
    };
    const files = generate(off, report);
    const p = plan(off, report, files, readCurrent(root, files), { now: NOW });
    const grub = p.steps.find((s) => s.write?.path === '/etc/default/grub');
    expect(grub?.write?.content).toContain('GRUB_CMDLINE_LINUX_DEFAULT="quiet nomodeset"\n');
    const modprobe = p.steps.find((s) => s.write?.path === '/etc/modprobe.d/vfio.conf');
    expect(modprobe?.write?.content).toBe('');
    // The VM made by the first apply exists now: its devices are detached, after a backup of it.
    const withVm = {
      ...report,
      guests: [...report.guests, { vmid: 102, kind: 'qemu' as const, name: 'windows', status: 'stopped' }],
    };
    const p2 = plan(off, withVm, files, readCurrent(root, files), { now: NOW });
    const ids = p2.steps.map((s) => s.id);
    const detach = p2.steps.find((s) => s.id === 'passthrough-102');
    expect(detach?.argv).toEqual(['qm', 'set', '102', '--delete', 'hostpci0,hostpci1']);
    expect(ids.indexOf('backup-guest-102')).toBeGreaterThan(-1);
    expect(ids.indexOf('backup-guest-102')).toBeLessThan(ids.indexOf('passthrough-102'));
  });
});
