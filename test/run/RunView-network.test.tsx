// The bridges step in the live panes: its countdown shows above the panes, and y / n leave the answer where
// scripts/network-confirm looks for it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunEventHub } from '../../screens/run/event-hub';
import { RunView } from '../../screens/run/RunView';
import { NETWORK_APPLY_STEP_ID, networkApplyArgv } from '../../src/network/apply';
import { renderScreen, type Screen } from '../helpers/screen';
import { step, tempDir } from './helpers';

let dir = '';
let cleanup = () => {};
let s: Screen | null = null;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => {
  s?.unmount();
  cleanup();
});

const stageDir = '/var/lib/nix-mox/network/abc123';

function networkPlan() {
  const apply = step(NETWORK_APPLY_STEP_ID, networkApplyArgv({ stageDir, root: dir, countdownS: 60 }));
  apply.title = 'Apply bridges vmbr1, vmbr2: confirm within 60 s or it reverts';
  return { steps: [step('write', ['true']), apply] };
}

async function running(hub: RunEventHub) {
  mkdirSync(join(dir, stageDir), { recursive: true });
  s = await renderScreen(
    <RunView plan={networkPlan()} events={hub} title="apply" onCancel={() => {}} onExit={() => {}} />,
    { columns: 100, rows: 30 },
  );
  hub.emit({
    type: 'start',
    stepId: NETWORK_APPLY_STEP_ID,
    title: 'bridges',
    logPath: join(dir, 'n.log'),
    at: Date.now(),
  });
  hub.emit({ type: 'progress', stepId: NETWORK_APPLY_STEP_ID, done: 5, total: 60, label: 'confirm' });
  return s.waitFor('Network changed: Apply bridges vmbr1, vmbr2');
}

describe('the bridges countdown in the run panes', () => {
  it('shows the seconds left and the keys, and y keeps the change', async () => {
    const frame = await running(new RunEventHub());
    expect(frame).toContain('Reverting in 55 s');
    expect(frame).toContain('y keep the change');
    expect((frame.match(/\n/g) ?? []).length).toBeLessThan(30);
    await s!.press('y');
    expect(await s!.waitFor('Keeping the change')).not.toContain('y keep the change');
    expect(existsSync(join(dir, stageDir, 'confirm'))).toBe(true);
    expect(existsSync(join(dir, stageDir, 'reject'))).toBe(false);
  });

  it('n reverts at once', async () => {
    await running(new RunEventHub());
    await s!.press('n');
    await s!.waitFor('Restoring the previous configuration');
    expect(existsSync(join(dir, stageDir, 'reject'))).toBe(true);
  });

  it('is not shown once the step is over', async () => {
    const hub = new RunEventHub();
    await running(hub);
    hub.emit({ type: 'end', stepId: NETWORK_APPLY_STEP_ID, code: 0, ms: 1000 });
    await s!.waitFor(/✓ Apply bridges/);
    expect(s!.frame()).not.toContain('Network changed');
  });
});
