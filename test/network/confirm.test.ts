// scripts/network-confirm against the shims: the syntax check stops a bad change before anything changes,
// a confirmation in time keeps the change, no confirmation brings the old files back and reloads
// (revert-on-kill.test.ts covers the wizard being killed during the countdown).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answers, BridgeConfig } from '../../src/answers/schema';
import { networkConfirmScript, parseCountdown, startNetworkApply } from '../../src/network/apply';
import { MAIN_INTERFACES, NIX_MOX_DROPIN } from '../../src/network/types';
import { sampleAnswers } from '../helpers/sample';
import { alive, type ScriptHost, scriptHost, waitUntil } from './script-env';

const on = (port: string | null, cidr: string | null = null): BridgeConfig => ({
  enabled: true,
  port,
  address: cidr ? 'static' : 'manual',
  cidr,
  gateway: null,
});
const answers: Answers = {
  ...sampleAnswers(),
  network: { vmbr1: on('enp6s0'), vmbr2: on(null, '10.10.10.1/24') },
};
const dropinAnswers: Answers = {
  ...sampleAnswers(),
  network: { vmbr1: on('nic1'), vmbr2: on(null, '10.30.0.1/24') },
};

const hosts: ScriptHost[] = [];
const host = (...args: Parameters<typeof scriptHost>): ScriptHost => {
  const h = scriptHost(...args);
  hosts.push(h);
  return h;
};
afterEach(() => {
  for (const h of hosts.splice(0)) h.cleanup();
});

function run(h: ScriptHost, countdownS: number, arm: 'auto' | 'detached' = 'auto') {
  const lines: string[] = [];
  const r = startNetworkApply({
    stageDir: h.files.stageDir,
    root: h.root,
    countdownS,
    graceS: 1,
    arm,
    env: h.env,
    onLine: (l) => lines.push(l),
  });
  return { ...r, lines };
}

const cmds = (h: ScriptHost) => h.calls().map((c) => [c.cmd, ...c.argv].join(' '));

describe('syntax check failure', () => {
  it('stops before anything changes when the staged candidate fails ifup --syntax-check', async () => {
    // A typo in a file the main file sources: ifupdown2 would reject the whole configuration.
    const h = host('sources-dir', dropinAnswers, (root) => {
      const f = join(root, 'etc/network/interfaces.d/storage');
      writeFileSync(
        f,
        readFileSync(f, 'utf8').replace('    mtu 9000', '    mtu 9000\n    adress 10.99.0.11/24'),
      );
    });
    const before = h.read(MAIN_INTERFACES);
    const r = run(h, 30);
    expect(await r.done).toBe(1);
    expect(r.lines.join('\n')).toContain('iface nic2: unsupported keyword (adress)');
    expect(r.lines.join('\n')).toContain("fails ifupdown2's syntax check; nothing was changed");
    expect(h.read(MAIN_INTERFACES)).toBe(before);
    expect(h.read(NIX_MOX_DROPIN)).toBeNull();
    expect(cmds(h)).toEqual([
      expect.stringMatching(/^ifup -a --syntax-check -i \S+\/check\/root\/etc\/network\/interfaces$/),
    ]);
    expect(h.reloads()).toEqual([]);
  });

  it('restores the files without reloading when ifreload -a --syntax-check rejects the installed files', async () => {
    const h = host('fresh', answers);
    const before = h.read(MAIN_INTERFACES);
    writeFileSync(
      join(h.state, 'fail.json'),
      JSON.stringify({
        ifreload: {
          code: 1,
          stderr: 'error: /etc/network/interfaces: line20: iface vmbr1: invalid\n',
          times: 1,
        },
      }),
    );
    const r = run(h, 30);
    expect(await r.done).toBe(1);
    expect(h.read(MAIN_INTERFACES)).toBe(before);
    expect(h.reloads()).toEqual([]);
    expect(cmds(h).filter((c) => c.startsWith('ifreload'))).toEqual(['ifreload -a --syntax-check']);
    expect(h.timers()).toEqual({});
  });

  it('does nothing on revert when the change was never applied', () => {
    const h = host('fresh', answers);
    const r = spawnSync(networkConfirmScript(), ['revert', '--root', h.root, h.files.stageDir], {
      env: h.env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('was never applied; nothing to revert');
    expect(cmds(h)).toEqual([]);
  });

  it('refuses when the file changed since the plan was made', async () => {
    const h = host('fresh', answers);
    writeFileSync(join(h.root, MAIN_INTERFACES), `${h.read(MAIN_INTERFACES)}# edited after the plan\n`);
    const r = run(h, 30);
    expect(await r.done).toBe(1);
    expect(r.lines.join('\n')).toContain(
      '/etc/network/interfaces changed since the plan was made; run nix-mox plan again',
    );
    expect(cmds(h)).toEqual([]);
  });
});

describe('confirmation', () => {
  it('in time keeps the change and disarms the revert', async () => {
    const h = host('fresh', answers);
    const after = h.files.targets[0]!.after;
    const r = run(h, 30);
    await waitUntil(() => r.lines.some((l) => parseCountdown(l) !== null), 'the countdown');
    expect(h.read(MAIN_INTERFACES)).toBe(after);
    const timer = h.timers()['nix-mox-net-revert.timer'];
    expect(timer).toBeDefined();
    r.confirm();
    expect(await r.done).toBe(0);
    expect(h.read(MAIN_INTERFACES)).toBe(after);
    expect(existsSync(join(h.root, h.files.stageDir, 'kept'))).toBe(true);
    expect(h.timers()).toEqual({});
    await waitUntil(() => !alive(timer!.pid), 'the cancelled timer to be gone');
    expect(h.reloads()).toHaveLength(1);
    expect(h.reloads()[0]![MAIN_INTERFACES]).toBe(after);
    // A revert that fires late (the timer could not be stopped) never undoes a confirmed change.
    const late = spawnSync(networkConfirmScript(), ['revert', '--root', h.root, h.files.stageDir], {
      env: h.env,
      encoding: 'utf8',
    });
    expect(late.status).toBe(0);
    expect(late.stdout).toContain('was confirmed; nothing to revert');
    expect(h.read(MAIN_INTERFACES)).toBe(after);
    expect(cmds(h)).toEqual([
      expect.stringMatching(/^ifup -a --syntax-check -i /),
      expect.stringMatching(
        /^systemd-run --on-active=31s --unit=nix-mox-net-revert --collect --description=.* -- \S+network-confirm revert --root \S+ \/var\/lib\/nix-mox\/network\/[0-9a-f]{16}$/,
      ),
      'ifreload -a --syntax-check',
      'ifreload -a',
      'systemctl stop nix-mox-net-revert.timer',
    ]);
  });

  it('that never comes restores the old file and reloads it', async () => {
    const h = host('fresh', answers);
    const before = h.read(MAIN_INTERFACES);
    const r = run(h, 1);
    expect(await r.done).toBe(3);
    expect(r.lines.join('\n')).toContain('no confirmation within 1 s: reverting');
    expect(h.read(MAIN_INTERFACES)).toBe(before);
    const reloads = h.reloads();
    expect(reloads.map((f) => f[MAIN_INTERFACES])).toEqual([h.files.targets[0]!.after, before]);
    expect(h.timers()).toEqual({});
  });

  it('interrupted (the runner stops the step with SIGTERM) reverts before it exits', async () => {
    const h = host('fresh', answers);
    const before = h.read(MAIN_INTERFACES);
    const r = run(h, 30);
    await waitUntil(() => r.lines.some((l) => parseCountdown(l) !== null), 'the countdown');
    process.kill(-r.pid, 'SIGTERM');
    expect(await r.done).toBe(143);
    expect(h.read(MAIN_INTERFACES)).toBe(before);
    expect(h.reloads().map((f) => f[MAIN_INTERFACES])).toEqual([h.files.targets[0]!.after, before]);
    expect(h.timers()).toEqual({});
  });

  it('rejected with n reverts at once, and a new drop-in is removed again', async () => {
    const h = host('sources-dir', dropinAnswers);
    const r = run(h, 30);
    await waitUntil(() => r.lines.some((l) => parseCountdown(l) !== null), 'the countdown');
    expect(h.read(NIX_MOX_DROPIN)).toBe(h.files.targets[0]!.after);
    r.reject();
    expect(await r.done).toBe(3);
    expect(h.read(NIX_MOX_DROPIN)).toBeNull();
    expect(h.reloads()[1]![NIX_MOX_DROPIN]).toBeUndefined();
  });
});
