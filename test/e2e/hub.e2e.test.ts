// The built program in a real terminal, driven like a person: open, move, help, esc, quit-confirm, Ctrl-C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TmuxSession, bundlePath } from '../helpers/tmux';

let t: TmuxSession;
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nix-mox-e2e-'));
  t = TmuxSession.start({
    columns: 100,
    rows: 30,
    env: { XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') },
  });
});
afterEach(() => {
  t.kill();
  rmSync(home, { recursive: true, force: true });
});

const selected = (screen: string) =>
  screen
    .split('\n')
    .find((l) => l.includes('›'))
    ?.trim() ?? '';

describe('hub in a real terminal', () => {
  it('opens, moves, shows help, goes back with esc, and quits after confirming, leaving the terminal sane', async () => {
    t.run(`node ${bundlePath}`);
    let screen = await t.waitFor(/Hardware[\s\S]*q quit/);
    expect(screen).toContain('nix-mox ·');
    expect(screen).toContain('Plan only:');
    const first = selected(screen);
    screen = await t.pressAndWait('down');
    expect(selected(screen)).not.toBe(first);
    screen = await t.pressAndWait('k');
    expect(selected(screen)).toBe(first);

    screen = await t.pressAndWait('?');
    expect(screen).toContain('Help: the hub');
    screen = await t.pressAndWait('escape');
    expect(screen).not.toContain('Help: the hub');

    screen = await t.pressAndWait('enter');
    expect(screen).toContain('esc');
    screen = await t.pressAndWait('escape');
    expect(screen).toContain('q quit');

    screen = await t.pressAndWait('q');
    expect(screen).toContain('Quit nix-mox?');
    t.press('y');
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);
  });

  it('Ctrl-C asks, a second Ctrl-C leaves with 130 and the terminal is not left raw', async () => {
    t.run(`node ${bundlePath}`);
    await t.waitFor(/Hardware[\s\S]*q quit/);
    const screen = await t.pressAndWait('ctrlC');
    expect(screen).toContain('Quit nix-mox?');
    t.press('ctrlC');
    expect(await t.exitStatus()).toBe(130);
    expect(await t.terminalIsSane()).toBe(true);
  });

  it('without a terminal, setup exits 2 with the non-interactive hint and never hangs', async () => {
    t.run(`echo | node ${bundlePath} setup; echo "rc=$?"`);
    const screen = await t.waitFor(/rc=\d+/);
    expect(screen).toContain('rc=2');
    expect(screen).toContain('nix-mox apply --answers FILE --yes');
  });
});
