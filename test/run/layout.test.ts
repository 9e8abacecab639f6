import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/run/types';
import {
  FAILURE_TAIL,
  formatClock,
  layoutRun,
  type LayoutView,
  type Row,
  RUNNING_TAIL,
} from '../../screens/run/layout';
import { RingBuffer } from '../../screens/run/ring-buffer';
import { applyEvent, createModel, finishModel, type RunModel } from '../../screens/run/run-model';
import { step } from './helpers';

const T0 = 1_000_000;
const text = (r: Row) => r.parts.map((p) => p.text).join('');
const screen = (rows: Row[]) => rows.map(text).join('\n');

function model(n: number): RunModel {
  return createModel(
    {
      steps: Array.from({ length: n }, (_, i) => ({
        ...step(`s${i + 1}`, ['true']),
        title: `Step number ${i + 1}`,
      })),
    },
    T0,
  );
}

function view(over: Partial<LayoutView> = {}): LayoutView {
  return {
    rows: 30,
    columns: 80,
    selected: 0,
    now: T0 + 42_000,
    tick: 0,
    asking: false,
    title: 'update',
    ...over,
  };
}

function finish(m: RunModel, id: string, code: number, ms = 3200) {
  applyEvent(m, { type: 'start', stepId: id, title: id, logPath: `/logs/${id}.log`, at: T0 });
  applyEvent(m, { type: 'end', stepId: id, code, ms });
}

function running(m: RunModel, id: string, lines: number) {
  applyEvent(m, { type: 'start', stepId: id, title: id, logPath: `/logs/${id}.log`, at: T0 + 30_000 });
  for (let i = 1; i <= lines; i++)
    applyEvent(m, { type: 'line', stepId: id, stream: 'stdout', text: `output line ${i}` });
}

const failed = (id: string, over: Partial<RunResult> = {}): RunResult => ({
  ok: false,
  cancelled: false,
  failedStepId: id,
  completed: [],
  skipped: [],
  logPaths: { [id]: `/logs/${id}.log` },
  ...over,
});

describe('layoutRun', () => {
  it('folds finished steps into one line with their time, and shows a pane under the running step', () => {
    const m = model(4);
    finish(m, 's1', 0, 3200);
    applyEvent(m, { type: 'skip', stepId: 's2', reason: 'already done (true)' });
    running(m, 's3', 20);
    applyEvent(m, { type: 'progress', stepId: 's3', done: 3, total: 8, label: 'installing foo' });
    const out = screen(layoutRun(m, view({ selected: 2 })));
    expect(out).toMatch(/^nix-mox · update +step 3\/4 · 0:42$/m);
    expect(out).toMatch(/^ {2}✓ Step number 1 +3\.2 s$/m);
    expect(out).toMatch(/^ {2}↷ Step number 2 +skipped: already done \(true\)$/m);
    expect(out).toMatch(/^› ⠋ Step number 3 +0:12$/m);
    expect(out).toMatch(/^ {4}█+░+ 3\/8 installing foo$/m);
    // the last lines only, never the whole output
    expect(out).toContain(`output line 20`);
    expect(out).toContain(`output line ${20 - RUNNING_TAIL + 1}`);
    expect(out).not.toContain(`output line ${20 - RUNNING_TAIL}\n`);
    expect(out).toMatch(/^ {2}· Step number 4$/m);
    expect(out).toMatch(/↑↓ select · enter open log · ctrl-c stop$/);
  });

  it('shows an empty bar at the start and a full one at the end', () => {
    const m = model(1);
    running(m, 's1', 0);
    applyEvent(m, { type: 'progress', stepId: 's1', done: 0, total: 5, label: 'starting' });
    expect(screen(layoutRun(m, view()))).toMatch(/^ {4}░{26} 0\/5 starting$/m);
    applyEvent(m, { type: 'progress', stepId: 's1', done: 5, total: 5, label: 'done' });
    expect(screen(layoutRun(m, view()))).toMatch(/^ {4}█{26} 5\/5 done$/m);
  });

  it('shows a spinner and the label when the total is unknown, and says when a step has been quiet', () => {
    const m = model(1);
    running(m, 's1', 0);
    applyEvent(m, { type: 'progress', stepId: 's1', done: 2, total: null, label: 'guest 101' });
    applyEvent(m, { type: 'heartbeat', stepId: 's1', quietMs: 12_000 });
    const rows = layoutRun(m, view({ tick: 3 }));
    expect(screen(rows)).toMatch(/^ {4}⠸ guest 101 · no output for 0:12$/m);
    const next = layoutRun(m, view({ tick: 4 }));
    expect(screen(next)).toMatch(/^ {4}⠼ guest 101/m);
  });

  it('replaces a carriage-return line instead of adding one', () => {
    const m = model(1);
    running(m, 's1', 1);
    applyEvent(m, { type: 'line', stepId: 's1', stream: 'stdout', text: '10%', transient: true });
    applyEvent(m, { type: 'line', stepId: 's1', stream: 'stdout', text: '90%', transient: true });
    applyEvent(m, { type: 'line', stepId: 's1', stream: 'stdout', text: '100%' });
    const out = screen(layoutRun(m, view()));
    expect(out).toContain('│ 100%');
    expect(out).not.toContain('90%');
    expect(m.steps[0]!.lines.tail(10)).toEqual(['output line 1', '100%']);
  });

  it('shows the failure view: last lines, the log path and the next thing to try', () => {
    const m = model(3);
    finish(m, 's1', 0);
    applyEvent(m, { type: 'start', stepId: 's2', title: 's2', logPath: '/var/log/nix-mox/s2.log', at: T0 });
    for (let i = 1; i <= 30; i++)
      applyEvent(m, { type: 'line', stepId: 's2', stream: 'stderr', text: `err ${i}` });
    applyEvent(m, { type: 'end', stepId: 's2', code: 100, ms: 1500 });
    finishModel(m, failed('s2'));
    const out = screen(layoutRun(m, view({ selected: 1, resumeCommand: 'nix-mox update --resume' })));
    expect(out).toMatch(/✗ failed · 1\/3 done$/m);
    expect(out).toMatch(/^› ✗ Step number 2 +exit 100 · 1\.5 s$/m);
    expect(out).toContain('│ err 30');
    expect(out).toContain(`│ err ${30 - FAILURE_TAIL + 1}`);
    expect(out).toMatch(/^ {4}Log: \/var\/log\/nix-mox\/s2\.log$/m);
    expect(out).toMatch(/^ {4}Next: read the log \(enter\), fix the cause, then: nix-mox update --resume$/m);
    expect(out).toMatch(/enter open log · q quit$/);
  });

  it('says "stopped" and how to continue after a cancel', () => {
    const m = model(2);
    applyEvent(m, { type: 'start', stepId: 's1', title: 's1', logPath: '/l/s1.log', at: T0 });
    applyEvent(m, {
      type: 'error',
      stepId: 's1',
      message: 'cancelled; stopped the step and everything it started',
    });
    applyEvent(m, { type: 'end', stepId: 's1', code: 130, ms: 900 });
    finishModel(m, failed('s1', { cancelled: true }));
    const out = screen(layoutRun(m, view({ resumeCommand: 'nix-mox apply --resume' })));
    expect(out).toMatch(/^› ■ Step number 1 +stopped · 900 ms$/m);
    expect(out).toMatch(/^ {4}! cancelled; stopped the step and everything it started$/m);
    expect(out).toMatch(/To continue from this step: nix-mox apply --resume$/m);
  });

  it('asks before stopping', () => {
    const m = model(1);
    running(m, 's1', 3);
    const out = screen(layoutRun(m, view({ asking: true })));
    expect(out).toContain('Stop the run? The running step and everything it started will be stopped.');
    expect(out).toMatch(/y stop the run · n keep going$/);
  });

  it('says everything is done after success', () => {
    const m = model(2);
    finish(m, 's1', 0);
    finish(m, 's2', 0);
    finishModel(m, {
      ok: true,
      cancelled: false,
      failedStepId: null,
      completed: ['s1', 's2'],
      skipped: [],
      logPaths: {},
    });
    expect(screen(layoutRun(m, view()))).toContain('✓ All 2 steps done (2 ran, 0 skipped)');
  });

  it('windows a long plan around the selected step', () => {
    const m = model(40);
    for (let i = 1; i <= 25; i++) finish(m, `s${i}`, 0);
    running(m, 's26', 50);
    const out = screen(layoutRun(m, view({ rows: 20, selected: 25 })));
    expect(out).toMatch(/^ {2}… \d+ earlier step\(s\), \d+ done$/m);
    expect(out).toMatch(/^ {2}… \d+ more step\(s\)$/m);
    expect(out).toContain('Step number 26');
    expect(out).toContain('output line 50');
  });

  it('always stays shorter than the terminal and never wider', () => {
    const states: [string, (m: RunModel) => void][] = [
      ['running', (m) => running(m, `s${m.steps.length}`, 300)],
      [
        'failed',
        (m) => {
          running(m, 's1', 300);
          applyEvent(m, { type: 'error', stepId: 's1', message: 'timed out after 5.0 s; stopped the step' });
          applyEvent(m, { type: 'end', stepId: 's1', code: 124, ms: 5000 });
          finishModel(m, failed('s1'));
        },
      ],
    ];
    for (const [name, setup] of states) {
      for (const steps of [1, 3, 12, 60]) {
        const m = model(steps);
        setup(m);
        for (let rows = 1; rows <= 45; rows += 2) {
          for (const columns of [10, 40, 80, 200]) {
            for (const asking of [false, true]) {
              const laid = layoutRun(m, view({ rows, columns, asking, selected: steps - 1 }));
              const where = `${name} steps=${steps} ${columns}x${rows} asking=${asking}`;
              expect(laid.length, where).toBeLessThan(Math.max(2, rows));
              for (const r of laid)
                expect(text(r).length, `${where}: ${text(r)}`).toBeLessThan(Math.max(2, columns));
            }
          }
        }
      }
    }
  });

  it('formats clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});

describe('RingBuffer', () => {
  it('keeps only the newest lines', () => {
    const r = new RingBuffer(3);
    for (const l of ['a', 'b', 'c', 'd', 'e']) r.push(l);
    expect(r.tail(10)).toEqual(['c', 'd', 'e']);
    expect(r.tail(2)).toEqual(['d', 'e']);
    expect(r.size).toBe(3);
  });

  it('overwrites a transient line with the next one', () => {
    const r = new RingBuffer(3);
    r.push('a');
    r.push('1%', true);
    r.push('2%', true);
    r.push('done');
    r.push('b');
    expect(r.tail(5)).toEqual(['a', 'done', 'b']);
  });
});
