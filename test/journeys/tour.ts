// The README's tour: captures the main screens from the built program in tmux at 100x30 (hub, hardware, a
// section, review, run, game) and prints them as Markdown code blocks. Regenerate after a UI change:
//   npm run build && npx tsx test/journeys/tour.ts > /tmp/tour.md
// then paste the blocks into README.md. The demo's temporary state and home directories are shown as ~ paths.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWineBin, nodeDir, shimBin, tempDir, writeTree } from '../game/helpers';
import { TmuxSession, bundlePath } from '../helpers/tmux';
import { demoJourney, paneEnv } from './demo-journey';
import { HubDriver } from './hub-driver';

const shots: { title: string; text: string }[] = [];

function shot(t: TmuxSession, title: string, replace: [string, string][] = []): void {
  let text = t.capture();
  for (const [from, to] of replace) text = text.split(from).join(to);
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  while (lines.length > 0 && (lines[0] === '' || lines[0]!.startsWith('$ '))) lines.shift();
  shots.push({ title, text: lines.join('\n') });
}

async function wizard(): Promise<void> {
  const j = demoJourney();
  const t = TmuxSession.start({ columns: 100, rows: 30, env: paneEnv(j) });
  const hub = new HubDriver(t);
  const paths: [string, string][] = [[j.env['XDG_STATE_HOME']!, '~/.local/state']];
  try {
    t.run(`clear; ${j.command('setup')}`);
    await t.waitFor(/Review & apply[\s\S]*q quit/, 30_000);
    shot(t, 'hub');
    await hub.open('Hardware', '\\[Passthrough\\]  Disks   Machine   Warnings \\(1\\)');
    shot(t, 'hardware');
    await hub.backToHub();
    await hub.open('Machine', 'Machine');
    await hub.focus('SSH key files');
    t.press('enter');
    await t.waitFor('No key files yet');
    t.press('enter');
    await t.waitFor('Machine › SSH key files › Add');
    await hub.retype('/root/.ssh/id_ed25519.pub', /› \/root\/\.ssh\/id_ed25519\.pub/);
    await hub.backToHub();
    await hub.open('Passthrough', 'Passthrough');
    shot(t, 'passthrough');
    await hub.backToHub();
    await hub.focus('Review & apply');
    t.press('enter');
    await t.waitFor('[Steps]');
    shot(t, 'review');
    t.press('a');
    await t.waitFor('Type the pool name "tank"');
    t.press('tank');
    await t.waitFor('│ > tank');
    t.press('enter');
    await t.waitFor(/Apply these \d+ steps now\?/);
    t.press('y');
    await t.waitFor(/Reverting in 5\d s/, 30_000);
    shot(t, 'run', paths);
    t.press('y');
    await t.waitFor(/Logs: /, 60_000);
  } finally {
    t.kill();
    j.cleanup();
  }
}

async function game(): Promise<void> {
  const dir = tempDir('nix-mox-tour-game-');
  const home = join(dir.path, 'home');
  const root = join(dir.path, 'root');
  writeTree(root, {
    'etc/NIXOS': '',
    'etc/os-release': 'ID=nixos\nNAME=NixOS\n',
    'proc/self/limits': 'Max open files            524288               524288               files     \n',
    'run/opengl-driver-32/lib/libGL.so.1': '',
    'sys/class/drm/card0/device/driver': '-> ../../../../bus/pci/drivers/amdgpu',
    'sys/class/drm/card0/device/vendor': '0x1002\n',
  });
  const t = TmuxSession.start({
    columns: 100,
    rows: 30,
    env: {
      HOME: home,
      XDG_STATE_HOME: join(home, '.local/state'),
      PATH: [shimBin, fakeWineBin, nodeDir, '/usr/bin', '/bin'].join(':'),
    },
  });
  try {
    t.run(`clear; node ${bundlePath} game --root ${root}`);
    await t.waitFor('enter choose a game', 20_000);
    // The tools are the game test doubles; their paths stay as they are.
    shot(t, 'game', [[home, '~']]);
    t.press('q');
  } finally {
    t.kill();
    rmSync(dir.path, { recursive: true, force: true });
  }
}

await wizard();
await game();
for (const s of shots) process.stdout.write(`<!-- ${s.title} -->\n\`\`\`text\n${s.text}\n\`\`\`\n\n`);
