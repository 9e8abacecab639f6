import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunEventHub } from '../../screens/run/event-hub';
import { RunView } from '../../screens/run/RunView';
import type { RunResult } from '../../src/run/types';
import { renderScreen } from '../helpers/screen';
import { step, tempDir } from './helpers';

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const plan = { steps: [step('fetch', ['true']), step('build', ['true']), step('switch', ['true'])] };
plan.steps[0]!.title = 'Fetch sources';
plan.steps[1]!.title = 'Build the system';
plan.steps[2]!.title = 'Switch to it';

function start(hub: RunEventHub, id: string) {
  const logPath = join(dir, `${id}.log`);
  hub.emit({ type: 'start', stepId: id, title: id, logPath, at: Date.now() });
  return logPath;
}

const failedResult = (id: string): RunResult => ({
  ok: false,
  cancelled: false,
  failedStepId: id,
  completed: ['fetch'],
  skipped: [],
  logPaths: {},
});

function view(hub: RunEventHub, handlers: { onCancel?: () => void; onExit?: () => void } = {}) {
  return (
    <RunView
      plan={plan}
      events={hub}
      title="update"
      resumeCommand="nix-mox update --resume"
      onCancel={handlers.onCancel ?? (() => {})}
      onExit={handlers.onExit ?? (() => {})}
    />
  );
}

describe('RunView', () => {
  it('shows a pane for the running step and folds the finished one', async () => {
    const hub = new RunEventHub();
    start(hub, 'fetch');
    hub.emit({ type: 'end', stepId: 'fetch', code: 0, ms: 1234 });
    start(hub, 'build');
    hub.emit({ type: 'progress', stepId: 'build', done: 1, total: 4, label: 'compiling' });
    hub.emit({ type: 'line', stepId: 'build', stream: 'stdout', text: 'gcc -c foo.c' });
    const s = await renderScreen(view(hub), { columns: 80, rows: 20 });
    const frame = await s.waitFor('gcc -c foo.c');
    expect(frame).toMatch(/✓ Fetch sources +1\.2 s/);
    expect(frame).toMatch(/› . Build the system +0:0\d/);
    expect(frame).toContain('1/4 compiling');
    expect(frame).toMatch(/· Switch to it/);
    expect(frame.split('\n').length).toBeLessThan(20);
    s.unmount();
  });

  it('opens the full log of the selected step, scrolls it, and goes back', async () => {
    const hub = new RunEventHub();
    const log = start(hub, 'fetch');
    writeFileSync(log, Array.from({ length: 100 }, (_, i) => `log line ${i + 1}`).join('\n') + '\n');
    hub.emit({ type: 'end', stepId: 'fetch', code: 0, ms: 10 });
    start(hub, 'build');
    const s = await renderScreen(view(hub), { columns: 80, rows: 20 });
    await s.waitFor('Build the system');
    await s.press('up');
    expect(s.frame()).toMatch(/› ✓ Fetch sources/);
    let frame = await s.press('enter');
    expect(frame).toContain(`Log · Fetch sources · ${log}`);
    expect(frame).toContain('log line 100');
    expect(frame).toContain('lines 85-100 of 100 · following');
    frame = await s.press('g');
    expect(frame).toContain('log line 1\n');
    expect(frame).toContain('lines 1-16 of 100');
    frame = await s.press('down');
    expect(frame).toContain('lines 2-17 of 100');
    frame = await s.press('escape');
    expect(frame).toMatch(/› ✓ Fetch sources/);
    s.unmount();
  });

  it('asks on Ctrl-C, keeps going on n, and cancels on y', async () => {
    const hub = new RunEventHub();
    start(hub, 'build');
    const onCancel = vi.fn();
    const s = await renderScreen(view(hub, { onCancel }), { columns: 100, rows: 20 });
    await s.waitFor('Build the system');
    let frame = await s.press('ctrlC');
    expect(frame).toContain('Stop the run?');
    frame = await s.press('n');
    expect(frame).not.toContain('Stop the run?');
    expect(onCancel).not.toHaveBeenCalled();
    await s.press('ctrlC');
    frame = await s.press('y');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(frame).toContain('stopping the running step');
    s.unmount();
  });

  it('shows the failure view and leaves on q', async () => {
    const hub = new RunEventHub();
    start(hub, 'fetch');
    hub.emit({ type: 'end', stepId: 'fetch', code: 0, ms: 10 });
    const log = start(hub, 'build');
    hub.emit({ type: 'line', stepId: 'build', stream: 'stderr', text: 'error: attribute missing' });
    hub.emit({ type: 'end', stepId: 'build', code: 1, ms: 2000 });
    hub.finish(failedResult('build'));
    const onExit = vi.fn();
    const s = await renderScreen(view(hub, { onExit }), { columns: 120, rows: 24 });
    const frame = await s.waitFor('Log:');
    expect(frame).toMatch(/✗ Build the system +exit 1 · 2\.0 s/);
    expect(frame).toContain('│ error: attribute missing');
    expect(frame).toContain(`Log: ${log}`);
    expect(frame).toContain('Next: read the log (enter), fix the cause, then: nix-mox update --resume');
    expect(onExit).not.toHaveBeenCalled();
    s.pressNoChange('q');
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledTimes(1));
    s.unmount();
  });

  it('leaves by itself after success', async () => {
    const hub = new RunEventHub();
    for (const id of ['fetch', 'build', 'switch']) {
      start(hub, id);
      hub.emit({ type: 'end', stepId: id, code: 0, ms: 5 });
    }
    hub.finish({
      ok: true,
      cancelled: false,
      failedStepId: null,
      completed: ['fetch', 'build', 'switch'],
      skipped: [],
      logPaths: {},
    });
    const onExit = vi.fn();
    const s = await renderScreen(view(hub, { onExit }), { columns: 80, rows: 20 });
    await s.waitFor('All 3 steps done');
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledTimes(1));
    s.unmount();
  });

  it('draws at most about 12 frames a second however fast lines arrive', async () => {
    const hub = new RunEventHub();
    start(hub, 'build');
    const app = render(view(hub));
    const before = app.frames.length;
    const t0 = Date.now();
    let n = 0;
    while (Date.now() - t0 < 600) {
      for (let i = 0; i < 500; i++)
        hub.emit({ type: 'line', stepId: 'build', stream: 'stdout', text: `line ${n++}` });
      await new Promise((r) => setTimeout(r, 5));
    }
    const seconds = (Date.now() - t0) / 1000;
    const frames = app.frames.length - before;
    expect(n).toBeGreaterThan(10_000);
    expect(frames / seconds).toBeLessThanOrEqual(16);
    expect(frames).toBeGreaterThanOrEqual(3);
    await vi.waitFor(() => expect(app.lastFrame()).toContain(`line ${n - 1}`));
    app.unmount();
  });
});
