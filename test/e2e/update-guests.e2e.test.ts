// `nix-mox update --guests` in a real terminal (tmux) on the demo host with three guests: the NixOS container
// updates cleanly, the NixOS VM's switch leaves nginx failed and is rolled back to its previous generation, and
// Windows is updated through its guest agent and rebooted. The live panes show each guest, the rollback and the
// summary; the program exits 1 (a guest was rolled back) and leaves the terminal sane.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoHost, demoHostWithGuests } from '../guests/fixture';
import { repoRoot, sharedAvailable } from '../helpers/shared';
import { type ShimEnv, makeShimEnv, shimBinDir } from '../helpers/shim-env';
import { TmuxSession, bundlePath } from '../helpers/tmux';

let t: TmuxSession;
let home: string;
let shim: ShimEnv;
let root: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nix-mox-e2e-guests-'));
  shim = makeShimEnv({ state: demoHostWithGuests() });
  root = join(home, 'root');
  cpSync(join(demoHost, 'root'), root, { recursive: true });
  mkdirSync(join(root, 'etc/nix-mox/flake/hosts/nixos-vm'), { recursive: true });
  writeFileSync(join(root, 'etc/nix-mox/flake/flake.nix'), '{ outputs = { self, nixpkgs }: { }; }\n');
  t = TmuxSession.start({
    columns: 110,
    rows: 36,
    env: {
      NIX_MOX_SHIM_LOG: shim.env.NIX_MOX_SHIM_LOG,
      NIX_MOX_SHIM_STATE: shim.env.NIX_MOX_SHIM_STATE,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_STATE_HOME: join(home, 'state'),
      TZ: 'UTC',
      NIX_MOX_NOW: '1779249600',
      NIX_MOX_SHIM_NOW: '1779249600',
    },
  });
  // Slower switches and rollbacks, so that the running panes stay on screen long enough to be seen.
  const slow = join(home, 'slow');
  mkdirSync(slow);
  for (const [tool, when] of [
    ['pct', 'nixos-rebuild switch'],
    ['ssh', 'switch-generation'],
  ] as const) {
    writeFileSync(
      join(slow, tool),
      `#!/usr/bin/env bash\nif [[ "$*" == *"${when}"* ]]; then echo "building the system configuration..." >&2; sleep 1.5; fi\nexec ${shimBinDir}/${tool} "$@"\n`,
    );
    chmodSync(join(slow, tool), 0o755);
  }
  t.run(`export PATH='${slow}:${join(demoHost, 'bin')}:${shim.env.PATH}'`);
});
afterEach(() => {
  t.kill();
  shim.cleanup();
  rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!sharedAvailable())('nix-mox update --guests in a real terminal', () => {
  it('updates three guests, rolls back the one whose switch fails, and goes on with the next', async () => {
    const answers = join(repoRoot, 'test/fixtures/answers/demo.json');
    t.run(`node ${bundlePath} update --guests --sequential --answers ${answers} --root ${root}`);

    // While it runs: the guests as groups, the working guest's steps under it.
    let screen = await t.waitFor(
      /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Switch nixos-lxc to the new configuration[^\n]*\n[^\n]*│ building the system configuration/,
      30_000,
    );
    expect(screen).toContain('nix-mox · update --guests');
    expect(screen).toContain('Updating 2 NixOS guest(s): one guest at a time, as asked (--sequential).');
    expect(screen).toMatch(/nixos-lxc \(CT 100, pct exec 100\)/);
    // The steps already done in the container, and the running switch's pane with its last output line.
    expect(screen).toMatch(
      /✓ Snapshot the guest's disks on the host: rpool\/data\/subvol-100-disk-0@nix-mox_pre-update/,
    );
    expect(screen).toMatch(/│ building the system configuration\.\.\./);

    screen = await t.waitFor(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Roll back: make generation 41 the system profile again/, 60_000);
    // The container is done by now; the VM is rolling back after its switch failed.
    expect(screen).toMatch(/✓ nixos-lxc .* updated/);
    expect(screen).toMatch(/✗ Switch nixos-vm to the new configuration .* exit 4/);

    screen = await t.waitFor(/q quit/, 60_000);
    expect(screen).toMatch(/✓ nixos-lxc \(CT 100, pct exec 100\) +updated/);
    expect(screen).toMatch(/↺ nixos-vm \(VM 102, ssh root@192\.168\.1\.50\) +ROLLED BACK/);
    // The reason, wrapped under the guest's line.
    expect(screen).toMatch(
      /ROLLED BACK · \d:\d\d\n +nixos-rebuild switch failed \(exit 4: warning: error\(s\) occurred while switching to the new\n +configuration\); rolled back to generation 41, and nixos-vm is healthy again/,
    );
    expect(screen).toMatch(/✓ windows \(VM 101, Windows Update through the guest agent\) +updated/);
    expect(screen).toContain('2 updated, 1 rolled back (of 3 guests; NixOS one at a time)');

    // Enter opens the log of the rolled-back guest's failed step.
    screen = await t.pressAndWait('up');
    screen = await t.pressAndWait('enter');
    expect(screen).toContain('nixos-vm: Switch nixos-vm to the new configuration');
    expect(screen).toContain('warning: the following units failed: nginx.service');
    screen = await t.pressAndWait('escape');

    t.press('q');
    await t.waitFor(/Logs: .*update-guests\n\$/);
    expect(await t.exitStatus()).toBe(1);
    expect(await t.terminalIsSane()).toBe(true);
    // The summary stays in the scrollback after the panes close.
    expect(t.capture()).toMatch(/nixos-vm +ROLLED BACK +nixos-rebuild switch failed/);

    const calls = shim.calls().map((c) => [c.cmd, ...c.argv].join(' '));
    const vm = calls.filter((c) => c.includes('root@192.168.1.50') || c.includes('vm-102-disk-0'));
    const at = (s: string) => vm.findIndex((c) => c.includes(s));
    expect(at('zfs snapshot rpool/data/vm-102-disk-0@nix-mox_pre-update_2026-05-20T04:00')).toBeLessThan(
      at("nixos-rebuild switch --flake '/etc/nix-mox/flake#nixos-vm'"),
    );
    expect(at('--switch-generation 41')).toBeGreaterThan(
      at("nixos-rebuild switch --flake '/etc/nix-mox/flake#nixos-vm'"),
    );
    // Windows ran after the failed guest: the rollout did not stop.
    expect(calls.findIndex((c) => c.startsWith('qm guest exec 101 --synchronous 0'))).toBeGreaterThan(
      calls.findIndex((c) => c.includes('--switch-generation 41')),
    );
    expect(calls).toContain('qm shutdown 101 --timeout 1800');
  });
});
