// The messaging backup: the app data directories copied out of the guests into the messaging dataset, the dataset
// snapshotted and pruned by scripts/zfs-snapshot (the same retention rules), and `zfs send | zfs receive` to a second
// pool through a pipe between two processes: full the first time, incremental after, refused into a stranger.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/guests/exec';
import type { RolloutEvent } from '../../src/guests/types';
import { dataDirsFor } from '../../src/messaging-backup/app-dirs';
import {
  copySteps,
  coveredBySchedule,
  messagingDataset,
  type MessagingBackupSettings,
} from '../../src/messaging-backup/plan';
import { runMessagingBackup } from '../../src/messaging-backup/run';
import {
  parseEstimate,
  planSend,
  receiveArgv,
  runPipe,
  sendArgv,
  snapshotNames,
} from '../../src/messaging-backup/send';
import { sampleAnswers } from '../helpers/sample';
import { makeShimEnv } from '../helpers/shim-env';
import { repoRoot, sharedAvailable } from '../helpers/shared';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const settings = (over: Partial<MessagingBackupSettings> = {}): MessagingBackupSettings => ({
  dataset: 'tank/messaging',
  mountpoint: '/tank/messaging',
  user: 'alex',
  apps: ['signal', 'thunderbird'],
  label: 'daily',
  keep: 7,
  scriptsDir: join(repoRoot, 'scripts'),
  target: null,
  ...over,
});

describe('planning the messaging backup', () => {
  it('finds the messaging dataset in the answers, and whether a snapshot timer already covers it', () => {
    const a = sampleAnswers();
    expect(messagingDataset(a)).toBeNull();
    const b = { ...a, storage: { ...a.storage, datasetPool: 'tank', datasets: ['messaging' as const] } };
    expect(messagingDataset(b)).toBe('tank/messaging');
    expect(
      coveredBySchedule(
        {
          ...b,
          maintenance: { ...b.maintenance, snapshots: { ...b.maintenance.snapshots, pools: ['tank'] } },
        },
        'tank/messaging',
      ),
    ).toBe(true);
    expect(
      coveredBySchedule(
        {
          ...b,
          maintenance: { ...b.maintenance, snapshots: { ...b.maintenance.snapshots, pools: ['rpool'] } },
        },
        'tank/messaging',
      ),
    ).toBe(false);
  });

  it("copies each chosen app's folders with rsync: over SSH from a VM, from the mounted root of a container", () => {
    expect(dataDirsFor(['thunderbird', 'signal'])).toEqual(['.config/Signal', '.thunderbird']);
    const { steps, notes } = copySteps(
      [
        { guest: 'nixos-vm', access: { kind: 'ssh', destination: 'root@192.168.1.50' } },
        { guest: 'nixos-lxc', access: { kind: 'path', root: '/rpool/data/subvol-100-disk-0' } },
        { guest: 'old-vm', access: { kind: 'none', reason: 'only the guest agent answers' } },
      ],
      settings(),
    );
    expect(steps.map((s) => s.argv)).toEqual([
      ['mkdir', '-p', '/tank/messaging/nixos-vm/alex'],
      [
        'rsync',
        '--archive',
        '--relative',
        '--delete',
        '--ignore-missing-args',
        '--rsh',
        'ssh -o BatchMode=yes -o ConnectTimeout=10',
        'root@192.168.1.50:/home/alex/./.config/Signal',
        'root@192.168.1.50:/home/alex/./.thunderbird',
        '/tank/messaging/nixos-vm/alex/',
      ],
      ['mkdir', '-p', '/tank/messaging/nixos-lxc/alex'],
      [
        'rsync',
        '--archive',
        '--relative',
        '--delete',
        '--ignore-missing-args',
        '/rpool/data/subvol-100-disk-0/home/alex/./.config/Signal',
        '/rpool/data/subvol-100-disk-0/home/alex/./.thunderbird',
        '/tank/messaging/nixos-lxc/alex/',
      ],
    ]);
    expect(notes).toEqual(['old-vm: not copied (only the guest agent answers)']);
  });

  it('sends incrementally from the newest common snapshot, fully into a new dataset, and never over a stranger', () => {
    const src = ['a', 'b', 'c'];
    expect(planSend(src, null, 'tank/messaging', 'backup/messaging')).toEqual({ kind: 'full', to: 'c' });
    expect(planSend(src, ['a', 'b'], 'tank/messaging', 'backup/messaging')).toEqual({
      kind: 'incremental',
      from: 'b',
      to: 'c',
    });
    expect(planSend(src, ['a', 'b', 'c'], 'tank/messaging', 'backup/messaging')).toEqual({
      kind: 'up-to-date',
      to: 'c',
    });
    expect(planSend(src, ['x'], 'tank/messaging', 'backup/messaging')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/has no snapshot in common .* does not overwrite it/),
    });
    expect(planSend([], null, 'tank/messaging', 'b/m')).toEqual({
      kind: 'error',
      message: 'tank/messaging has no snapshot to send',
    });
    const inc = { kind: 'incremental' as const, from: 'b', to: 'c' };
    expect(sendArgv(inc, 'tank/messaging')).toEqual([
      'zfs',
      'send',
      '-I',
      'tank/messaging@b',
      'tank/messaging@c',
    ]);
    expect(sendArgv(inc, 'tank/messaging', true)).toEqual([
      'zfs',
      'send',
      '-n',
      '-P',
      '-I',
      'tank/messaging@b',
      'tank/messaging@c',
    ]);
    expect(receiveArgv(inc, 'backup/messaging')).toEqual(['zfs', 'receive', '-u', '-F', 'backup/messaging']);
    expect(receiveArgv({ kind: 'full', to: 'c' }, 'backup/messaging')).toEqual([
      'zfs',
      'receive',
      '-u',
      'backup/messaging',
    ]);
    expect(parseEstimate('incremental\tb\ttank/messaging@c\t524288\nsize\t524288\n')).toBe(524288);
    expect(
      snapshotNames('tank/messaging@a\t1\ntank/messaging/sub@z\t2\ntank/messaging@b\t3\n', 'tank/messaging'),
    ).toEqual(['a', 'b']);
  });
});

describe.skipIf(!sharedAvailable())('running the messaging backup against the shims', () => {
  function host() {
    const shim = makeShimEnv({
      state: {
        zfs: {
          pools: [
            {
              name: 'tank',
              health: 'ONLINE',
              sizeBytes: 16e12,
              allocBytes: 1e12,
              layout: 'raidz1',
              disks: [],
            },
            {
              name: 'backup',
              health: 'ONLINE',
              sizeBytes: 4e12,
              allocBytes: 1e9,
              layout: 'single',
              disks: [],
            },
          ],
          datasets: [
            { name: 'tank', properties: { mountpoint: '/tank' } },
            { name: 'tank/messaging', properties: { mountpoint: '/tank/messaging' } },
            { name: 'backup', properties: { mountpoint: '/backup' } },
          ],
          snapshots: [],
        },
      },
    });
    cleanups.push(shim.cleanup);
    const work = mkdtempSync(join(tmpdir(), 'nix-mox-msg-'));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    // The container's root file system as the host sees it, with Signal's data in the user's home.
    const root = join(work, 'subvol-100-disk-0');
    mkdirSync(join(root, 'home/alex/.config/Signal'), { recursive: true });
    writeFileSync(join(root, 'home/alex/.config/Signal/config.json'), '{"key":"by file only"}\n');
    const mountpoint = join(work, 'messaging');
    const env = {
      ...shim.env,
      PATH: `${resolve(repoRoot, 'test/messaging-backup/bin')}:${shim.env.PATH}`,
      TZ: 'UTC',
      NIX_MOX_NOW: String(Date.parse('2026-05-20T03:00:00Z') / 1000),
      NIX_MOX_SHIM_NOW: '2026-05-20T03:00:00Z',
    };
    const events: RolloutEvent[] = [];
    const emit = (e: RolloutEvent) => events.push(e);
    const deps = {
      exec: createExecutor({ logDir: join(work, 'logs'), env, asRoot: true }, emit),
      emit,
      run: async (argv: string[]) => {
        const r = await execa(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, reject: false });
        return { code: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
      },
      logDir: join(work, 'logs'),
      env,
      asRoot: true,
    };
    return { shim, root, mountpoint, deps, events, env };
  }

  it('copies the app data, snapshots by the retention rules, and sends it to the second pool: full, then incremental', async () => {
    const h = host();
    const s = settings({ mountpoint: h.mountpoint, target: 'backup/messaging' });
    const sources = [{ guest: 'nixos-lxc', access: { kind: 'path' as const, root: h.root } }];
    const first = await runMessagingBackup(sources, s, h.deps);
    expect(first.status).toBe('updated');
    expect(first.reason).toMatch(
      /^Snapshotted tank\/messaging and sent it to backup\/messaging \(full, \d+ bytes\)\.$/,
    );
    expect(readFileSync(join(h.mountpoint, 'nixos-lxc/alex/.config/Signal/config.json'), 'utf8')).toContain(
      'by file only',
    );
    const zfs = () => (h.shim.state('zfs') as { snapshots: { name: string }[] }).snapshots.map((x) => x.name);
    expect(zfs()).toEqual([
      'tank/messaging@nix-mox_daily_2026-05-20T03:00',
      'backup/messaging@nix-mox_daily_2026-05-20T03:00',
    ]);
    const calls = h.shim.calls().map((c) => [c.cmd, ...c.argv].join(' '));
    // The estimate first; then the two ends of the pipe, started together (so in either order).
    const replication = calls.filter((c) => c.startsWith('zfs send') || c.startsWith('zfs receive'));
    expect(replication[0]).toBe('zfs send -n -P tank/messaging@nix-mox_daily_2026-05-20T03:00');
    expect(replication.slice(1).sort()).toEqual([
      'zfs receive -u backup/messaging',
      'zfs send tank/messaging@nix-mox_daily_2026-05-20T03:00',
    ]);
    // The send step showed a byte count as it went, and its log names both commands of the pipe.
    const progress = h.events.filter(
      (e) => e.type === 'run' && e.event.stepId === 'messaging.send' && e.event.type === 'progress',
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(readFileSync(join(h.deps.logDir, 'messaging.send.log'), 'utf8')).toContain(
      '# $ zfs send tank/messaging@nix-mox_daily_2026-05-20T03:00 | zfs receive -u backup/messaging',
    );

    // A day later: one more snapshot, sent incrementally.
    const later = {
      ...h.deps.env,
      NIX_MOX_NOW: String(Date.parse('2026-05-21T03:00:00Z') / 1000),
      NIX_MOX_SHIM_NOW: '2026-05-21T03:00:00Z',
    };
    const deps2 = {
      ...h.deps,
      env: later,
      exec: createExecutor({ logDir: h.deps.logDir, env: later, asRoot: true }, h.deps.emit),
    };
    const second = await runMessagingBackup(sources, s, deps2);
    expect(second.reason).toMatch(/\(incremental, \d+ bytes\)/);
    expect(zfs()).toContain('backup/messaging@nix-mox_daily_2026-05-21T03:00');
    expect(h.shim.calls().map((c) => [c.cmd, ...c.argv].join(' '))).toContain(
      'zfs receive -u -F backup/messaging',
    );
  });

  it('stops before sending when the target pool is not imported, after the snapshot was taken', async () => {
    const h = host();
    const s = settings({ mountpoint: h.mountpoint, target: 'usbdisk/messaging' });
    const o = await runMessagingBackup(
      [{ guest: 'nixos-lxc', access: { kind: 'path', root: h.root } }],
      s,
      h.deps,
    );
    expect(o.status).toBe('failed');
    expect(o.reason).toBe(
      "The pool 'usbdisk' of usbdisk/messaging is not imported: plug in the disk and run zpool import usbdisk, then run the backup again. The snapshot on tank/messaging was taken.",
    );
  });

  it('reports a receive that fails, with both exit codes, without leaving the sender running', async () => {
    const h = host();
    h.shim.fail('zfs receive', { code: 1, stderr: 'cannot receive new filesystem stream: out of space\n' });
    const r = await runPipe(
      ['zfs', 'send', 'tank/messaging@x'],
      ['zfs', 'receive', '-u', 'backup/messaging'],
      {
        env: h.env,
        asRoot: true,
        onBytes: () => {},
        onLine: () => {},
      },
    );
    expect(r.receiveCode).toBe(1);
    expect(r.sendCode).not.toBe(0); // the snapshot does not exist either; both sides are reported
  });
});

describe.skipIf(!sharedAvailable())(
  'nix-mox backup --messaging (the command the lead wires into backup)',
  () => {
    async function command(opts: Record<string, unknown>, dryRun = true) {
      const { cpSync } = await import('node:fs');
      const { runMessagingBackupCommand } = await import('../../src/messaging-backup/command');
      const { captureIo } = await import('../helpers/cli-io');
      const { demoHost, demoHostWithGuests } = await import('../guests/fixture');
      const state = demoHostWithGuests() as {
        zfs: { datasets: { name: string; properties?: Record<string, string> }[] };
      };
      state.zfs.datasets.push({ name: 'rpool/messaging', properties: { mountpoint: '/rpool/messaging' } });
      const shim = makeShimEnv({ state });
      cleanups.push(shim.cleanup);
      const home = mkdtempSync(join(tmpdir(), 'nix-mox-msg-cli-'));
      cleanups.push(() => rmSync(home, { recursive: true, force: true }));
      cpSync(join(demoHost, 'root'), join(home, 'root'), { recursive: true });
      const io = captureIo({
        env: {
          ...process.env,
          ...shim.env,
          PATH: `${join(demoHost, 'bin')}:${shim.env.PATH}`,
          XDG_STATE_HOME: join(home, 'state'),
          TZ: 'UTC',
        },
      });
      const ctx = {
        global: {
          root: join(home, 'root'),
          dryRun,
          answers: join(repoRoot, 'test/fixtures/answers/demo.json'),
          yes: false,
          logDir: undefined,
          json: false,
        },
        args: [],
        opts,
        io,
      };
      const code = await runMessagingBackupCommand(ctx, async () => {
        throw new Error('no panes without a terminal');
      });
      return { code, out: io.out(), err: io.err() };
    }

    it('--dry-run shows the copy out of the NixOS VM, the snapshot by the retention rules, and the send', async () => {
      const r = await command({ to: 'backup/messaging' });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out.split('\n')).toEqual([
        'Make /rpool/messaging/nixos-vm/alex',
        '    $ mkdir -p /rpool/messaging/nixos-vm/alex',
        "Copy alex's messaging data out of nixos-vm (3 folders)",
        `    $ rsync --archive --relative --delete --ignore-missing-args --rsh ssh -o BatchMode=yes -o ConnectTimeout=10 root@192.168.1.50:/home/alex/./.config/Element root@192.168.1.50:/home/alex/./.config/Signal root@192.168.1.50:/home/alex/./.thunderbird /rpool/messaging/nixos-vm/alex/`,
        'Snapshot rpool/messaging (daily, keep 7)',
        `    $ ${join(repoRoot, 'scripts')}/zfs-snapshot --pool rpool/messaging --label daily --keep 7`,
        'Send the new snapshots to backup/messaging (zfs send | zfs receive; incremental when it has an earlier one)',
        '',
      ]);
    });

    it('refuses a target on the same pool, a bad label, and a target that is not a dataset', async () => {
      expect((await command({ to: 'rpool/messaging-copy' })).err).toBe(
        'nix-mox backup --messaging: --to rpool/messaging-copy is on the same pool as rpool/messaging: choose a second pool or an external disk\n',
      );
      expect((await command({ label: 'Daily_1' })).err).toContain("--label 'Daily_1': a-z, 0-9 and -");
      expect((await command({ to: 'backup' })).err).toContain(
        "--to 'backup': a dataset on the other pool, like backup/messaging",
      );
    });
  },
);
