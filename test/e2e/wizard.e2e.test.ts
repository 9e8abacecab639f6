// Issue 4, acceptance 2: on the demo host, from a fresh config directory, go through every section of the hub in a
// real terminal, change something in each, quit, reopen, and find every answer where it was left.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/answers/defaults';
import { type Answers, AnswersSchema } from '../../src/answers/schema';
import { configDir } from '../../src/answers/store';
import type { HostReport } from '../../src/host/types';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';
import { TmuxSession, bundlePath } from '../helpers/tmux';

const COLUMNS = 140;
const ROWS = 45;

let env: Record<string, string>;
let cleanup: () => void;
let t: TmuxSession;

/** The command line that opens the wizard on the demo host, with the demo's PATH, shim state and XDG dirs. */
function wizardCommand(): string {
  const vars = ['PATH', 'NIX_MOX_SHIM_STATE', 'NIX_MOX_SHIM_LOG', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME']
    .map((k) => `${k}=${env[k]}`)
    .join(' ');
  return `env ${vars} node ${bundlePath} setup --root ${demoRoot}`;
}

/** The report `nix-mox detect --json` gives for the demo host, and the answers a fresh wizard proposes for it. */
function demoDefaults(): Answers {
  const out = execFileSync(process.execPath, [bundlePath, 'detect', '--json', '--root', demoRoot], {
    env,
    encoding: 'utf8',
  });
  return defaultAnswers(JSON.parse(out) as HostReport);
}

/** What the wizard saved: the answers in its conf file under $XDG_CONFIG_HOME/nix-mox. */
function savedAnswers(): Answers {
  const file = join(configDir(env), 'answers.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { answers: unknown };
  return AnswersSchema.parse(stored.answers);
}

const lines = (screen: string) => screen.split('\n');
const selected = (screen: string) => lines(screen).find((l) => /^\s*›/.test(l)) ?? '';
const hubLines = (screen: string) => lines(screen).filter((l) => /^[ ›] \S/.test(l));

/** Moves the focus down until the focused row contains `text`. */
async function focus(text: string, max = 40): Promise<string> {
  let screen = t.capture();
  for (let i = 0; i < max && !selected(screen).includes(text); i++) screen = await t.pressAndWait('down');
  expect(selected(screen)).toContain(text);
  return screen;
}

/** From the hub: opens a section and waits for its heading (a line of its own, which the hub never shows). */
async function open(title: string, heading: string): Promise<string> {
  await focus(title);
  t.press('enter');
  return t.waitFor(new RegExp(`^${heading}\\s*$`, 'm'));
}

/** Back to the hub from anywhere inside a section. */
async function backToHub(): Promise<string> {
  for (let i = 0; i < 6 && !t.capture().includes('q quit'); i++) await t.pressAndWait('escape');
  return t.waitFor('q quit');
}

/** On a focused text field: clears it, types `text`, confirms, and waits for `after`. */
async function retype(text: string, after: string | RegExp): Promise<string> {
  t.press('\u0015');
  t.press(text);
  t.press('enter');
  return t.waitFor(after);
}

/** A check-list section: filter for `word`, toggle the first match, back to the hub. */
async function toggleByFilter(title: string, heading: string, word: string): Promise<void> {
  await open(title, heading);
  await t.pressAndWait('/');
  t.press(word);
  await t.waitFor(`/ ${word} `);
  await t.pressAndWait('enter');
  const screen = await t.pressAndWait('space');
  expect(selected(screen)).toMatch(/\[x\]/);
  await backToHub();
}

beforeAll(() => {
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build first`);
  const demo = demoEnv();
  env = demo.env as Record<string, string>;
  cleanup = demo.cleanup;
  t = TmuxSession.start({ columns: COLUMNS, rows: ROWS });
});
afterAll(() => {
  t?.kill();
  cleanup?.();
});

describe('the whole hub on the demo host', () => {
  it('completes every section, quits, reopens on the same answers, and finds them saved', async () => {
    const defaults = demoDefaults();
    expect(existsSync(join(configDir(env), 'answers.json'))).toBe(false);

    t.run(wizardCommand());
    let screen = await t.waitFor(/Machine[\s\S]*q quit/, 30_000);
    expect(screen).toContain('nix-mox · pve');
    expect(screen).toMatch(/Machine\s+! missing: an SSH public key file/);

    // Machine: hostname, time zone, admin user, one SSH public key file.
    await open('Machine', 'Machine');
    await focus('Hostname');
    t.press('enter');
    await t.waitFor('Machine › Hostname');
    await retype('Lab_PVE', 'Hostname: expected an RFC 1123 host label');
    await retype('lab-pve', /Hostname\s+lab-pve/);
    await focus('Time zone');
    t.press('enter');
    await t.waitFor('Machine › Time zone');
    await retype('Europe/Berlin', /Time zone\s+Europe\/Berlin/);
    await focus('Admin user');
    t.press('enter');
    await t.waitFor('Machine › Admin user');
    await retype('alice', /Admin user\s+alice/);
    await focus('SSH key files');
    t.press('enter');
    await t.waitFor('No key files yet');
    t.press('enter');
    await t.waitFor('Machine › SSH key files › Add');
    await retype('/home/alice/.ssh/id_ed25519.pub', '/home/alice/.ssh/id_ed25519.pub');
    screen = await backToHub();
    expect(screen).toMatch(/Machine\s+✓ Proxmox host · lab-pve · Europe\/Berlin · admin alice · 1 SSH key/);

    // Passthrough: the GPU and one controller are proposed; add the chipset controller, which shares its IOMMU
    // group, with its whole group (and its sibling controller at the same device).
    await open('Passthrough', 'Passthrough');
    await focus('USB controllers');
    t.press('enter');
    screen = await t.waitFor('Passthrough › USB controllers');
    expect(screen).toContain('[x] 03:00.0');
    await focus('09:00.1');
    t.press('space');
    await t.waitFor('It shares IOMMU group');
    await focus('Pass the whole group');
    t.press('enter');
    screen = await t.waitFor('[x] 09:00.1');
    expect(screen).toContain('[x] 09:00.3');
    expect(screen).toContain('[ ] 0d:00.3');
    screen = await backToHub();
    expect(screen).toMatch(/Passthrough\s+✓ GeForce RTX 3060 .* → Windows VM 101/);

    // Storage: the new pool becomes raidz1 named vault; the datasets go on it, without messaging data.
    await open('Storage', 'Storage');
    t.press('enter');
    await t.waitFor('Storage › New pool');
    t.press('enter');
    await t.waitFor('Pool name:');
    await retype('vault', /Name\s+vault/);
    await focus('Layout');
    t.press('enter');
    await t.waitFor('Storage › New pool › Layout');
    await focus('raidz1');
    t.press('enter');
    await t.waitFor(/Layout\s+raidz1/);
    await focus('Save this pool');
    t.press('enter');
    await t.waitFor(/New pool\s+vault · raidz1 · 4 disks/);
    await focus('Datasets on');
    t.press('enter');
    await t.waitFor('Storage › Datasets on');
    await focus('vault');
    t.press('enter');
    await t.waitFor(/Datasets on\s+vault/);
    await focus('VM disks,');
    t.press('enter');
    await t.waitFor('Storage › Datasets');
    await focus('messaging data');
    await t.pressAndWait('space');
    screen = await backToHub();
    expect(screen).toMatch(/Storage\s+✓ new vault raidz1 of 4 disks .* 4 datasets on vault/);

    // Guests: the NixOS VM gets VMID 110 and 8 GiB; the Windows VM 12 cores.
    await open('Guests', 'Guests');
    await focus('NixOS VM');
    t.press('enter');
    await t.waitFor('Guests › NixOS VM');
    await focus('VMID');
    t.press('enter');
    await t.waitFor('VMID:');
    await retype('101', "VMID: 101 is already the Windows VM's");
    await retype('110', /VMID\s+110/);
    await focus('Memory');
    t.press('enter');
    await t.waitFor('Memory:');
    await retype('8G', /Memory\s+8192 MiB/);
    await t.pressAndWait('escape');
    await focus('Windows VM');
    t.press('enter');
    await t.waitFor('Guests › Windows VM');
    await focus('Cores');
    t.press('enter');
    await t.waitFor('Cores:');
    await retype('12', /Cores\s+12/);
    screen = await backToHub();
    expect(screen).toMatch(/Guests\s+✓ NixOS LXC 100 · Windows VM 101 · NixOS VM 110/);

    // The check-list sections: one more item each.
    await toggleByFilter('Development shells', 'Development shells', 'zfs');
    await toggleByFilter('Messaging', 'Messaging and communication', 'signal');
    await toggleByFilter('Gaming', 'Gaming', 'steam');
    await toggleByFilter('Services', 'Services and templates', 'web');

    // Maintenance: daily updates, 48 hourly snapshots, backups to the backups dataset kept 14 days.
    await open('Maintenance', 'Maintenance');
    t.press('enter');
    await t.waitFor('Maintenance › Update schedule');
    await focus('every day at 04:00');
    t.press('enter');
    await t.waitFor(/Update schedule\s+every day at 04:00/);
    await focus('Snapshots');
    t.press('enter');
    await t.waitFor('What this policy keeps');
    await focus('Keep hourly');
    t.press('enter');
    await t.waitFor('Keep hourly:');
    await retype('48', /Keep hourly\s+48/);
    await t.pressAndWait('escape');
    await focus('Backups');
    t.press('enter');
    await t.waitFor('Maintenance › Backups');
    await focus('Storage');
    t.press('enter');
    await t.waitFor('Maintenance › Backups › Storage');
    await focus('vault-backups');
    t.press('enter');
    await t.waitFor(/Storage\s+vault-backups/);
    await focus('Keep daily');
    t.press('enter');
    await t.waitFor('Keep daily:');
    await retype('14', /Keep daily\s+14/);
    screen = await backToHub();
    expect(screen).toMatch(/Maintenance\s+✓ updates daily 04:00 · snapshots 48h/);

    // Every section is complete: nothing on the hub says missing.
    const before = hubLines(screen);
    expect(before.length).toBeGreaterThanOrEqual(11);
    expect(before.filter((l) => l.includes('! missing') || l.includes('blocked'))).toEqual([]);

    t.press('q');
    await t.waitFor('Quit nix-mox?');
    t.press('y');
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);

    // Reopen: the same hub, line for line, and the values inside the sections.
    t.run('clear');
    t.run(wizardCommand());
    screen = await t.waitFor(/Machine[\s\S]*q quit/, 30_000);
    expect(screen).toContain('nix-mox · pve');
    expect(hubLines(screen).map((l) => l.replace(/^›/, ' '))).toEqual(
      before.map((l) => l.replace(/^›/, ' ')),
    );
    screen = await open('Machine', 'Machine');
    expect(screen).toMatch(/Hostname\s+lab-pve/);
    expect(screen).toMatch(/SSH key files\s+\/home\/alice\/.ssh\/id_ed25519.pub/);
    await backToHub();
    screen = await open('Guests', 'Guests');
    expect(screen).toMatch(/NixOS VM\s+VMID 110 · nixos-vm · 2 cores · 8192 MiB/);
    await backToHub();
    t.press('q');
    await t.waitFor('Quit nix-mox?');
    t.press('y');
    expect(await t.exitStatus()).toBe(0);

    // The saved answers (mode 0600) hold every change, and what was not touched kept its proposed value.
    expect(statSync(join(configDir(env), 'answers.json')).mode & 0o777).toBe(0o600);
    const saved = savedAnswers();
    expect(saved).toMatchObject({
      machine: {
        role: 'proxmox-host',
        hostname: 'lab-pve',
        timezone: 'Europe/Berlin',
        adminUser: 'alice',
        sshKeyFiles: ['/home/alice/.ssh/id_ed25519.pub'],
      },
      passthrough: {
        gpu: '0000:01:00.0',
        functions: ['0000:01:00.0', '0000:01:00.1'],
        usbControllers: ['0000:03:00.0', '0000:09:00.0', '0000:09:00.1', '0000:09:00.3'],
        targetVmid: 101,
        acsOverride: false,
        bindByAddress: true,
      },
      storage: {
        newPool: { name: 'vault', layout: 'raidz1' },
        datasetPool: 'vault',
        datasets: ['vm-disks', 'containers', 'backups', 'shared'],
      },
      guests: {
        nixosVm: { vmid: 110, memoryMiB: 8192 },
        windowsVm: { vmid: 101, cores: 12 },
      },
      maintenance: {
        updateSchedule: '*-*-* 04:00:00',
        snapshots: { keep: { hourly: 48 } },
        backup: { storage: 'vault-backups', keepDaily: 14 },
      },
    });
    const added = (key: 'shells' | 'messaging' | 'gaming' | 'services', item: string) => {
      expect(defaults[key], key).not.toContain(item);
      expect(new Set(saved[key]), key).toEqual(new Set([...defaults[key], item]));
    };
    added('shells', 'zfs');
    added('messaging', 'signal');
    added('gaming', 'steam');
    added('services', 'web-server');
    expect(saved.security).toEqual(defaults.security);
    expect(saved.network).toEqual(defaults.network);
    expect(saved.guests.nixosLxc).toEqual(defaults.guests.nixosLxc);
    expect(saved.storage.newPool?.disks).toEqual(defaults.storage.newPool?.disks);
  }, 240_000);
});
