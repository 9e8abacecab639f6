// The one-guest-at-a-time update against the shims (pct, qm, ssh, scp, zfs and the NixOS guest model): the command
// sequence per guest, the snapshot before each switch, the rollback after a failed health check, and a failing
// guest that does not stop the next one.
import { afterEach, describe, expect, it } from 'vitest';
import { runRollout } from '../../src/guests/rollout';
import type { RolloutEvent } from '../../src/guests/types';
import { sharedAvailable } from '../helpers/shared';
import { type GuestSpec, callsFor, dataset, setup } from './fixture';

const SNAP = 'nix-mox_pre-update_2026-05-20T04:00';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function rollout(specs: GuestSpec[], extra: { inputs?: 'update' | 'pinned' } = {}) {
  const s = setup(specs);
  cleanups.push(s.shim.cleanup);
  const events: RolloutEvent[] = [];
  const result = await runRollout(
    s.targets,
    { ...s.settings, inputs: extra.inputs ?? 'update' },
    {
      strategy: 'sequential',
      colmenaOnPath: false,
      logDir: s.logDir,
      env: s.env,
      asRoot: true,
      sleep: async () => {},
      answerTries: 2,
      answerDelayMs: 0,
    },
    (e) => events.push(e),
  );
  return { ...s, result, events, calls: s.shim.calls() };
}

const lxc: GuestSpec = { name: 'nixos-lxc', vmid: 101, kind: 'lxc' };
const vm: GuestSpec = { name: 'nixos-vm', vmid: 102, kind: 'vm', address: '192.168.1.50' };

describe.skipIf(!sharedAvailable())('nix-mox update --guests, one guest at a time', () => {
  it('runs each step in order in every guest, snapshots the disks on the host before the switch, and prunes nothing new', async () => {
    const r = await rollout([lxc, vm]);
    expect(r.result.outcomes.map((o) => [o.name, o.status])).toEqual([
      ['nixos-lxc', 'updated'],
      ['nixos-vm', 'updated'],
    ]);
    const flake = '/etc/nix-mox/flake';
    expect(callsFor(r.calls, lxc)).toEqual([
      'pct exec 101 -- true',
      'pct exec 101 -- systemctl list-units --state=failed --plain --no-legend --no-pager',
      'pct exec 101 -- readlink /nix/var/nix/profiles/system',
      `pct exec 101 -- mkdir -p ${flake}`,
      `pct push 101 ${r.settings.workDir}/nixos-lxc-flake.tar.gz /tmp/nix-mox-flake.tar.gz`,
      `pct exec 101 -- tar --extract --gzip --no-same-owner --file /tmp/nix-mox-flake.tar.gz --directory ${flake}`,
      `pct exec 101 -- nix --extra-experimental-features nix-command flakes flake update --flake ${flake}`,
      `pct exec 101 -- nixos-rebuild dry-build --flake ${flake}#nixos-lxc`,
      `zfs snapshot ${dataset(lxc)}@${SNAP}`,
      `pct exec 101 -- nixos-rebuild switch --flake ${flake}#nixos-lxc`,
      'pct exec 101 -- true',
      'pct exec 101 -- systemctl list-units --state=failed --plain --no-legend --no-pager',
      `zfs list -H -p -t snapshot -o name,creation -s creation -d 1 ${dataset(lxc)}`,
    ]);
    // The VM is reached over SSH; the remote command arrives as one quoted string.
    const ssh = 'ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=15 -- root@192.168.1.50';
    expect(callsFor(r.calls, vm)).toEqual([
      `${ssh} true`,
      `${ssh} systemctl list-units --state=failed --plain --no-legend --no-pager`,
      `${ssh} readlink /nix/var/nix/profiles/system`,
      `${ssh} mkdir -p ${flake}`,
      `scp -q -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=15 -- ${r.settings.workDir}/nixos-vm-flake.tar.gz root@192.168.1.50:/tmp/nix-mox-flake.tar.gz`,
      `${ssh} tar --extract --gzip --no-same-owner --file /tmp/nix-mox-flake.tar.gz --directory ${flake}`,
      `${ssh} nix --extra-experimental-features 'nix-command flakes' flake update --flake ${flake}`,
      `${ssh} nixos-rebuild dry-build --flake '${flake}#nixos-vm'`,
      `zfs snapshot ${dataset(vm)}@${SNAP}`,
      `${ssh} nixos-rebuild switch --flake '${flake}#nixos-vm'`,
      `${ssh} true`,
      `${ssh} systemctl list-units --state=failed --plain --no-legend --no-pager`,
      `zfs list -H -p -t snapshot -o name,creation -s creation -d 1 ${dataset(vm)}`,
    ]);
    const model = r.shim.state('nixos-guests') as Record<
      string,
      { current: number; flakes: Record<string, { locked: unknown }> }
    >;
    expect(model['nixos-lxc']!.current).toBe(42);
    expect(model['nixos-vm']!.flakes[flake]!.locked).toEqual({ nixpkgs: 'github:NixOS/nixpkgs/9a8b7c6' });
    const zfs = r.shim.state('zfs') as { snapshots: { name: string }[] };
    expect(zfs.snapshots.map((x) => x.name)).toEqual([`${dataset(lxc)}@${SNAP}`, `${dataset(vm)}@${SNAP}`]);
  });

  it('with pinned inputs, says so in place of nix flake update and runs no update', async () => {
    const r = await rollout([lxc], { inputs: 'pinned' });
    expect(r.result.outcomes[0]!.status).toBe('updated');
    expect(callsFor(r.calls, lxc).some((c) => c.includes('flake update'))).toBe(false);
    expect(r.events).toContainEqual({
      type: 'run',
      name: 'nixos-lxc',
      event: {
        type: 'skip',
        stepId: 'nixos-lxc.lock',
        reason: 'pinned inputs: building with the lock file as pushed',
      },
    });
  });

  it('rolls back to the generation before the switch when units fail that did not fail before, and goes on with the next guest', async () => {
    const broken: GuestSpec = {
      ...lxc,
      failedUnits: ['systemd-networkd-wait-online.service'],
      faults: { afterSwitch: { failedUnits: ['systemd-networkd-wait-online.service', 'nginx.service'] } },
    };
    const r = await rollout([broken, vm]);
    const [first, second] = r.result.outcomes;
    expect(first).toMatchObject({
      name: 'nixos-lxc',
      status: 'rolled-back',
      rollback: 'generation',
      newFailedUnits: ['nginx.service'],
    });
    expect(first!.reason).toMatch(
      /nixos-rebuild switch failed \(exit 4.*rolled back to generation 41, and nixos-lxc is healthy again/,
    );
    expect(second).toMatchObject({ name: 'nixos-vm', status: 'updated' });
    const seq = callsFor(r.calls, broken);
    const tail = seq.slice(
      seq.indexOf('pct exec 101 -- nixos-rebuild switch --flake /etc/nix-mox/flake#nixos-lxc'),
    );
    expect(tail).toEqual([
      'pct exec 101 -- nixos-rebuild switch --flake /etc/nix-mox/flake#nixos-lxc',
      'pct exec 101 -- true',
      'pct exec 101 -- systemctl list-units --state=failed --plain --no-legend --no-pager',
      'pct exec 101 -- readlink /nix/var/nix/profiles/system',
      'pct exec 101 -- nix-env --profile /nix/var/nix/profiles/system --switch-generation 41',
      'pct exec 101 -- /nix/var/nix/profiles/system/bin/switch-to-configuration switch',
      'pct exec 101 -- true',
      'pct exec 101 -- systemctl list-units --state=failed --plain --no-legend --no-pager',
    ]);
    // The snapshot came before the switch, and is kept.
    expect(seq.indexOf(`zfs snapshot ${dataset(broken)}@${SNAP}`)).toBeLessThan(
      seq.indexOf('pct exec 101 -- nixos-rebuild switch --flake /etc/nix-mox/flake#nixos-lxc'),
    );
    expect((r.shim.state('nixos-guests') as Record<string, { current: number }>)['nixos-lxc']!.current).toBe(
      41,
    );
    // The rollback steps joined the guest's pane list.
    expect(
      r.events
        .filter((e) => e.type === 'step-added' && e.name === 'nixos-lxc')
        .map((e) => (e as { step: { id: string } }).step.id),
    ).toEqual([
      'nixos-lxc.generation-now',
      'nixos-lxc.rollback-generation',
      'nixos-lxc.rollback-activate',
      'nixos-lxc.recheck-answers',
      'nixos-lxc.recheck-units',
    ]);
  });

  it('restores the ZFS snapshot when the guest stops answering after the switch', async () => {
    const lost: GuestSpec = { ...vm, faults: { afterSwitch: { unreachable: true } } };
    const r = await rollout([lost]);
    expect(r.result.outcomes[0]).toMatchObject({
      status: 'rolled-back',
      rollback: 'snapshot',
      snapshot: `${dataset(lost)}@${SNAP}`,
    });
    const seq = callsFor(r.calls, lost);
    const ssh = 'ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=15 -- root@192.168.1.50';
    expect(
      seq.slice(seq.indexOf(`${ssh} nixos-rebuild switch --flake '/etc/nix-mox/flake#nixos-vm'`)),
    ).toEqual([
      `${ssh} nixos-rebuild switch --flake '/etc/nix-mox/flake#nixos-vm'`,
      `${ssh} true`,
      `${ssh} true`,
      'qm stop 102',
      `zfs rollback -r ${dataset(lost)}@${SNAP}`,
      'qm start 102',
      `${ssh} true`,
    ]);
    expect((r.shim.state('nixos-guests') as Record<string, { current: number }>)['nixos-vm']!.current).toBe(
      41,
    );
  });

  it('stops a guest whose new configuration does not build before touching it, and still updates the next one', async () => {
    const bad: GuestSpec = {
      ...lxc,
      faults: { dryBuild: { code: 1, stderr: "error: undefined variable 'pkgs.nginxx'\n" } },
    };
    const r = await rollout([bad, vm]);
    expect(r.result.outcomes.map((o) => o.status)).toEqual(['failed', 'updated']);
    expect(r.result.outcomes[0]!.reason).toMatch(
      /nixos-lxc does not build \(exit 1: error: undefined variable 'pkgs.nginxx'\); the guest was not changed/,
    );
    const seq = callsFor(r.calls, bad);
    expect(seq.some((c) => c.startsWith('zfs snapshot') || c.includes('nixos-rebuild switch'))).toBe(false);
    // Every planned step that did not run says why, so no pane is left pending.
    const skipped = r.events
      .filter((e) => e.type === 'run' && e.name === 'nixos-lxc' && e.event.type === 'skip')
      .map((e) => (e as { event: { stepId: string } }).event.stepId);
    expect(skipped).toEqual([
      'nixos-lxc.snapshot',
      'nixos-lxc.switch',
      'nixos-lxc.answers-after',
      'nixos-lxc.units-after',
      'nixos-lxc.snapshots',
    ]);
  });
});
