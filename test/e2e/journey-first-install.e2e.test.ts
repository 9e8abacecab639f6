// Journey 1: a first install on the demo host, in a real terminal at 100x30, as a newcomer would do it: open the
// wizard, read the hardware, choose passthrough, storage, guests, suites and maintenance, give the SSH key,
// review, type the pool's name, watch the run, keep the new bridges within the countdown, and end at "Reboot
// needed" with what was done and where the logs are. Then the files under the root copy and the commands the
// test doubles received.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmuxSession, bundlePath } from '../helpers/tmux';
import { type DemoJourney, demoJourney, paneEnv, proxmoxApiAvailable } from '../journeys/demo-journey';
import { expectFirstInstallDone, firstInstallAnswers, storedAnswers } from '../journeys/first-install-checks';
import { HubDriver, history, hubRow, selected } from '../journeys/hub-driver';

let j: DemoJourney;
let t: TmuxSession;
let hub: HubDriver;

const canRun = proxmoxApiAvailable();

beforeAll(() => {
  if (!canRun) return;
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build first`);
  j = demoJourney();
  t = TmuxSession.start({ columns: 100, rows: 30, env: paneEnv(j) });
  hub = new HubDriver(t);
});
afterAll(() => {
  t?.kill();
  j?.cleanup();
});

describe.skipIf(!canRun)('journey: first-time install on the demo host (tmux, 100x30)', () => {
  it('goes from the hub to "Reboot needed", and leaves the host configured', async () => {
    t.run(j.command('setup'));
    let screen = await t.waitFor(/Review & apply[\s\S]*q quit/, 30_000);
    expect(screen.split('\n')[0]).toMatch(/^nix-mox · pve\s+Proxmox VE 9\.1\.2 · systemd-boot$/);
    expect(hubRow(screen, 'Hardware')).toMatch(/i 1 GPU isolated, IOMMU on, 6 disks, 1 warning/);
    expect(hubRow(screen, 'Machine')).toMatch(/! missing: an SSH public key file/);
    expect(hubRow(screen, 'Review & apply')).toMatch(/✗ blocked: complete Machine/);
    expect(screen).not.toContain('changed since last apply');

    // Hardware: the passthrough candidates with their IOMMU verdicts, the disks, the machine, the warning.
    screen = await hub.open('Hardware', ' ?\\[Passthrough\\]  Disks   Machine   Warnings \\(1\\)');
    expect(screen).toMatch(/› ✓ GPU {2}0000:01:00\.0 {2}group 15 {2}isolated {2}NVIDIA Corporation GA106/);
    expect(screen).toMatch(/✗ USB {2}0000:09:00\.1 {2}group 22 {2}shared/);
    expect(screen).toContain('Can be passed through: IOMMU group 15 holds only this card');
    screen = await t.pressAndWait('right');
    expect(screen).toMatch(/› □ sda +7\.28 TiB {2}SATA HDD {2}blank {3}WDC WD80EFZZ-68BTXN0/);
    expect(screen).toMatch(/■ nvme0n1 +1\.82 TiB {2}NVME SSD {2}system/);
    screen = await t.pressAndWait('right');
    expect(screen).toMatch(/CPU +AMD Ryzen 9 5950X 16-Core Processor, 32 threads/);
    expect(screen).toMatch(/Memory +126 GiB/);
    screen = await t.pressAndWait('right');
    expect(screen).toContain('! single-gpu: This host has one GPU');
    await hub.backToHub();

    // Machine: a key file that is not there is refused; the administrator's key is accepted.
    await hub.open('Machine', 'Machine');
    await hub.focus('SSH key files');
    t.press('enter');
    await t.waitFor('No key files yet');
    t.press('enter');
    await t.waitFor('Machine › SSH key files › Add');
    await hub.retype('/root/.ssh/missing.pub', '✗ SSH key file: /root/.ssh/missing.pub could not be read');
    await hub.retype('/root/.ssh/id_ed25519.pub', /› \/root\/\.ssh\/id_ed25519\.pub/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Machine')).toMatch(/✓ Proxmox host · pve · UTC · admin admin · 1 SSH key/);
    expect(hubRow(screen, 'Review & apply')).toMatch(/i see every file, command and disk/);

    // Passthrough: the GPU is proposed; add the second isolated USB controller (its ids are shared, so nix-mox
    // binds by address).
    await hub.open('Passthrough', 'Passthrough');
    await hub.focus('USB controllers');
    t.press('enter');
    await t.waitFor('Passthrough › USB controllers');
    await hub.focus('0d:00.3');
    screen = await t.pressAndWait('space');
    expect(selected(screen)).toMatch(
      /\[x\] 0d:00\.3 AMD Matisse USB 3\.0 Host Controller +isolated in IOMMU group 31/,
    );
    screen = await t.pressAndWait('escape');
    expect(screen).toMatch(/USB controllers +03:00\.0, 0d:00\.3/);
    expect(screen).toContain('nix-mox binds by address (driver_override) instead');
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Passthrough')).toMatch(
      /✓ GeForce RTX 3060 Lite Hash Rate \(2 functions\) \+ 2 USB controllers/,
    );

    // Storage: the four blank disks become raidz1, and the datasets go on the new pool.
    await hub.open('Storage', 'Storage');
    t.press('enter');
    await t.waitFor('Storage › New pool');
    await hub.focus('Layout');
    t.press('enter');
    await t.waitFor('Storage › New pool › Layout');
    await hub.focus('raidz1');
    t.press('enter');
    await t.waitFor(/Layout +raidz1 · 24 TB usable/);
    screen = await hub.focus('Save this pool');
    expect(screen).toContain('zpool create -o ashift=12 tank raidz1 /dev/disk/by-id/wwn-0x50014ee2b1c2d3e4');
    t.press('enter');
    await t.waitFor(/New pool +tank · raidz1 · 4 disks/);
    await hub.focus('Datasets on');
    t.press('enter');
    await t.waitFor('Storage › Datasets on');
    await hub.focus('tank');
    t.press('enter');
    await t.waitFor(/Datasets on +tank/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Storage')).toMatch(/✓ new tank raidz1 of 4 disks \(24 TB\) · 5 datasets on tank/);

    // Guests: the Windows VM gets 32 GiB.
    await hub.open('Guests', 'Guests');
    await hub.focus('Windows VM');
    t.press('enter');
    await t.waitFor('Gets the passed-through devices: 01:00.0, 01:00.1, 03:00.0, 0d:00.3');
    await hub.edit('Memory', 'in MiB, or with a unit', '32G', /› Memory +32768 MiB/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Guests')).toMatch(/✓ NixOS LXC 100 · Windows VM 101 · NixOS VM 102/);

    // The suites: development and zfs shells, two messengers, Steam, monitoring.
    await hub.open('Development shells', 'Development shells');
    await hub.check('neovim', /\[x\] development/);
    await hub.backToHub();
    await hub.open('Development shells', 'Development shells');
    await hub.check('sanoid', /\[x\] zfs/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Development shells')).toMatch(/✓ 3 chosen: default, development, zfs/);
    await hub.open('Messaging', 'Messaging and communication');
    await hub.check('signal', /\[x\] Signal/);
    await hub.backToHub();
    await hub.open('Messaging', 'Messaging and communication');
    await hub.check('element', /\[x\] Element/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Messaging')).toMatch(/✓ 2 chosen: Signal, Element/);
    await hub.open('Gaming', 'Gaming');
    screen = await hub.check('steam', /\[x\] Steam/);
    expect(screen).toContain('✓ 32-bit graphics: hardware.graphics.enable and enable32Bit');
    await hub.backToHub();
    await hub.open('Services', 'Services and templates');
    await hub.check('monit', /\[x\] Monitoring/);
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Services')).toMatch(/✓ Monitoring · no profile/);

    // Maintenance: the backups go to the new pool's backups dataset.
    await hub.open('Maintenance', 'Maintenance');
    await hub.focus('Backups');
    t.press('enter');
    await t.waitFor('Maintenance › Backups');
    await hub.focus('Storage');
    t.press('enter');
    await t.waitFor('Maintenance › Backups › Storage');
    await hub.focus('tank-backups');
    t.press('enter');
    screen = await t.waitFor(/› Storage +tank-backups/);
    expect(screen).toContain('vzdump --all 1 --mode snapshot --compress zstd --storage tank-backups');
    screen = await hub.backToHub();
    expect(hubRow(screen, 'Maintenance')).toMatch(/✓ updates Sundays 04:00 · snapshots 24h\/7d\/4w\/12m/);
    expect(hubRow(screen, 'Network')).toMatch(/· vmbr0 as installed · vmbr1 host-only · vmbr2 host-only/);

    // Review: the whole plan, the disks it erases, then the typed confirmation.
    await hub.focus('Review & apply');
    t.press('enter');
    screen = await t.waitFor('[Steps]');
    const summary = /(\d+) steps · (\d+) files · (\d+) commands · reboot needed · 4 disks erased/.exec(
      screen,
    );
    expect(summary).not.toBeNull();
    const steps = Number(summary![1]);
    expect(screen).toMatch(/› +1 \[D\] +Restore point: ZFS snapshot rpool\/ROOT\/pve-1@nix-mox_pre-apply_/);
    expect(screen).toContain("[KRF]  Edit /etc/kernel/cmdline: nix-mox's kernel arguments only  (+1 -1)");
    screen = await t.pressAndWait('tab');
    expect(screen).toContain('Disks that will be erased');
    expect(screen).toContain('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e7  WDC WD80EFZZ-68BTXN0  7.28 TiB');
    expect(screen).toContain(
      'Reboot needed after the run: the kernel command line, initramfs or drivers change.',
    );
    await t.pressAndWait('tab');
    await t.pressAndWait('tab');
    t.press('a');
    screen = await t.waitFor('Type the pool name "tank"');
    expect(screen).toContain(
      '! Destructive: Create ZFS pool tank (raidz1) on 4 disks: everything on them is erased',
    );
    t.press('tank');
    await t.waitFor('│ > tank');
    t.press('enter');
    screen = await t.waitFor(`Apply these ${steps} steps now?`);
    expect(j.calls().filter((c) => c.cmd === 'zpool' && c.argv[0] === 'create')).toEqual([]);
    t.press('y');

    // The run: live panes, then the bridges step waits for a person; y keeps the change.
    screen = await t.waitFor('Network changed: Apply bridges vmbr1, vmbr2', 30_000);
    expect(screen).toMatch(/Reverting in \d+ s/);
    expect(screen).toContain('y keep the change  n revert now');
    expect(screen).toMatch(/nix-mox · nix-mox apply +step \d+\/\d+ · \d:\d\d/);
    expect(screen).toMatch(/… \d+ earlier step\(s\), \d+ done/);
    expect(screen).toMatch(/› \S Apply bridges vmbr1, vmbr2: confirm within 60 s or it reverts/);
    t.press('y');
    screen = await t.waitFor(/✓ Apply bridges vmbr1, vmbr2: confirm within 60 s or it reverts +\d/, 20_000);
    screen = await t.waitFor(`✓ All ${steps} steps done (${steps} ran, 0 skipped)`, 30_000);
    expect(screen).toMatch(/✓ Create \/etc\/nix-mox\/state\.json/);
    await t.waitFor(/^\$\s*$/m);
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);

    // The end: what was done, that a reboot is needed and why, how to undo, where the logs are.
    const end = history(t);
    const logDir = join(j.env['XDG_STATE_HOME']!, 'nix-mox/logs/apply');
    expect(end).toContain(`Applied: ${steps} steps done.`);
    expect(end).toContain(
      'Reboot needed: the kernel command line or early modules changed. Reboot when convenient.',
    );
    expect(end).toMatch(
      /Note: Restore point rpool\/ROOT\/pve-1@nix-mox_pre-apply_\S+: from a rescue shell, zfs/,
    );
    expect(end).toContain(`Logs: ${logDir}`);
    expect(existsSync(join(logDir, 'network-apply.log'))).toBe(true);

    expectFirstInstallDone(j, { bridges: true });
    const stored = storedAnswers(j);
    expect(stored.answers).toEqual(firstInstallAnswers(true));
    expect(stored.applied).toEqual(firstInstallAnswers(true));
  }, 90_000);
});
