// Journey 2: reconfigure. After a first install (run here without a terminal, from the saved answers file), the
// wizard reopens on the same answers (same XDG dirs), the user adds a messaging app and keeps more hourly
// snapshots; the hub marks exactly those sections, Review shows only the steps those changes need, and the
// apply runs only them: no pool, dataset, storage or guest is created a second time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmuxSession, bundlePath } from '../helpers/tmux';
import {
  type DemoJourney,
  callLine,
  demoJourney,
  paneEnv,
  proxmoxApiAvailable,
} from '../journeys/demo-journey';
import {
  firstInstallAnswers,
  firstInstallAnswersFile,
  storedAnswers,
} from '../journeys/first-install-checks';
import { HubDriver, history, hubRow } from '../journeys/hub-driver';

let j: DemoJourney;
let t: TmuxSession;
let hub: HubDriver;

const HUB_TITLES = [
  'Hardware',
  'Machine',
  'Passthrough',
  'Storage',
  'Guests',
  'Fleet',
  'Network',
  'Development shells',
  'Messaging',
  'Gaming',
  'Services',
  'Security',
  'Maintenance',
  'Review & apply',
];

/** The titles of the hub rows that carry the "(changed since last apply)" mark. */
const markedRows = (screen: string) =>
  HUB_TITLES.filter((title) => hubRow(screen, title).includes('(changed since last apply)'));

function nixMox(...args: string[]) {
  const r = spawnSync(process.execPath, [bundlePath, ...args, '--root', j.root], {
    env: j.env,
    encoding: 'utf8',
    input: '',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const canRun = proxmoxApiAvailable();

beforeAll(() => {
  if (!canRun) return;
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build first`);
  j = demoJourney();
  // The first install: the answers file imported as the wizard's answers, then applied.
  nixMox('setup', '--answers', firstInstallAnswersFile);
  expect(nixMox('apply', '--yes', '--confirm', 'tank')).toMatch(/^Applied: 73 steps done\.$/m);
  t = TmuxSession.start({ columns: 100, rows: 30, env: paneEnv(j) });
  hub = new HubDriver(t);
});
afterAll(() => {
  t?.kill();
  j?.cleanup();
});

describe.skipIf(!canRun)('journey: reconfigure on the saved answers (tmux, 100x30)', () => {
  it('marks the changed sections, reviews and applies only what they need', async () => {
    const callsBefore = j.calls().length;
    const backupsBefore = readdirSync(join(j.root, 'var/lib/nix-mox/backups'));
    const unitPath = '/etc/systemd/system/nix-mox-snapshot-hourly.service';
    const vmHostPath = '/etc/nix-mox/flake/hosts/nixos-vm/default.nix';
    const unitBefore = j.read(unitPath);
    const vmHostBefore = j.read(vmHostPath);

    // Reopen: everything as applied, the pool now an existing one, nothing marked, nothing to do.
    t.run(j.command('setup'));
    let screen = await t.waitFor(/Review & apply[\s\S]*q quit/, 30_000);
    expect(hubRow(screen, 'Storage')).toMatch(
      /✓ tank raidz1 of 4 disks \(24 TB\), created · 5 datasets on tank/,
    );
    expect(hubRow(screen, 'Guests')).toMatch(/✓ NixOS LXC 100 · Windows VM 101 · NixOS VM 102/);
    expect(hubRow(screen, 'Fleet')).toMatch(/i this node: 3 guests/);
    expect(hubRow(screen, 'Messaging')).toMatch(/✓ 2 chosen: Signal, Element$/);
    expect(markedRows(screen)).toEqual([]);
    await hub.focus('Review & apply');
    t.press('enter');
    screen = await t.waitFor('Nothing to do: the machine already matches the answers.');
    expect(screen).toContain('0 steps · 0 files · 0 commands · no reboot');
    await hub.backToHub();

    // Add Telegram.
    await hub.open('Messaging', 'Messaging and communication');
    await hub.check('telegram', /\[x\] Telegram +telegram-desktop/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Messaging')).toMatch(
      /✓ 3 chosen: Signal, Telegram, Element +\(changed since last apply\)$/,
    );

    // Keep 48 hourly snapshots instead of 24; the preview of what the policy keeps follows.
    await hub.open('Maintenance', 'Maintenance');
    await hub.focus('Snapshots');
    t.press('enter');
    screen = await t.waitFor('What this policy keeps');
    await hub.edit('Keep hourly', 'Keep hourly:', '48', /› Keep hourly +48/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Maintenance')).toMatch(
      /snapshots 48h\/7d\/4w\/12m.*\(changed since last apply\)$/,
    );
    expect(markedRows(screen)).toEqual(['Messaging', 'Maintenance']);

    // Review: only the two files these changes touch, and the timer reload they need.
    await hub.focus('Review & apply');
    t.press('enter');
    screen = await t.waitFor('[Steps]');
    expect(screen).toContain('4 steps · 2 files · 2 commands · no reboot');
    expect(screen).toMatch(
      /› 1 \[F\] +Update \/etc\/nix-mox\/flake\/hosts\/nixos-vm\/default\.nix {2}\(\+1 -1\)/,
    );
    expect(screen).toMatch(
      / {2}2 \[SF\] +Update \/etc\/systemd\/system\/nix-mox-snapshot-hourly\.service {2}\(\+2 -2\)/,
    );
    expect(screen).toMatch(/ {2}3 \[S\] +Reload systemd units/);
    expect(screen).toMatch(/ {2}4 \[S\] +Restart nix-mox-snapshot-hourly\.timer/);
    expect(screen).not.toMatch(/ 5 \[/);
    screen = await t.pressAndWait('enter');
    expect(screen).toContain('-  nix-mox.messaging.apps = [ "signal" "element" ];');
    expect(screen).toContain('+  nix-mox.messaging.apps = [ "signal" "element" "telegram" ];');
    await t.pressAndWait('escape');
    await hub.focus('nix-mox-snapshot-hourly.service');
    screen = await t.pressAndWait('enter');
    expect(screen).toContain('+Description=nix-mox: hourly ZFS snapshots (keep 48)');
    expect(screen).toContain(
      '+ExecStart=/usr/local/lib/nix-mox/zfs-snapshot --pool rpool --pool tank --label hourly --keep 48',
    );
    await t.pressAndWait('escape');

    // Apply: no typed confirmation (nothing destructive), no reboot.
    t.press('a');
    screen = await t.waitFor('Apply these 4 steps now?');
    expect(screen).toContain('No reboot needed.');
    t.press('y');
    screen = await t.waitFor('✓ All 4 steps done (4 ran, 0 skipped)', 30_000);
    expect(screen).toMatch(/✓ Restart nix-mox-snapshot-hourly\.timer with its new schedule +\d+ ms/);
    await t.waitFor(/^\$\s*$/m);
    expect(await t.exitStatus()).toBe(0);
    const end = history(t);
    expect(end).toContain('Applied: 4 steps done.');
    expect(end).not.toContain('Reboot needed');
    expect(end).toContain(`Logs: ${join(j.env['XDG_STATE_HOME']!, 'nix-mox/logs/apply')}`);

    // Only what the changes needed ran: no pool, dataset, storage, guest, passthrough or timer enabling again.
    const ran = j
      .calls()
      .slice(callsBefore)
      .map(callLine)
      .filter(
        (c) =>
          !/^(lspci|lsblk|ip -j|pveversion|proxmox-boot-tool status|zpool (list|status)|qm list|pct list)( |$)/.test(
            c,
          ),
      );
    expect(ran).toEqual(['systemctl daemon-reload', 'systemctl restart nix-mox-snapshot-hourly.timer']);

    // The two files changed, and their previous versions are kept in a new backup directory.
    expect(j.read(unitPath)).toContain('--label hourly --keep 48');
    expect(j.read(vmHostPath)).toContain('nix-mox.messaging.apps = [ "signal" "element" "telegram" ];');
    const backupsAfter = readdirSync(join(j.root, 'var/lib/nix-mox/backups'));
    const fresh = backupsAfter.filter((b) => !backupsBefore.includes(b));
    expect(fresh).toHaveLength(1);
    const kept = join(j.root, 'var/lib/nix-mox/backups', fresh[0]!);
    expect(readFileSync(join(kept, unitPath), 'utf8')).toBe(unitBefore);
    expect(readFileSync(join(kept, vmHostPath), 'utf8')).toBe(vmHostBefore);

    // The applied answers now hold both changes; reopening marks nothing.
    const first = firstInstallAnswers(false);
    const expected = {
      ...first,
      messaging: ['signal', 'element', 'telegram'],
      maintenance: {
        ...first.maintenance,
        snapshots: {
          ...first.maintenance.snapshots,
          keep: { ...first.maintenance.snapshots.keep, hourly: 48 },
        },
      },
    };
    expect(storedAnswers(j).applied).toEqual(expected);
    t.run('clear');
    t.run(j.command('setup'));
    screen = await t.waitFor(/Review & apply[\s\S]*q quit/, 30_000);
    expect(markedRows(screen)).toEqual([]);
    t.press('q');
    await t.waitFor('Quit nix-mox?');
    t.press('y');
    expect(await t.exitStatus()).toBe(0);
  }, 60_000);
});
