// The update panes: the layout folds finished guests to one line (with the reason when they were not a clean
// update), shows the working guest's steps and running pane, never reaches the terminal's height; and the view
// opens a guest's failed step log on enter and leaves on q once finished.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GuestOutcome, RolloutEvent, RolloutResult } from '../../src/guests/types';
import { layoutUpdate, wrapText } from '../../screens/update/layout';
import { applyRolloutEvent, createUpdateModel } from '../../screens/update/model';
import { RolloutHub } from '../../screens/update/UpdateApp';
import { UpdateView } from '../../screens/update/UpdateView';
import { renderScreen } from '../helpers/screen';

const text = (rows: ReturnType<typeof layoutUpdate>) =>
  rows.map((r) => r.parts.map((p) => p.text).join('')).join('\n');

const outcome = (
  name: string,
  status: GuestOutcome['status'],
  reason: string,
  failedStepId: string | null = null,
  logPaths: Record<string, string> = {},
): GuestOutcome => ({
  name,
  vmid: 100,
  status,
  reason,
  snapshot: null,
  rollback: null,
  newFailedUnits: [],
  failedStepId,
  logPaths,
});

function events(logDir: string): RolloutEvent[] {
  const steps = (n: string) =>
    ['reach', 'dry-build', 'snapshot', 'switch', 'answers-after'].map((p) => ({
      id: `${n}.${p}`,
      title: `${n} ${p}`,
    }));
  const log = join(logDir, 'b.switch.log');
  writeFileSync(log, '# nix-mox step b.switch\nwarning: the following units failed: nginx.service\n');
  return [
    { type: 'note', text: 'Updating 3 NixOS guest(s): one guest at a time.' },
    { type: 'guest-start', name: 'a', title: 'a (CT 100, pct exec 100)', steps: steps('a') },
    { type: 'guest-end', outcome: outcome('a', 'updated', 'Switched and healthy.') },
    { type: 'guest-start', name: 'b', title: 'b (VM 102, ssh root@b)', steps: steps('b') },
    {
      type: 'run',
      name: 'b',
      event: { type: 'start', stepId: 'b.switch', title: 'b switch', logPath: log, at: Date.now() },
    },
    { type: 'run', name: 'b', event: { type: 'end', stepId: 'b.switch', code: 4, ms: 1200 } },
    {
      type: 'step-added',
      name: 'b',
      step: { id: 'b.rollback-generation', title: 'Roll back: make generation 41 the system profile again' },
    },
    {
      type: 'guest-end',
      outcome: outcome(
        'b',
        'rolled-back',
        'nixos-rebuild switch failed (exit 4); rolled back to generation 41, and b is healthy again. The snapshot rpool/data/vm-102-disk-0@nix-mox_pre-update_2026-05-20T04:00 is kept.',
        'b.switch',
        { 'b.switch': log },
      ),
    },
    { type: 'guest-start', name: 'c', title: 'c (VM 103, ssh root@c)', steps: steps('c') },
    {
      type: 'run',
      name: 'c',
      event: {
        type: 'start',
        stepId: 'c.dry-build',
        title: 'c dry-build',
        logPath: join(logDir, 'c.log'),
        at: Date.now(),
      },
    },
    {
      type: 'run',
      name: 'c',
      event: {
        type: 'line',
        stepId: 'c.dry-build',
        stream: 'stderr',
        text: 'building the system configuration...',
      },
    },
    {
      type: 'run',
      name: 'c',
      event: { type: 'progress', stepId: 'c.dry-build', done: 3, total: 12, label: 'building' },
    },
  ];
}

describe('laying out the update', () => {
  it('wraps a reason into a few lines and marks text left over', () => {
    expect(wrapText('aaa bbb ccc ddd', 12, 3)).toEqual(['aaa bbb ccc', 'ddd']);
    expect(wrapText('aaa bbb ccc ddd eee fff ggg hhh', 12, 2)).toEqual(['aaa bbb ccc', 'ddd eee fff…']);
  });

  it("folds finished guests, wraps the rolled-back one's reason, and shows the working guest with its pane", () => {
    const m = createUpdateModel(0);
    for (const e of events(mkdtempSync(join(tmpdir(), 'nixmox-view-')))) applyRolloutEvent(m, e, 0);
    const screen = text(
      layoutUpdate(m, {
        rows: 30,
        columns: 90,
        selected: 2,
        now: 5000,
        tick: 0,
        asking: false,
        title: 'update --guests',
      }),
    );
    expect(screen).toContain('2/3 done');
    expect(screen).toMatch(/✓ a \(CT 100, pct exec 100\) +updated · /);
    expect(screen).toMatch(/↺ b \(VM 102, ssh root@b\) +ROLLED BACK · /);
    expect(screen).toMatch(
      /\n +nixos-rebuild switch failed \(exit 4\); rolled back to generation 41, and b is\n +healthy again\. The snapshot\n +rpool\/data\/vm-102-disk-0@nix-mox_pre-update_2026-05-20T04:00 is kept\.\n/,
    );
    // Finished guests show no steps; the working one does, with its running step's bar and last line.
    expect(screen).not.toContain('a dry-build');
    expect(screen).toMatch(/⠋ c dry-build/);
    expect(screen).toMatch(/█+░+ 3\/12 building/);
    expect(screen).toContain('│ building the system configuration...');
    expect(screen.split('\n').at(-1)).toBe('↑↓ select guest · enter open its log · ctrl-c stop');
  });

  it('stays under the terminal height however small, keeping the header and the keys', () => {
    const m = createUpdateModel(0);
    for (const e of events(mkdtempSync(join(tmpdir(), 'nixmox-view-')))) applyRolloutEvent(m, e, 0);
    for (const rows of [4, 6, 9, 12, 20]) {
      const laid = layoutUpdate(m, {
        rows,
        columns: 60,
        selected: 0,
        now: 1000,
        tick: 1,
        asking: false,
        title: 'update --guests',
      });
      expect(laid.length).toBeLessThan(rows);
      expect(text(laid)).toContain('nix-mox');
      if (rows >= 6) expect(text(laid)).toContain('↑↓ select guest');
      for (const r of laid) expect(r.parts.map((p) => p.text).join('').length).toBeLessThan(60);
    }
  });
});

describe('the update view', () => {
  it("opens the failed step's log of the selected guest on enter, and leaves on q once finished", async () => {
    const hub = new RolloutHub();
    const dir = mkdtempSync(join(tmpdir(), 'nixmox-view-'));
    for (const e of events(dir).slice(0, 8)) hub.emit(e);
    let exited = false;
    const s = await renderScreen(
      <UpdateView
        events={hub}
        title="update --guests"
        onCancel={() => {}}
        onExit={() => (exited = true)}
        fps={50}
      />,
      {
        columns: 100,
        rows: 30,
      },
    );
    const result: RolloutResult = {
      strategy: 'sequential',
      why: 'one guest at a time',
      outcomes: [outcome('a', 'updated', 'ok'), outcome('b', 'rolled-back', 'rolled back', 'b.switch')],
      cancelled: false,
    };
    hub.finish(result);
    await s.waitFor('1 updated, 1 rolled back (of 2 guests; NixOS one at a time)');
    await s.waitFor('q quit');
    let frame = await s.press('enter');
    expect(frame).toContain('b: b switch');
    expect(frame).toContain('warning: the following units failed: nginx.service');
    frame = await s.press('escape');
    expect(frame).toContain('q quit');
    await s.pressNoChange('q');
    expect(exited).toBe(true);
    s.unmount();
  });

  it('asks before stopping a running update, and stops on y', async () => {
    const hub = new RolloutHub();
    hub.emit({
      type: 'guest-start',
      name: 'a',
      title: 'a (CT 100)',
      steps: [{ id: 'a.switch', title: 'switch' }],
    });
    hub.emit({
      type: 'run',
      name: 'a',
      event: { type: 'start', stepId: 'a.switch', title: 'switch', logPath: '/nonexistent', at: Date.now() },
    });
    let cancelled = false;
    const s = await renderScreen(
      <UpdateView
        events={hub}
        title="update --guests"
        onCancel={() => (cancelled = true)}
        onExit={() => {}}
        fps={50}
      />,
    );
    await s.waitFor('ctrl-c stop');
    let frame = await s.press('ctrlC');
    expect(frame).toContain(
      'Stop? The running step is stopped; guests not reached yet are left as they are.',
    );
    frame = await s.press('n');
    expect(cancelled).toBe(false);
    await s.press('q');
    await s.press('y');
    expect(cancelled).toBe(true);
    s.unmount();
  });
});
