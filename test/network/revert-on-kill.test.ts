// The revert still happens when the wizard is killed (SIGKILL) during the countdown: through the transient
// systemd timer, through the detached process, and from the orphaned step itself when only the wizard dies.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, type ExpectStatic, it } from 'vitest';
import type { Answers, BridgeConfig } from '../../src/answers/schema';
import { MAIN_INTERFACES } from '../../src/network/types';
import { repoRoot } from '../helpers/shared';
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

const hosts: ScriptHost[] = [];
const host = (...args: Parameters<typeof scriptHost>): ScriptHost => {
  const h = scriptHost(...args);
  hosts.push(h);
  return h;
};
afterAll(() => {
  for (const h of hosts.splice(0)) h.cleanup();
});

// Long enough that the countdown is still running after the reload on a loaded machine; the revert fires
// GRACE (1 s) after it ends.
const COUNTDOWN_S = 3;

const cmds = (h: ScriptHost) => h.calls().map((c) => [c.cmd, ...c.argv].join(' '));

// The three cases are independent (own root, state and shims log), so they run at the same time.
describe.concurrent('the wizard killed during the countdown', () => {
  function wizard(h: ScriptHost, countdownS: number, arm: 'auto' | 'detached') {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'test/network/wizard-harness.ts'),
        h.files.stageDir,
        h.root,
        String(countdownS),
        '1',
        arm,
      ],
      { cwd: repoRoot, env: h.env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    return { child, out: () => out };
  }

  async function killEverything(expect: ExpectStatic, h: ScriptHost, arm: 'auto' | 'detached') {
    const before = h.read(MAIN_INTERFACES);
    const w = wizard(h, COUNTDOWN_S, arm);
    await waitUntil(() => /::progress \d+\/\d+ confirm within/.test(w.out()), 'the countdown', 20_000);
    const scriptPid = Number(/SCRIPT_PID (\d+)/.exec(w.out())![1]);
    expect(h.read(MAIN_INTERFACES)).toBe(h.files.targets[0]!.after);
    // The wizard dies, and with it (as when the SSH session drops) the step's whole process group.
    w.child.kill('SIGKILL');
    process.kill(-scriptPid, 'SIGKILL');
    await waitUntil(() => !alive(w.child.pid!) && !alive(scriptPid), 'the wizard and the step to be gone');
    // `reverted` is written once the reload of the old files succeeded: the end of the revert.
    const reverted = join(h.root, h.files.stageDir, 'reverted');
    await waitUntil(() => existsSync(reverted), 'the revert', 20_000);
    expect(h.read(MAIN_INTERFACES)).toBe(before);
    expect(h.reloads().map((r) => r[MAIN_INTERFACES])).toEqual([h.files.targets[0]!.after, before]);
  }

  it('still reverts through the transient systemd timer', async ({ expect }) => {
    const h = host('fresh', answers);
    await killEverything(expect, h, 'auto');
    expect(h.timers()).toEqual({});
    expect(readFileSync(join(h.state, 'nix-mox-net-revert.service.log'), 'utf8')).toContain(
      'the previous network configuration is back',
    );
  });

  it('still reverts through the detached process where systemd is not used', async ({ expect }) => {
    const h = host('fresh', answers);
    await killEverything(expect, h, 'detached');
    expect(cmds(h).some((c) => c.startsWith('systemd-run'))).toBe(false);
    const log = readFileSync(join(h.root, h.files.stageDir, 'revert.log'), 'utf8');
    expect(log).toContain('the previous network configuration is back');
  });

  it('reverts from the orphaned step itself when only the wizard dies', async ({ expect }) => {
    const h = host('fresh', answers);
    const before = h.read(MAIN_INTERFACES);
    const w = wizard(h, COUNTDOWN_S, 'auto');
    await waitUntil(() => /::progress \d+\/\d+ confirm within/.test(w.out()), 'the countdown', 20_000);
    w.child.kill('SIGKILL');
    await waitUntil(
      () => h.read(MAIN_INTERFACES) === before && h.reloads().length === 2,
      'the revert',
      20_000,
    );
    await waitUntil(() => Object.keys(h.timers()).length === 0, 'the timer to be disarmed');
    // The step itself reverted and then stopped the timer, which never ran its command (its log is empty).
    expect(cmds(h)).toContain('systemctl stop nix-mox-net-revert.timer');
    expect(readFileSync(join(h.state, 'nix-mox-net-revert.service.log'), 'utf8')).toBe('');
    expect(h.reloads()[1]![MAIN_INTERFACES]).toBe(before);
  });
});
