// Several targets and colmena on PATH: snapshots and baselines per guest first, one `colmena apply switch` for all,
// colmena's output split into each guest's pane, then each guest's health check and, for the one that failed, its
// rollback. Against the colmena, pct, ssh and zfs shims.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeResults, parseColmenaLine } from '../../src/guests/colmena-output';
import { chooseStrategy, runRollout } from '../../src/guests/rollout';
import type { RolloutEvent } from '../../src/guests/types';
import { sharedAvailable } from '../helpers/shared';
import { type GuestSpec, callsFor, dataset, line, setup } from './fixture';

const SNAP = 'nix-mox_pre-update_2026-05-20T04:00';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const lxc: GuestSpec = { name: 'nixos-lxc', vmid: 101, kind: 'lxc' };
const vm: GuestSpec = { name: 'nixos-vm', vmid: 102, kind: 'vm', address: '192.168.1.50' };

describe('choosing how to roll out', () => {
  it('uses colmena only for more than one target with colmena on PATH, and says why otherwise', () => {
    expect(chooseStrategy(1, 'auto', true)).toEqual({ strategy: 'sequential', why: 'one target' });
    expect(chooseStrategy(3, 'auto', true).strategy).toBe('colmena');
    expect(chooseStrategy(3, 'auto', false)).toEqual({
      strategy: 'sequential',
      why: '3 targets, but colmena is not on PATH, so one guest at a time (install colmena to deploy them together)',
    });
    expect(chooseStrategy(3, 'sequential', true).strategy).toBe('sequential');
    expect(() => chooseStrategy(2, 'colmena', false)).toThrow(/--colmena: colmena is not on PATH/);
  });
});

describe("colmena's plain output", () => {
  it('reads `label | text` lines and calls a node switched only on "Activation successful"', () => {
    const out = [
      '[INFO ] Selected all 2 nodes.',
      '    (...) | Building nixos-lxc and nixos-vm',
      'nixos-lxc | Activation successful',
      ' nixos-vm | warning: the following units failed: nginx.service',
      ' nixos-vm | Activation failed: Child process exited with error code: 4',
      '          | Failed: Child process exited with error code: 4',
    ];
    expect(parseColmenaLine(out[1]!)).toEqual({ label: '(...)', text: 'Building nixos-lxc and nixos-vm' });
    expect(parseColmenaLine('\u001b[1mnixos-vm\u001b[0m | x')).toEqual({ label: 'nixos-vm', text: 'x' });
    expect(Object.fromEntries(nodeResults(out, ['nixos-lxc', 'nixos-vm', 'other']))).toEqual({
      'nixos-lxc': { ok: true, last: 'Activation successful' },
      'nixos-vm': { ok: false, last: 'Activation failed: Child process exited with error code: 4' },
      other: { ok: false, last: 'colmena did not report on it' },
    });
  });
});

describe.skipIf(!sharedAvailable())('nix-mox update --guests with colmena', () => {
  it('snapshots every guest before one colmena deployment, then rolls back only the guest that came out unhealthy', async () => {
    const broken: GuestSpec = { ...vm, faults: { afterSwitch: { failedUnits: ['nginx.service'] } } };
    const s = setup([lxc, broken]);
    cleanups.push(s.shim.cleanup);
    writeFileSync(
      join(s.settings.hostFlakeDir, 'flake.nix'),
      '{\n  outputs = { self, nixpkgs }: {\n    colmena = {\n      nixos-lxc = { };\n      nixos-vm = { };\n    };\n  };\n}\n',
    );
    const events: RolloutEvent[] = [];
    const result = await runRollout(
      s.targets,
      s.settings,
      {
        strategy: 'auto',
        colmenaOnPath: true,
        logDir: s.logDir,
        env: s.env,
        asRoot: true,
        sleep: async () => {},
        answerTries: 1,
        answerDelayMs: 0,
      },
      (e) => events.push(e),
    );
    expect(result.strategy).toBe('colmena');
    expect(result.outcomes.map((o) => [o.name, o.status, o.rollback])).toEqual([
      ['nixos-lxc', 'updated', null],
      ['nixos-vm', 'rolled-back', 'generation'],
    ]);
    expect(result.outcomes[1]!.reason).toMatch(
      /colmena did not switch nixos-vm \(Activation failed: Child process exited with error code: 4\); rolled back to generation 41/,
    );

    const calls = s.shim.calls().map(line);
    const colmenaAt = calls.findIndex((c) => c.startsWith('colmena '));
    expect(calls[colmenaAt]).toBe(
      `colmena --config ${s.settings.hostFlakeDir}/flake.nix apply switch --on nixos-lxc,nixos-vm --verbose`,
    );
    expect(calls.filter((c) => c.startsWith('colmena '))).toHaveLength(1);
    // nix flake update ran once, on the host, before colmena.
    expect(calls.filter((c) => c.includes('flake update'))).toEqual([
      `nix --extra-experimental-features nix-command flakes flake update --flake ${s.settings.hostFlakeDir}`,
    ]);
    // Both snapshots were taken before the deployment; no flake was pushed into a guest.
    for (const g of [lxc, broken])
      expect(calls.indexOf(`zfs snapshot ${dataset(g)}@${SNAP}`)).toBeLessThan(colmenaAt);
    expect(calls.some((c) => c.startsWith('pct push') || c.startsWith('scp '))).toBe(false);
    // After it: health for both, the generation rollback for the broken one only.
    const vmAfter = callsFor(s.shim.calls().slice(colmenaAt + 1), broken);
    expect(vmAfter.map((c) => c.replace(/^ssh .* -- root@192\.168\.1\.50 /, ''))).toEqual([
      'true',
      'systemctl list-units --state=failed --plain --no-legend --no-pager',
      'readlink /nix/var/nix/profiles/system',
      'nix-env --profile /nix/var/nix/profiles/system --switch-generation 41',
      '/nix/var/nix/profiles/system/bin/switch-to-configuration switch',
      'true',
      'systemctl list-units --state=failed --plain --no-legend --no-pager',
    ]);
    // colmena's lines went into each guest's own "deploy" pane.
    const deployLines = (name: string) =>
      events
        .filter(
          (e) =>
            e.type === 'run' &&
            e.name === name &&
            e.event.type === 'line' &&
            e.event.stepId === `${name}.deploy`,
        )
        .map((e) => (e as { event: { text: string } }).event.text);
    expect(deployLines('nixos-lxc')).toContain('Activation successful');
    expect(deployLines('nixos-vm')).toContain('warning: the following units failed: nginx.service');
    expect(deployLines('nixos-vm')).not.toContain('Activation successful');
    const ends = events.filter(
      (e) => e.type === 'run' && e.event.type === 'end' && e.event.stepId.endsWith('.deploy'),
    );
    expect(
      ends.map((e) => [(e as { name: string }).name, (e as { event: { code: number } }).event.code]),
    ).toEqual([
      ['nixos-lxc', 0],
      ['nixos-vm', 1],
    ]);
  });
});
