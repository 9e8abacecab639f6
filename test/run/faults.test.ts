// Fault tests (issue 6, acceptance 2): a step that exits non-zero, one that hangs past its timeout, one killed
// with SIGKILL, and a cancel (what Ctrl-C does) during a step with grandchildren. After each: no process of
// the step is alive, the journal says where it stopped, and a resumed run finishes the rest without running
// the finished steps again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/run/journal';
import { runPlan } from '../../src/run/runner';
import type { RunOptions } from '../../src/run/types';
import { alive, bash, collector, readPids, tempDir, waitForFile } from './helpers';

let dir = '';
let cleanup = () => {};
let pidFile = '';
let ranFile = '';
let fixed = '';
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  pidFile = join(dir, 'pids');
  ranFile = join(dir, 'ran');
  fixed = join(dir, 'fixed');
});
afterEach(() => {
  // Belt and braces: never leave a test process behind even when an assertion failed.
  if (existsSync(pidFile))
    for (const pid of readPids(pidFile)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  cleanup();
});

const opts = (): RunOptions => ({ logDir: join(dir, 'logs'), graceMs: 300, heartbeatMs: 60_000 });
const ran = () => (existsSync(ranFile) ? readFileSync(ranFile, 'utf8').split('\n').filter(Boolean) : []);

/** A step that records that it ran; `body` runs only until the test "fixes" the problem. */
function marked(id: string, body = '') {
  return bash(id, `echo ${id} >> ${ranFile}; if [ ! -e ${fixed} ]; then ${body || 'true'}; fi`, {
    timeoutMs: 1500,
  });
}

/** The body of a step that starts a grandchild and a sleeping child, and records all their pids. */
const withGrandchildren = (extra = '') =>
  `echo $$ >> ${pidFile}; ${extra} (trap '' TERM; sleep 1000) & echo $! >> ${pidFile}; sleep 1000 & echo $! >> ${pidFile}; wait`;

async function resumeAndCheck(steps: ReturnType<typeof marked>[], finishedBefore: string[]) {
  writeFileSync(fixed, '');
  const before = ran();
  const c = collector();
  const r = await runPlan({ steps }, { ...opts(), resume: true }, c.listener);
  expect(r.ok).toBe(true);
  expect(r.resumed).toEqual(finishedBefore);
  const rerun = ran().slice(before.length);
  expect(rerun).toEqual(steps.map((s) => s.id).filter((id) => !finishedBefore.includes(id)));
  expect(readJournal(r.journalPath!)!.finished).toBe(true);
}

describe('faults', () => {
  it('a step that exits non-zero stops the run there; resume continues at it', async () => {
    const steps = [marked('a'), marked('b', 'echo broken >&2; exit 3'), marked('c')];
    const c = collector();
    const r = await runPlan({ steps }, opts(), c.listener);
    expect(r).toMatchObject({ ok: false, cancelled: false, failedStepId: 'b', completed: ['a'] });
    expect(ran()).toEqual(['a', 'b']);
    expect(c.of('end').map((e) => [e.stepId, e.code])).toEqual([
      ['a', 0],
      ['b', 3],
    ]);
    const j = readJournal(r.journalPath!)!;
    expect(j.stoppedAt).toEqual({ stepId: 'b', reason: 'failed', code: 3 });
    expect(readFileSync(r.logPaths['b']!, 'utf8')).toContain('broken\n# failed: exit 3 after');
    await resumeAndCheck(steps, ['a']);
  });

  it('a step that hangs past its timeout is stopped with everything it started', async () => {
    const steps = [marked('a'), marked('b', withGrandchildren()), marked('c')];
    const c = collector();
    const r = await runPlan({ steps }, opts(), c.listener);
    expect(r).toMatchObject({ ok: false, cancelled: false, failedStepId: 'b' });
    const pids = readPids(pidFile);
    expect(pids).toHaveLength(3);
    expect(alive(pids)).toEqual([]);
    expect(c.of('error')[0]!.message).toMatch(
      /^timed out after 1\.5 s; stopped the step and everything it started$/,
    );
    expect(c.of('end').at(-1)).toMatchObject({ stepId: 'b', code: 124 });
    expect(readJournal(r.journalPath!)!.stoppedAt).toEqual({ stepId: 'b', reason: 'timeout', code: 124 });
    await resumeAndCheck(steps, ['a']);
  });

  it('a step killed with SIGKILL fails, and the children it left are stopped', async () => {
    const steps = [marked('a'), marked('b', withGrandchildren()), marked('c')];
    const c = collector();
    const running = runPlan({ steps }, opts(), c.listener);
    await waitForFile(pidFile, 3);
    const [stepPid] = readPids(pidFile);
    process.kill(stepPid!, 'SIGKILL');
    const r = await running;
    expect(r).toMatchObject({ ok: false, failedStepId: 'b' });
    expect(alive(readPids(pidFile))).toEqual([]);
    expect(c.of('error')[0]!.message).toBe('killed by SIGKILL');
    expect(c.of('end').at(-1)).toMatchObject({ stepId: 'b', code: 137 });
    expect(readJournal(r.journalPath!)!.stoppedAt).toEqual({ stepId: 'b', reason: 'failed', code: 137 });
    await resumeAndCheck(steps, ['a']);
  });

  it('a cancel during a step with grandchildren stops them all, even one that ignores TERM', async () => {
    const steps = [marked('a'), marked('b', withGrandchildren()), marked('c')];
    const abort = new AbortController();
    const c = collector();
    const running = runPlan({ steps }, { ...opts(), signal: abort.signal }, c.listener);
    await waitForFile(pidFile, 3);
    abort.abort();
    const r = await running;
    expect(r).toMatchObject({ ok: false, cancelled: true, failedStepId: 'b', completed: ['a'] });
    expect(alive(readPids(pidFile))).toEqual([]);
    expect(c.of('end').at(-1)).toMatchObject({ stepId: 'b', code: 130 });
    expect(ran()).toEqual(['a', 'b']);
    expect(readJournal(r.journalPath!)!.stoppedAt).toEqual({ stepId: 'b', reason: 'cancelled', code: 130 });
    await resumeAndCheck(steps, ['a']);
  });

  it('a step that exits 0 but leaves a child behind does not leave it running', async () => {
    const r = await runPlan(
      { steps: [bash('leaky', `sleep 1000 & echo $! >> ${pidFile}; echo started`)] },
      opts(),
      () => {},
    );
    expect(r.ok).toBe(true);
    expect(alive(readPids(pidFile))).toEqual([]);
  });

  it('a run cancelled before a step starts records that step as where it stopped', async () => {
    const abort = new AbortController();
    abort.abort();
    const r = await runPlan({ steps: [marked('a')] }, { ...opts(), signal: abort.signal }, () => {});
    expect(r).toMatchObject({ ok: false, cancelled: true, failedStepId: 'a' });
    expect(ran()).toEqual([]);
    expect(readJournal(r.journalPath!)!.stoppedAt).toMatchObject({ stepId: 'a', reason: 'cancelled' });
  });
});

describe('a process that escapes the step', () => {
  it('does not make the run wait forever for output pipes it still holds', async () => {
    const started = Date.now();
    const r = await runPlan(
      {
        steps: [
          // wait until the escaped process has its own session, so the group stop cannot reach it first
          bash(
            'escape',
            `setsid bash -c 'echo $$ >> ${pidFile}; exec sleep 1000' & while [ ! -s ${pidFile} ]; do sleep 0.01; done; echo done`,
          ),
        ],
      },
      opts(),
      () => {},
    );
    expect(r.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readFileSync(r.logPaths['escape']!, 'utf8')).toContain('still holds its output open');
  });
});
