// Journey 4: the first install without a terminal, from a saved answers file, as a script or CI would run it:
// `nix-mox apply --answers FILE --yes --confirm tank` prints plain lines and never asks. The bridges stay off in
// that file: their change waits for a person at a terminal to confirm it, or reverts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePath } from '../helpers/tmux';
import { type DemoJourney, callLine, demoJourney, proxmoxApiAvailable } from '../journeys/demo-journey';
import {
  expectFirstInstallDone,
  firstInstallAnswers,
  firstInstallAnswersFile,
  storedAnswers,
} from '../journeys/first-install-checks';

let j: DemoJourney;

const canRun = proxmoxApiAvailable();

beforeAll(() => {
  if (!canRun) return;
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build first`);
  j = demoJourney();
});
afterAll(() => j?.cleanup());

/** The built program with pipes for stdin, stdout and stderr: no terminal anywhere. */
function nixMox(...args: string[]) {
  const r = spawnSync(process.execPath, [bundlePath, ...args, '--root', j.root], {
    env: { ...j.env, CI: 'true' },
    encoding: 'utf8',
    input: '',
    timeout: 45_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Commands that change something (the read-only probes and skip checks left out). */
const changes = () =>
  j
    .calls()
    .map(callLine)
    .filter((c) =>
      /^(zpool create|zfs (create|snapshot)|qm (create|set)|pct (create|start)|pvesm add|systemctl (enable|daemon-reload)|ifreload -a$)/.test(
        c,
      ),
    );

describe.skipIf(!canRun)('journey: the first install from a saved answers file, without a terminal', () => {
  it('refuses what needs a person, shows the plan, applies it in plain lines, and is idempotent', () => {
    // The bridges change needs someone to confirm it at a terminal within the countdown, or it reverts.
    const withBridges = join(j.env['XDG_CONFIG_HOME']!, 'with-bridges.json');
    writeFileSync(withBridges, JSON.stringify(firstInstallAnswers(true)));
    let r = nixMox('apply', '--answers', withBridges, '--yes', '--confirm', 'tank');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'nix-mox apply: the bridges change waits for a confirmation typed in a terminal, or reverts',
    );

    // Destroying four disks needs the pool's name given, as the wizard needs it typed.
    r = nixMox('apply', '--answers', firstInstallAnswersFile, '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nix-mox apply: destructive steps need their name typed: add --confirm tank');

    // Without --yes nothing runs either, and the message says what to add.
    r = nixMox('apply', '--answers', firstInstallAnswersFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('without a terminal, add --yes to run the plan');
    expect(changes()).toEqual([]);

    // The plan as text: what will run, with risk tags, and the disks it erases.
    r = nixMox('plan', '--answers', firstInstallAnswersFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^73 steps: 46 file writes, 27 commands\.$/m);
    expect(r.stdout).toMatch(
      /^49\. \[D\] +Create ZFS pool tank \(raidz1\) on 4 disks: everything on them is erased$/m,
    );
    expect(r.stdout).toMatch(
      /^ *\$ zpool create -o ashift=12 tank raidz1 \/dev\/disk\/by-id\/wwn-0x50014ee2b1c2d3e4 /m,
    );
    expect(changes()).toEqual([]);

    // The run: one plain line per step start and end, each step's log path, then the summary.
    const started = Date.now();
    r = nixMox('apply', '--answers', firstInstallAnswersFile, '--yes', '--confirm', 'tank');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(40_000);
    const out = r.stdout;
    expect(out).not.toMatch(/\u001b\[/);
    const logDir = join(j.env['XDG_STATE_HOME']!, 'nix-mox/logs/apply');
    expect(out.split('\n')[0]).toMatch(
      /^==> \[1\/73\] Restore point: ZFS snapshot rpool\/ROOT\/pve-1@nix-mox_pre-apply_\S+$/,
    );
    expect(out).toContain(`    log: ${join(logDir, 'restore-point.log')}`);
    expect(out).toMatch(
      /^<== ok: \[49\/73\] Create ZFS pool tank \(raidz1\) on 4 disks: everything on them is erased \(\d+ ms\)$/m,
    );
    expect(out).toContain('    efidisk0: successfully created disk');
    expect(out).toMatch(/^All done: 73 ran, 0 skipped\.$/m);
    expect(out).toMatch(/^Applied: 73 steps done\.$/m);
    expect(out).toMatch(
      /^Reboot needed: the kernel command line or early modules changed\. Reboot when convenient\.$/m,
    );
    expect(out).toMatch(
      /^Note: Restore point rpool\/ROOT\/pve-1@nix-mox_pre-apply_\S+: from a rescue shell, zfs rollback -r /m,
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe(`Logs: ${logDir}`);
    expect(out.match(/^==> /gm)).toHaveLength(73);
    expect(out.match(/^<== ok: /gm)).toHaveLength(73);

    // Every step has its log, and the journal says the run finished.
    const logs = readdirSync(logDir);
    expect(logs).toContain('zpool-create-tank.log');
    expect(readFileSync(join(logDir, 'zpool-create-tank.log'), 'utf8')).toContain(
      'zpool create -o ashift=12 tank raidz1',
    );
    expect(JSON.parse(readFileSync(join(logDir, 'journal.json'), 'utf8'))).toMatchObject({ finished: true });

    expectFirstInstallDone(j, { bridges: false });
    // The answers are recorded as applied, so the wizard reopens on them and marks later changes.
    expect(storedAnswers(j).applied).toEqual(firstInstallAnswers(false));

    // Applying the same file again changes nothing.
    const before = changes().length;
    r = nixMox('apply', '--answers', firstInstallAnswersFile, '--yes', '--confirm', 'tank');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('nix-mox apply: nothing to do; the machine already matches the answers.\n');
    expect(changes()).toHaveLength(before);
  }, 60_000);
});
