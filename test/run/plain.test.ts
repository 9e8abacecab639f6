import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlainPrinter, runPlain } from '../../src/run/plain';
import { bash, tempDir } from './helpers';

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function sink() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += String(d)));
  return { out, text: () => text };
}

describe('runPlain', () => {
  it('prints each event as a plain line and how to resume after a failure', async () => {
    const s = sink();
    const logDir = join(dir, 'logs');
    const r = await runPlain(
      {
        steps: [
          bash('one', 'echo hello; echo "::progress 1/2 half way"; printf "50%%\\r"; echo done', {
            title: 'First',
          }),
          bash('two', 'echo oops >&2; exit 4', { title: 'Second' }),
          bash('three', 'true', { title: 'Third' }),
        ],
      },
      { logDir, resumeCommand: 'nix-mox update --resume' },
      s.out,
    );
    expect(r.failedStepId).toBe('two');
    const lines = s.text().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '==> [1/3] First',
      `    log: ${join(logDir, 'one.log')}`,
      '    hello',
      '    -- 1/2 half way',
      '    done',
    ]);
    expect(lines[5]).toMatch(/^<== ok: \[1\/3\] First \(\d+ ms\)$/);
    expect(lines).toContain('    oops');
    expect(lines.find((l) => l.startsWith('<== FAILED'))).toMatch(
      /^<== FAILED: \[2\/3\] Second \(exit 4 after \d+ ms\)$/,
    );
    expect(s.text()).not.toContain('Third');
    expect(s.text()).not.toContain('\r');
    expect(lines.slice(-4)).toEqual([
      'Failed at [2/3] Second.',
      `Full log: ${join(logDir, 'two.log')}`,
      'Next: read the log, fix the cause, then continue from this step: nix-mox update --resume',
      '',
    ]);
  });

  it('says all is done after success', async () => {
    const s = sink();
    await runPlain(
      { steps: [bash('one', 'true', { skipIf: { argv: ['true'] } }), bash('two', 'true')] },
      { logDir: dir },
      s.out,
    );
    expect(s.text()).toContain('--- [1/2] Step one: skipped, already done (true)');
    expect(s.text().trim().split('\n').at(-1)).toBe('All done: 1 ran, 1 skipped.');
  });

  it('prints heartbeats and does not repeat an unchanged progress line', () => {
    const lines: string[] = [];
    const p = new PlainPrinter([bash('a', 'true')], (l) => lines.push(l));
    p.event({ type: 'progress', stepId: 'a', done: 1, total: 3, label: 'x' });
    p.event({ type: 'progress', stepId: 'a', done: 1, total: 3, label: 'x' });
    p.event({ type: 'heartbeat', stepId: 'a', quietMs: 30_400 });
    p.event({ type: 'error', stepId: 'a', message: 'timed out' });
    expect(lines).toEqual(['    -- 1/3 x', '    .. still running, no output for 30.0 s', '    !! timed out']);
  });
});
