// `nix-mox plan` end to end in-process: the demo host (its files as --root, its shims on PATH), answers from a
// file or from the wizard's store, text or --json, and clear errors naming the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';
import { captureIo } from '../helpers/cli-io';
import { readAnswers } from '../golden/cases';

const demo = demoEnv();
afterAll(() => demo.cleanup());

function answersFile(change: (a: ReturnType<typeof readAnswers>) => void = () => {}): string {
  const a = readAnswers('demo');
  a.machine.sshKeyFiles = [];
  change(a);
  const path = join(mkdtempSync(join(tmpdir(), 'nixmox-answers-')), 'answers.json');
  writeFileSync(path, JSON.stringify(a));
  return path;
}

async function plan(args: string[]) {
  const io = captureIo({ env: { ...demo.env } });
  const code = await runCli(['plan', '--root', demoRoot, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('nix-mox plan', () => {
  it('prints the plan as text: steps with risk tags, diffs, disks, reboot, legend', async () => {
    const r = await plan(['--answers', answersFile()]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^nix-mox plan for pve \(Proxmox VE .*systemd-boot\), as a Proxmox host\n/);
    expect(r.out).toContain("[KRF]  Edit /etc/kernel/cmdline: nix-mox's kernel arguments only");
    expect(r.out).toContain('+root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt');
    expect(r.out).toContain('destructive: you type "tank" to go ahead');
    expect(r.out).toContain('Disks that will be written:');
    expect(r.out).toContain('Reboot needed: yes');
    expect(r.out).toContain('Risk tags: D touches disks');
  });

  it('--json prints {files, plan} as data', async () => {
    const r = await plan(['--answers', answersFile(), '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as {
      files: { path: string }[];
      plan: { steps: { id: string }[]; rebootNeeded: boolean };
    };
    expect(data.files.some((f) => f.path === '/etc/nix-mox/flake/flake.nix')).toBe(true);
    expect(data.plan.steps.some((s) => s.id === 'zpool-create-tank')).toBe(true);
    expect(data.plan.rebootNeeded).toBe(true);
  });

  it("uses the wizard's saved answers when no file is given, and says what to do when there are none", async () => {
    const empty = await plan([]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(
      /no saved answers in .*answers\.json; run nix-mox setup, or pass --answers FILE/,
    );
    const { openAnswersStore } = await import('../../src/answers/store');
    const a = readAnswers('demo');
    a.machine.sshKeyFiles = [];
    openAnswersStore({ env: demo.env }).save(a);
    const saved = await plan([]);
    expect(saved.code).toBe(0);
    expect(saved.out).toContain('Create /etc/nix-mox/flake/flake.nix');
  });

  it('a bad answers file fails with exit 2 and the key path', async () => {
    const r = await plan([
      '--answers',
      answersFile((a) => ((a.guests.windowsVm as { vmid: number }).vmid = 5)),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('guests.windowsVm.vmid');
  });

  it('answers this machine cannot honour fail with exit 2 and the field', async () => {
    const r = await plan([
      '--answers',
      answersFile((a) => (a.maintenance.updateSchedule = 'daily;reboot\nx')),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/maintenance\.updateSchedule/);
  });
});
