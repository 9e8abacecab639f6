// `npm run demo` (test/helpers/demo.mjs) in a real terminal: the wizard opens on the demo host, extra arguments
// reach nix-mox, and nothing is left behind in the user's config or the temp directory.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundlePath, TmuxSession } from '../helpers/tmux';

const bundle = bundlePath;
let session: TmuxSession | null = null;
const scratch = mkdtempSync(join(tmpdir(), 'nix-mox-demo-test-'));
const userConfig = join(scratch, 'user-config');
const demoTmp = join(scratch, 'tmp');
/** What the launcher made in the temp dir (the Proxmox shims keep a schema cache there too; that is theirs). */
const launcherLeftovers = () => readdirSync(demoTmp).filter((n) => n.startsWith('nix-mox-demo-'));

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
  rmSync(demoTmp, { recursive: true, force: true });
});
afterEach(() => {
  session?.kill();
  session = null;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(): TmuxSession {
  mkdirSync(userConfig, { recursive: true });
  mkdirSync(demoTmp, { recursive: true });
  const env: Record<string, string> = {
    XDG_CONFIG_HOME: userConfig,
    XDG_STATE_HOME: userConfig,
    TMPDIR: demoTmp,
  };
  session = TmuxSession.start({ columns: 100, rows: 30, env });
  return session;
}

describe('npm run demo', () => {
  it('opens the hub on the demo host; the Hardware section shows its report; q leaves cleanly', async () => {
    const t = start();
    t.run('node test/helpers/demo.mjs');
    const hub = await t.waitFor(/Hardware\s+i 1 GPU isolated, IOMMU on, 6 disks/);
    expect(hub).toContain('nix-mox · pve');
    expect(hub).toContain('Proxmox VE 9.1.2');
    const hw = await t.pressAndWait('enter');
    expect(hw).toContain('[Passthrough]');
    await t.waitFor('Can be passed through: IOMMU group 15');
    await t.pressAndWait('escape');
    await t.waitFor(/Hardware\s+i 1 GPU isolated/);
    t.press('q');
    await t.waitFor('Quit nix-mox?');
    t.press('y');
    expect(await t.exitStatus()).toBe(0);
    expect(await t.terminalIsSane()).toBe(true);
    // The wizard saved its answers, but only in the demo's throw-away XDG dirs, which are gone now.
    expect(readdirSync(userConfig)).toEqual([]);
    expect(launcherLeftovers()).toEqual([]);
  });

  it('passes extra arguments through to nix-mox setup', async () => {
    const t = start();
    t.run('node test/helpers/demo.mjs --help');
    await t.waitFor('Usage: nix-mox setup');
    expect(await t.exitStatus()).toBe(0);
    expect(launcherLeftovers()).toEqual([]);
  });
});
