// The built program in a real terminal (tmux) running a plan of several shimmed steps: the live panes, a
// failing step with the failure view and its log path, the full log, then --resume finishing the rest
// without running the finished step again; and Ctrl-C asking, then stopping a step that hangs.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeShimEnv, shimBinDir, type ShimEnv } from '../helpers/shim-env';
import { bundlePath, TmuxSession } from '../helpers/tmux';

let t: TmuxSession;
let home: string;
let shim: ShimEnv;

const pool = (name: string) => ({
  name,
  health: 'ONLINE',
  sizeBytes: 1e12,
  allocBytes: 1e9,
  layout: 'mirror',
  disks: [],
});

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nix-mox-e2e-run-'));
  shim = makeShimEnv({
    state: {
      zfs: {
        pools: [pool('rpool'), pool('backup')],
        datasets: [
          { name: 'rpool', properties: {} },
          { name: 'backup', properties: {} },
        ],
        snapshots: [],
      },
    },
  });
  // A slower zfs snapshot, so a running pane stays on screen long enough to be seen.
  writeFileSync(
    join(home, 'zfs'),
    `#!/usr/bin/env bash\nif [[ $1 == snapshot ]]; then echo "taking $2"; sleep 1.5; fi\nexec ${shimBinDir}/zfs "$@"\n`,
  );
  chmodSync(join(home, 'zfs'), 0o755);
  t = TmuxSession.start({
    columns: 100,
    rows: 30,
    env: {
      NIX_MOX_SHIM_LOG: shim.env.NIX_MOX_SHIM_LOG,
      NIX_MOX_SHIM_STATE: shim.env.NIX_MOX_SHIM_STATE,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_STATE_HOME: join(home, 'state'),
      TZ: 'UTC',
      NIX_MOX_NOW: '1777604400',
      NIX_MOX_SHIM_NOW: '1777604400',
    },
  });
  // tmux takes PATH from the client, not from -e: set it in the shell.
  t.run(`export PATH='${home}:${shim.env.PATH}'`);
});
afterEach(() => {
  t.kill();
  shim.cleanup();
  rmSync(home, { recursive: true, force: true });
});

/** The program has exited when the shell's prompt is back (keys typed before that would go to the program). */
const promptBack = () => t.waitFor(/^\$\s*$/m);

const snapshotCalls = () =>
  shim
    .calls()
    .filter((c) => c.cmd === 'zfs' && c.argv[0] === 'snapshot')
    .map((c) => c.argv.slice(1).join(' '));

describe('running a plan in a real terminal', () => {
  it('shows the panes, the failure view with the log path, the full log, and resumes', async () => {
    const logDir = join(home, 'logs');
    t.run(
      `node ${bundlePath} snapshot --pool rpool --pool tank --pool backup --label daily --log-dir ${logDir}`,
    );

    // a running pane: spinner row, bar row with the script's progress, the step's last output lines
    // (the zfs wrapper prints "taking" and then sleeps, so this frame stays for a while)
    let screen = await t.waitFor('│ taking -r');
    expect(screen).toMatch(/^ {4}░+ 0\/1 snapshot rpool@nix-mox_daily_2026-05-01T03:00$/m);
    expect(screen).toMatch(/nix-mox · snapshot +step 1\/3 · \d:\d\d/);
    expect(screen).toMatch(/› \S Snapshot rpool \(daily\) +\d:\d\d/);
    expect(screen).toMatch(/· Snapshot backup \(daily\)/);

    // tank does not exist: its step fails, the run stops there and says what to do next
    screen = await t.waitFor('Next: read the log');
    expect(screen).toMatch(/✓ Snapshot rpool \(daily\) +\d+\.\d s/);
    expect(screen).toMatch(/› ✗ Snapshot tank \(daily\) +exit 1 · /);
    expect(screen).toContain("│ cannot open 'tank': dataset does not exist");
    expect(screen).toContain(`Log: ${join(logDir, 'snapshot-tank.log')}`);
    expect(screen).toContain('Next: read the log (enter), fix the cause, then: nix-mox snapshot --resume');
    expect(screen).toMatch(/· Snapshot backup \(daily\)/);
    expect(screen).toMatch(/✗ failed · 1\/3 done/);

    screen = await t.pressAndWait('enter');
    expect(screen).toContain(`Log · Snapshot tank (daily) · ${join(logDir, 'snapshot-tank.log')}`);
    expect(screen).toContain('# nix-mox step snapshot-tank: Snapshot tank (daily)');
    expect(screen).toContain("cannot open 'tank': dataset does not exist");
    screen = await t.pressAndWait('escape');
    expect(screen).toContain('Next: read the log');

    t.press('q');
    await promptBack();
    expect(await t.exitStatus()).toBe(1);
    expect(await t.terminalIsSane()).toBe(true);
    expect(snapshotCalls()).toEqual(['-r rpool@nix-mox_daily_2026-05-01T03:00']);

    // fix the cause, then resume: rpool is not snapshotted again, tank and backup are
    const zfs = shim.state('zfs') as { pools: unknown[]; datasets: unknown[] };
    zfs.pools.push(pool('tank'));
    zfs.datasets.push({ name: 'tank', properties: {} });
    shim.writeState('zfs', zfs);
    t.run('clear');
    t.run(`node ${bundlePath} snapshot --resume --log-dir ${logDir}`);
    screen = await t.waitFor('All 3 steps done (2 ran, 1 skipped)', 20_000);
    expect(screen).toMatch(/↷ Snapshot rpool \(daily\) +skipped: finished in an earlier run/);
    expect(screen).toMatch(/✓ Snapshot tank \(daily\) +\d/);
    expect(screen).toMatch(/✓ Snapshot backup \(daily\) +\d/);
    await promptBack();
    expect(await t.exitStatus()).toBe(0);
    expect(snapshotCalls()).toEqual([
      '-r rpool@nix-mox_daily_2026-05-01T03:00',
      '-r tank@nix-mox_daily_2026-05-01T03:00',
      '-r backup@nix-mox_daily_2026-05-01T03:00',
    ]);
  });

  it('asks on Ctrl-C, then stops a step that hangs, and leaves the terminal sane', async () => {
    shim.fail('zfs snapshot', { hang: true, stdout: 'working...\n' });
    const logDir = join(home, 'logs');
    t.run(`node ${bundlePath} snapshot --pool rpool --label daily --log-dir ${logDir}`);
    await t.waitFor('│ working...');
    let screen = await t.pressAndWait('ctrlC');
    expect(screen).toContain('Stop the run? The running step and everything it started will be stopped.');
    expect(screen).toContain('y stop the run · n keep going');
    t.press('n');
    screen = await t.waitFor('ctrl-c stop');
    expect(screen).not.toContain('Stop the run?');
    t.press('ctrlC');
    await t.waitFor('Stop the run?');
    t.press('y');
    screen = await t.waitFor('To continue from this step: nix-mox snapshot --resume', 15_000);
    expect(screen).toMatch(/■ Snapshot rpool \(daily\) +stopped · /);
    expect(screen).toContain('! cancelled; stopped the step and everything it started');
    t.press('q');
    await promptBack();
    expect(await t.exitStatus()).toBe(130);
    expect(await t.terminalIsSane()).toBe(true);
  });
});
