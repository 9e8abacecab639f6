import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnv } from '../helpers/demo.mjs';
import { repoRoot } from '../helpers/shared';
import { TmuxSession, bundlePath } from '../helpers/tmux';

const demo = demoEnv();
const root = demo.root;
let tmux: TmuxSession | null = null;

beforeAll(() => {
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build first`);
  // The demo machine (this run's copy) has the administrator's public key the answers name.
  expect(existsSync(join(root, 'root/.ssh/id_ed25519.pub'))).toBe(true);
});

afterAll(() => {
  tmux?.kill();
  demo.cleanup();
});

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('review on the demo host (tmux)', () => {
  it('shows risk tags, the cmdline diff, the disks and the typed confirmation of pool tank', async () => {
    expect(existsSync(bundlePath)).toBe(true);
    const env: Record<string, string> = {};
    for (const k of ['PATH', 'NIX_MOX_SHIM_STATE', 'NIX_MOX_SHIM_LOG', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'])
      env[k] = demo.env[k] ?? '';
    tmux = TmuxSession.start({ columns: 100, rows: 30, env });
    // tmux keeps its server's PATH for new sessions: set the shims' PATH in the shell itself.
    tmux.run(`export PATH=${shellQuote(env['PATH']!)}; clear`);
    const answers = join(repoRoot, 'test/fixtures/answers/demo.json');
    tmux.run(
      `node ${shellQuote(bundlePath)} setup --root ${shellQuote(root)} --answers ${shellQuote(answers)}`,
    );
    await tmux.waitFor(/Review & apply\s+i see every file/);

    // Review & apply is the last hub line: up from the first wraps to it.
    await tmux.pressAndWait('up');
    const list = await tmux.pressAndWait('enter');
    await tmux.waitFor('[Steps]');
    const steps = tmux.capture();
    expect(steps).toMatch(/reboot needed · 4 disks erased/);
    expect(steps).toMatch(/1 \[D\]\s+Restore point: ZFS snapshot rpool\/ROOT\/pve-1@nix-mox_pre-apply_/);
    expect(steps).toContain("2 [KRF]  Edit /etc/kernel/cmdline: nix-mox's kernel arguments only");
    expect(steps).toContain('D touches disks  K kernel or boot  R needs a reboot');
    expect(list.length).toBeGreaterThan(0);

    await tmux.pressAndWait('down');
    await tmux.pressAndWait('enter');
    const diff = await tmux.waitFor('+root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt');
    expect(diff).toContain('--- /etc/kernel/cmdline');
    expect(diff).toContain('-root=ZFS=rpool/ROOT/pve-1 boot=zfs');

    await tmux.pressAndWait('escape');
    await tmux.pressAndWait('tab');
    const disks = await tmux.waitFor('Disks that will be erased');
    expect(disks).toContain('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e4  WDC WD80EFZZ-68BTXN0  7.28 TiB');

    await tmux.pressAndWait('tab');
    await tmux.pressAndWait('tab');
    await tmux.pressAndWait('a');
    const ask = await tmux.waitFor('Type the pool name "tank"');
    expect(ask).toContain('Destructive: Create ZFS pool tank (raidz2) on 4 disks');
    for (const ch of 'tanx') await tmux.pressAndWait(ch);
    await tmux.pressAndWait('enter');
    await tmux.waitFor('That is not "tank". Nothing has run.');
    await tmux.pressAndWait('backspace');
    await tmux.pressAndWait('k');
    await tmux.pressAndWait('enter');
    // The runner is wired by the hub's starter; until then the screen says so (either way nothing ran yet).
    await tmux.waitFor(/Apply these \d+ steps now\?|Nothing runs\./);

    await tmux.pressAndWait('escape');
    await tmux.pressAndWait('escape');
    await tmux.waitFor(/Review & apply\s+i see every file/);
    tmux.press('q');
    await tmux.waitFor('Quit nix-mox?');
    tmux.press('y');
    expect(await tmux.exitStatus()).toBe(0);
    expect(await tmux.terminalIsSane()).toBe(true);
  }, 90_000);
});
