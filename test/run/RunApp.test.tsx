// runWithPanes end to end in-process: real steps, real processes, the live panes on a fake terminal.
// Ctrl-C during a step with grandchildren asks, then stops the whole process group; resume finishes the rest.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWithPanes } from '../../screens/run/RunApp';
import { readJournal } from '../../src/run/journal';
import { alive, bash, readPids, tempDir, waitForFile } from './helpers';
import { fakeTty } from './fake-tty';

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => {
  const pidFile = join(dir, 'pids');
  if (existsSync(pidFile)) {
    for (const pid of readPids(pidFile)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  cleanup();
});

describe('runWithPanes', () => {
  it('Ctrl-C asks, stops the step and its grandchildren, and resume finishes the rest', async () => {
    const pidFile = join(dir, 'pids');
    const ranFile = join(dir, 'ran');
    const fixed = join(dir, 'fixed');
    const mark = (id: string, body = 'true') =>
      bash(id, `echo ${id} >> ${ranFile}; if [ ! -e ${fixed} ]; then ${body}; fi`, { title: `Step ${id}` });
    const plan = {
      steps: [
        mark('first'),
        mark(
          'second',
          `echo $$ >> ${pidFile}; (trap '' TERM; sleep 1000) & echo $! >> ${pidFile}; sleep 1000 & echo $! >> ${pidFile}; echo waiting; wait`,
        ),
        mark('third'),
      ],
    };
    const opts = {
      logDir: join(dir, 'logs'),
      graceMs: 300,
      title: 'test run',
      resumeCommand: 'nix-mox test --resume',
    };

    const tty = fakeTty(100, 24);
    const running = runWithPanes(plan, { ...opts, ...tty.streams });
    await waitForFile(pidFile, 3);
    await tty.stdout.waitFor('waiting');
    tty.stdin.write('\u0003');
    await tty.stdout.waitFor('Stop the run?');
    expect(alive(readPids(pidFile))).toHaveLength(3);
    tty.stdin.write('y');
    await tty.stdout.waitFor('To continue from this step: nix-mox test --resume');
    expect(alive(readPids(pidFile))).toEqual([]);
    tty.stdin.write('q');
    const result = await running;
    expect(result).toMatchObject({
      ok: false,
      cancelled: true,
      failedStepId: 'second',
      completed: ['first'],
    });
    expect(readJournal(result.journalPath!)!.stoppedAt).toEqual({
      stepId: 'second',
      reason: 'cancelled',
      code: 130,
    });

    writeFileSync(fixed, '');
    const again = fakeTty(100, 24);
    const resumed = await runWithPanes(plan, { ...opts, resume: true, ...again.streams });
    expect(resumed).toMatchObject({ ok: true, resumed: ['first'], completed: ['second', 'third'] });
    expect(readFileSync(ranFile, 'utf8').split('\n').filter(Boolean)).toEqual([
      'first',
      'second',
      'second',
      'third',
    ]);
    expect(again.stdout.text()).toContain('All 3 steps done (2 ran, 1 skipped)');
    expect(again.stdout.text()).toMatch(/↷ Step first +skipped: finished in an earlier run/);
  });
});
