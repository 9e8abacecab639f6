// `nix-mox update --guests` without a terminal: plain lines per guest and step, the summary, the exit code; the
// dry run that only shows the guests and how each is reached; and the options it refuses.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli';
import { parseSshHosts, strategyOf } from '../../src/guests/command';
import { captureIo } from '../helpers/cli-io';
import { repoRoot, sharedAvailable } from '../helpers/shared';
import { makeShimEnv } from '../helpers/shim-env';
import { demoHost, demoHostWithGuests } from './fixture';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const answers = join(repoRoot, 'test/fixtures/answers/demo.json');

function demo(withFlake = true) {
  const shim = makeShimEnv({ state: demoHostWithGuests() });
  cleanups.push(shim.cleanup);
  const home = mkdtempSync(join(tmpdir(), 'nix-mox-guests-cli-'));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  const root = join(home, 'root');
  cpSync(join(demoHost, 'root'), root, { recursive: true });
  if (withFlake) {
    mkdirSync(join(root, 'etc/nix-mox/flake'), { recursive: true });
    writeFileSync(join(root, 'etc/nix-mox/flake/flake.nix'), '{ outputs = { self, nixpkgs }: { }; }\n');
  }
  const io = captureIo({
    env: {
      ...process.env,
      ...shim.env,
      PATH: `${join(demoHost, 'bin')}:${shim.env.PATH}`,
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CONFIG_HOME: join(home, 'config'),
      TZ: 'UTC',
      NIX_MOX_NOW: '1779249600',
      NIX_MOX_SHIM_NOW: '1779249600',
    },
  });
  return { shim, root, io, home };
}

describe('options of update --guests', () => {
  it('refuses --sequential with --colmena, and an --ssh that is not name=host', () => {
    expect(() => strategyOf({ sequential: true, colmena: true })).toThrow(
      '--sequential and --colmena: choose one',
    );
    expect(strategyOf({ sequential: true })).toBe('sequential');
    expect(strategyOf({})).toBe('auto');
    expect(parseSshHosts(['nixos-vm=192.168.1.50', 'media=media.lan'])).toEqual({
      'nixos-vm': '192.168.1.50',
      media: 'media.lan',
    });
    expect(() => parseSshHosts(['nixos-vm'])).toThrow(
      "--ssh 'nixos-vm': use name=host, e.g. --ssh nixos-vm=192.168.1.50",
    );
    expect(() => parseSshHosts(['vm=host;rm -rf /'])).toThrow(/use name=host/);
  });
});

describe.skipIf(!sharedAvailable())('nix-mox update --guests without a terminal', () => {
  it('--dry-run shows the guests, how each is reached and what would run, and changes nothing', async () => {
    const d = demo();
    const code = await runCli(
      ['update', '--guests', '--dry-run', '--answers', answers, '--root', d.root],
      d.io,
    );
    expect(d.io.err()).toBe('');
    expect(code).toBe(0);
    expect(d.io.out().split('\n')).toEqual([
      'Would update 2 NixOS guest(s): 2 targets: colmena deploys them together over SSH.',
      '  nixos-lxc (CT 100) through pct exec 100: nix flake update, dry-build, snapshot rpool/data/subvol-100-disk-0, switch, health check',
      '  nixos-vm (VM 102) through ssh root@192.168.1.50: nix flake update, dry-build, snapshot rpool/data/vm-102-disk-0, switch, health check',
      '  windows (VM 101): Windows Update through the QEMU guest agent',
      '',
    ]);
    const changing = d.shim
      .calls()
      .filter((c) => ['snapshot', 'exec', 'push', 'apply'].includes(c.argv[0] ?? '') && c.cmd !== 'ssh');
    expect(changing).toEqual([]);
  });

  it("prints each guest's steps as plain lines and the summary, and exits 1 when a guest was rolled back", async () => {
    const d = demo();
    const code = await runCli(
      ['update', '--guests', '--sequential', '--no-windows', '--answers', answers, '--root', d.root],
      d.io,
    );
    const out = d.io.out();
    expect(code).toBe(1);
    expect(out).toContain('Updating 2 NixOS guest(s): one guest at a time, as asked (--sequential).');
    expect(out).toContain('== nixos-lxc (CT 100, pct exec 100)');
    expect(out).toContain('[nixos-lxc] <== ok');
    expect(out).toMatch(
      /\[nixos-vm\] <== FAILED \(exit 4 after .*\): Switch nixos-vm to the new configuration \(nixos-rebuild switch\)/,
    );
    expect(out).toContain('[nixos-vm]     warning: the following units failed: nginx.service');
    expect(out).toContain('[nixos-vm] --> Roll back: make generation 41 the system profile again');
    expect(out).toMatch(
      /\n1 updated, 1 rolled back \(of 2 guests; NixOS one at a time\)\n {2}nixos-lxc +updated +Switched and healthy\./,
    );
    expect(out).toMatch(/Logs: .*\/nix-mox\/logs\/update-guests\n$/);
    expect(d.shim.calls().some((c) => c.argv.includes('101'))).toBe(false);
  });

  it('says to run apply first when the host has no flake yet', async () => {
    const d = demo(false);
    const code = await runCli(['update', '--guests', '--answers', answers, '--root', d.root], d.io);
    expect(code).toBe(1);
    expect(d.io.err()).toBe(
      `nix-mox update --guests: no flake at ${d.root}/etc/nix-mox/flake: run nix-mox apply first\n`,
    );
  });
});
