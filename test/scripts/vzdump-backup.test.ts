import { afterEach, describe, expect, it } from 'vitest';
import type { ShimEnv } from '../helpers/shim-env';
import { commands, runScript, shimWith } from './helpers';

let shim: ShimEnv | null = null;
afterEach(() => shim?.cleanup());

const guests = [
  { vmid: 100, kind: 'lxc', name: 'nixos', status: 'running', node: 'pve', config: {} },
  { vmid: 101, kind: 'qemu', name: 'windows', status: 'stopped', node: 'pve', config: {} },
];
const KEEP = '--prune-backups keep-daily=7,keep-weekly=4,keep-monthly=6';

describe('vzdump-backup', () => {
  it('backs up the chosen guests in one vzdump run and reports each', async () => {
    shim = shimWith({ guests });
    const r = await runScript(
      'vzdump-backup',
      ['--vmid', '100', '--vmid', '101', '--storage', 'local'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      `vzdump 100 101 --mode snapshot --compress zstd --storage local ${KEEP}`,
    ]);
    expect(r.stdout).toMatch(
      /backup results \(storage local\):\n {2}guest 100: ok \(\d\d:\d\d:\d\d\)\n {2}guest 101: ok \(\d\d:\d\d:\d\d\)\n/,
    );
    const protocol = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(protocol).toEqual([
      '::step back up 100 101 to local',
      '::progress 0/2 starting vzdump',
      '::progress 0/2 guest 100 (lxc)',
      '::progress 1/2 guest 100 done',
      '::progress 1/2 guest 101 (qemu)',
      '::progress 2/2 guest 101 done',
      '::progress 2/2 done',
    ]);
    expect((shim.state('backups') as unknown[]).length).toBe(2);
  });

  it('backs up all guests with --all 1 and its own keeps', async () => {
    shim = shimWith({ guests });
    const r = await runScript(
      'vzdump-backup',
      [
        '--all',
        '--storage',
        'local',
        '--keep-daily',
        '3',
        '--keep-weekly',
        '2',
        '--keep-monthly',
        '1',
        '--mode',
        'stop',
      ],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(commands(shim)).toEqual([
      'vzdump --all 1 --mode stop --compress zstd --storage local --prune-backups keep-daily=3,keep-weekly=2,keep-monthly=1',
    ]);
    expect(r.stdout).toContain('::progress 1/? guest 100 done');
  });

  it('reports a guest that failed and one vzdump never reached, and exits 1', async () => {
    shim = shimWith({ guests });
    const r = await runScript(
      'vzdump-backup',
      ['--vmid', '100', '--vmid', '105', '--storage', 'local'],
      shim.env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}guest 100: ok \(/);
    expect(r.stdout).toContain("  guest 105: FAILED: unable to find VM '105'");
    expect(r.stderr).toMatch(/vzdump-backup: vzdump exited with \d+; 1 guest\(s\) without a backup/);
  });

  it('with --dry-run prints the vzdump command and runs nothing', async () => {
    shim = shimWith({ guests });
    const r = await runScript(
      'vzdump-backup',
      ['--vmid', '101', '--storage', 'backup-nas', '--dry-run'],
      shim.env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `would run: vzdump 101 --mode snapshot --compress zstd --storage backup-nas ${KEEP}\n`,
    );
    expect(commands(shim)).toEqual([]);
  });

  it('rejects bad input with exit 2', async () => {
    const cases: [string[], string][] = [
      [['--storage', 'local'], 'give --all or at least one --vmid'],
      [['--all', '--vmid', '100', '--storage', 'local'], 'give --all or --vmid, not both'],
      [
        ['--vmid', '99', '--storage', 'local'],
        "--vmid '99': a guest id is a whole number from 100 to 999999999",
      ],
      [['--vmid', '100'], '--storage is required'],
      [['--vmid', '100', '--storage', '1bad'], "--storage '1bad' is not a Proxmox storage id"],
      [['--vmid', '100', '--storage', 'local', '--mode', 'live'], "--mode 'live': snapshot, suspend or stop"],
      [
        ['--vmid', '100', '--storage', 'local', '--keep-daily', '-1'],
        "keep counts are whole numbers (got '-1')",
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runScript('vzdump-backup', args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
