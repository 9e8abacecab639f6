// Reading answers files: required keys, defaults for the rest, strict validation, messages by key path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/answers/defaults';
import { loadAnswersFile, parseAnswersText } from '../../src/answers/load';
import { migrate } from '../../src/answers/migrate';
import { parseAnswers, validateAnswers } from '../../src/answers/validate';
import { repoRoot } from '../helpers/shared';
import { demoReport } from './fixtures';

const badDir = join(repoRoot, 'test/fixtures/answers-bad');
const v0Dir = join(repoRoot, 'test/fixtures/answers-v0');
const expected = JSON.parse(readFileSync(join(badDir, 'expected.json'), 'utf8')) as Record<string, string>;

describe('malformed answers files each fail with a message naming the key path', () => {
  const files = readdirSync(badDir).filter((f) => f !== 'expected.json');
  it('there are at least ten, and each has its expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(expected).sort()).toEqual(files.sort());
  });
  it.each(files)('%s', (file) => {
    const r = loadAnswersFile(join(badDir, file));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const want = expected[file]!;
    expect(
      r.errors.some((e) => e.startsWith(want)),
      `${want}\n  not in\n${r.errors.join('\n')}`,
    ).toBe(true);
    // Every message starts with a key path (or says it is about the file or its top level).
    for (const e of r.errors) expect(e).toMatch(/^(\(file\)|\(top level\)|[a-zA-Z_][\w.[\]]*): /);
  });
  it('a secret typed where a path belongs is never repeated in the message', () => {
    const r = loadAnswersFile(join(badDir, '09-secret-instead-of-path.json'));
    expect(JSON.stringify(r)).not.toContain('tskey-auth');
  });
  it('a missing file says so', () => {
    const r = loadAnswersFile(join(badDir, 'no-such-file.json'));
    expect(r).toEqual({
      ok: false,
      errors: [`(file): cannot read ${join(badDir, 'no-such-file.json')}: no such file`],
    });
  });
});

describe('missing optional keys take their defaults', () => {
  const minimal = {
    schemaVersion: 1,
    machine: { role: 'proxmox-host', hostname: 'lab', adminUser: 'alice' },
  };

  it('a file with only the required keys is complete after parsing', () => {
    const r = parseAnswers(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers.machine).toEqual({
      role: 'proxmox-host',
      hostname: 'lab',
      timezone: 'UTC',
      adminUser: 'alice',
      sshKeyFiles: [],
    });
    expect(r.answers.security.sshHardening).toBe(true);
    expect(validateAnswers(r.answers).ok).toBe(true);
  });

  it('with the report, the defaults come from detection (the demo host GPU and pools)', () => {
    const r = parseAnswers(minimal, { report: demoReport() });
    expect(r.ok && r.answers.passthrough.functions).toEqual(['0000:01:00.0', '0000:01:00.1']);
    expect(r.ok && r.answers.storage.datasetPool).toBe('rpool');
  });

  it('keys derived from others follow what the file says', () => {
    const r = parseAnswers({
      ...minimal,
      guests: { windowsVm: { vmid: 300 } },
      storage: {
        newPool: { name: 'bulk', layout: 'mirror', disks: ['/dev/disk/by-id/a', '/dev/disk/by-id/b'] },
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers.passthrough.targetVmid).toBe(300);
    expect(r.answers.storage.datasetPool).toBe('bulk');
    expect(r.answers.maintenance.snapshots).toMatchObject({ enabled: true, pools: ['bulk'] });
  });

  it('a value the file gives is kept, even null', () => {
    const r = parseAnswers({ ...minimal, passthrough: { gpu: null } }, { report: demoReport() });
    expect(r.ok && r.answers.passthrough.gpu).toBeNull();
    expect(r.ok && r.answers.passthrough.functions).toEqual([]);
  });

  it('each required key is named when missing', () => {
    for (const key of ['role', 'hostname', 'adminUser'] as const) {
      const machine: Record<string, string> = { ...minimal.machine };
      delete machine[key];
      const r = parseAnswers({ schemaVersion: 1, machine });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(new RegExp(`^machine\\.${key}: missing; expected `));
    }
    expect(parseAnswers({ machine: minimal.machine })).toEqual({
      ok: false,
      errors: ['schemaVersion: missing; expected 1 (or "version": 0 for a version-0 file)'],
    });
  });

  it('unknown keys are named at any depth, with a suggestion', () => {
    const r = parseAnswers({ ...minimal, securty: {}, guests: { windowsVm: { vmId: 5 } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain(
      'guests.windowsVm.vmId: unknown key (did you mean guests.windowsVm.vmid?); expected one of enabled, vmid, name, cores, memoryMiB, diskGiB, bridge',
    );
    expect(r.errors.some((e) => e.startsWith('securty: unknown key (did you mean security?)'))).toBe(true);
  });
});

describe('checks against this machine (when a report is given)', () => {
  const base = { schemaVersion: 1, machine: { role: 'proxmox-host', hostname: 'pve', adminUser: 'alice' } };
  it('refuses a VMID an existing guest of another name uses', () => {
    const report = demoReport();
    report.guests = [{ vmid: 150, kind: 'qemu', name: 'homeassistant', status: 'running' }];
    const r = parseAnswers({ ...base, guests: { windowsVm: { vmid: 150 } } }, { report });
    expect(r).toEqual({
      ok: false,
      errors: [
        'guests.windowsVm.vmid: expected a VMID no existing guest uses (150 is the qemu guest "homeassistant"), got 150',
      ],
    });
  });
  it('accepts the VMID of the guest nix-mox made before (same name and kind)', () => {
    const report = demoReport();
    report.guests = [{ vmid: 150, kind: 'qemu', name: 'windows', status: 'running' }];
    expect(parseAnswers({ ...base, guests: { windowsVm: { vmid: 150 } } }, { report }).ok).toBe(true);
  });
  it('refuses devices and disks this machine does not have, or disks the system uses', () => {
    const r = parseAnswers(
      {
        ...base,
        passthrough: { gpu: '0000:0b:00.0', functions: ['0000:0b:00.0'] },
        storage: {
          newPool: {
            name: 'bulk',
            layout: 'mirror',
            disks: [
              '/dev/disk/by-id/ata-NOPE_1',
              '/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123450',
            ],
          },
        },
      },
      { report: demoReport() },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'passthrough.gpu: expected the address of a GPU on this machine (found: 0000:01:00.0), got "0000:0b:00.0"',
      'storage.newPool.disks[0]: expected a disk of this machine by its /dev/disk/by-id path, got "/dev/disk/by-id/ata-NOPE_1"',
      'storage.newPool.disks[1]: expected a disk the system does not use (nvme0n1 holds the system), got "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123450"',
    ]);
  });
});

describe('version 0 migrates forward', () => {
  const v0 = JSON.parse(readFileSync(join(v0Dir, 'v0-homelab.json'), 'utf8')) as Record<string, unknown>;
  const v1 = JSON.parse(readFileSync(join(v0Dir, 'v0-homelab.v1.json'), 'utf8')) as unknown;

  it('to the reviewed version-1 answers', () => {
    const r = loadAnswersFile(join(v0Dir, 'v0-homelab.json'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.answers).toEqual(v1);
  });

  it('with notes for what changed: renamed apps, the dropped retired one', () => {
    const r = parseAnswers(v0);
    expect(r.ok && r.notes).toEqual([
      "passthrough.functions: version 0 kept only 0000:01:00.0; the GPU's other functions come from detection",
      'messaging: signal-desktop is now signal',
      'messaging: skypeforlinux was dropped: Skype was shut down in May 2025; choose Microsoft Teams instead',
      'messaging: whatsapp-for-linux is now whatsapp',
      'messaging: teamspeak3 is now teamspeak',
    ]);
  });

  it('on the demo host the GPU gets all its functions', () => {
    const r = parseAnswers(v0, { report: demoReport() });
    expect(r.ok && r.answers.passthrough.functions).toEqual(['0000:01:00.0', '0000:01:00.1']);
  });

  it('is pure: the input is not changed and the same input gives the same output', () => {
    const before = structuredClone(v0);
    const a = migrate(v0);
    const b = migrate(v0);
    expect(v0).toEqual(before);
    expect(a).toEqual(b);
    expect(a.ok && a.from).toBe(0);
  });

  it('accepts schemaVersion 0 as well as version 0', () => {
    const { version: _v, ...rest } = v0;
    expect(parseAnswers({ ...rest, schemaVersion: 0 })).toEqual(parseAnswers(v0));
  });

  it('version-1 answers pass through unchanged', () => {
    const a = defaultAnswers(demoReport());
    expect(migrate(a)).toEqual({ ok: true, value: a, from: 1, notes: [] });
  });
});

describe('JSON errors point at the line', () => {
  it('says where the text stops being JSON', () => {
    const r = parseAnswersText('{\n  "a": 1,\n  oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatch(/^\(file\): expected JSON, which it is not at line 3, column \d+$/);
  });
});
