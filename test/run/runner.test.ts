import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSudo, runPlan } from '../../src/run/runner';
import { commandFor } from '../../src/run/sudo';
import { repoRoot } from '../helpers/shared';
import { bash, collector, step, tempDir, testBin } from './helpers';

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const logDir = () => join(dir, 'logs');

describe('runPlan: output', () => {
  it('streams lines as events and writes the whole output to the step log', async () => {
    const c = collector();
    const r = await runPlan(
      { steps: [bash('hello', 'echo one; echo two >&2; printf "no newline"')] },
      { logDir: logDir() },
      c.listener,
    );
    expect(r).toMatchObject({ ok: true, completed: ['hello'], failedStepId: null });
    expect(c.events[0]).toMatchObject({
      type: 'start',
      stepId: 'hello',
      logPath: join(logDir(), 'hello.log'),
    });
    expect(c.events.at(-1)).toMatchObject({ type: 'end', stepId: 'hello', code: 0 });
    expect(c.of('line').map((e) => [e.stream, e.text])).toEqual(
      expect.arrayContaining([
        ['stdout', 'one'],
        ['stderr', 'two'],
        ['stdout', 'no newline'],
      ]),
    );
    const log = readFileSync(r.logPaths['hello']!, 'utf8');
    expect(log).toMatch(/^# nix-mox step hello: Step hello\n# \$ bash -c 'echo one; .*'\n# started /);
    expect(log).toContain('one\n');
    expect(log).toContain('two\n');
    expect(log).toContain('no newline\n');
    expect(log).toMatch(/# done: exit 0 after \d+ ms\n$/);
  });

  it('turns the progress protocol into events and keeps it out of the lines', async () => {
    const c = collector();
    await runPlan(
      {
        steps: [
          bash(
            'p',
            'echo "::step fetching"; echo "::progress 1/3 first"; echo real; echo "::progress 3/3 last"',
          ),
        ],
      },
      { logDir: logDir() },
      c.listener,
    );
    expect(c.lines('p')).toEqual(['real']);
    expect(c.of('progress').map((e) => [e.done, e.total, e.label])).toEqual([
      [0, null, 'fetching'],
      [1, 3, 'first'],
      [3, 3, 'last'],
    ]);
  });

  it('replaces carriage-return progress and logs only the final text', async () => {
    const c = collector();
    const r = await runPlan(
      { steps: [bash('cr', 'printf "10%%\\r"; sleep 0.2; printf "50%%\\r"; sleep 0.2; printf "100%%\\n"')] },
      { logDir: logDir() },
      c.listener,
    );
    const transient = c
      .of('line')
      .filter((e) => e.transient)
      .map((e) => e.text);
    expect(transient).toEqual(['10%', '50%']);
    expect(c.lines('cr')).toEqual(['100%']);
    const body = readFileSync(r.logPaths['cr']!, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(body.filter(Boolean)).toEqual(['100%']);
  });

  it('turns Nix JSON logs into progress and readable lines', async () => {
    const c = collector();
    const fixture = join(repoRoot, 'test/fixtures/nix-logs/build-ok.jsonl');
    const r = await runPlan(
      { steps: [step('nix', ['bash', '-c', 'cat "$1" >&2', 'cat', fixture])] },
      { logDir: logDir() },
      c.listener,
    );
    const last = c.of('progress').at(-1)!;
    expect(last).toMatchObject({ done: 4, total: 4 });
    expect(c.of('progress').some((p) => p.label.startsWith('building nix-mox-capture-step-'))).toBe(true);
    expect(c.lines()).toContain('line 3 of step 1');
    expect(c.lines().some((l) => l.startsWith('@nix'))).toBe(false);
    expect(readFileSync(r.logPaths['nix']!, 'utf8')).not.toContain('@nix');
  });

  it('gives each step its environment and the run its extra environment', async () => {
    const c = collector();
    await runPlan(
      { steps: [bash('env', 'echo "$A-$B"', { env: { A: 'from-step' } })] },
      { logDir: logDir(), env: { B: 'from-run' } },
      c.listener,
    );
    expect(c.lines('env')).toEqual(['from-step-from-run']);
  });

  it('redacts secrets from events, logs and the journal', async () => {
    const c = collector();
    const r = await runPlan(
      {
        steps: [
          bash('s', 'echo "token=$DEPLOY_TOKEN pass=$DB_PASSWORD extra=registered-value"', {
            env: { DEPLOY_TOKEN: 'tok-98765', DB_PASSWORD: 'pw-424242' },
          }),
        ],
      },
      { logDir: logDir(), secrets: ['registered-value'] },
      c.listener,
    );
    expect(c.lines('s')).toEqual(['token=*** pass=*** extra=***']);
    const everything = readdirSync(logDir())
      .map((f) => readFileSync(join(logDir(), f), 'utf8'))
      .join('\n');
    for (const secret of ['tok-98765', 'pw-424242', 'registered-value'])
      expect(everything).not.toContain(secret);
    expect(r.journalPath).toBe(join(logDir(), 'journal.json'));
  });

  it('sends heartbeats while a step is quiet', async () => {
    const c = collector();
    await runPlan(
      { steps: [bash('quiet', 'echo hi; sleep 0.5')] },
      { logDir: logDir(), heartbeatMs: 100 },
      c.listener,
    );
    const beats = c.of('heartbeat');
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats[0]!.quietMs).toBeGreaterThanOrEqual(100);
    expect(beats[1]!.quietMs).toBeGreaterThan(beats[0]!.quietMs);
  });

  it('says when a command is not found', async () => {
    const c = collector();
    const r = await runPlan(
      { steps: [step('nf', ['nix-mox-no-such-command-xyz'])] },
      { logDir: logDir() },
      c.listener,
    );
    expect(r).toMatchObject({ ok: false, failedStepId: 'nf' });
    expect(c.of('error')[0]!.message).toBe('command not found: nix-mox-no-such-command-xyz');
    expect(c.of('end')[0]!.code).toBe(127);
  });

  it('rejects a step with neither or both of argv and write', async () => {
    const c = collector();
    const r = await runPlan(
      { steps: [{ id: 'bad', title: 'Bad', root: false, risk: [], timeoutMs: 1000 }] },
      { logDir: logDir() },
      c.listener,
    );
    expect(r.failedStepId).toBe('bad');
    expect(c.of('error')[0]!.message).toBe('a step needs exactly one of argv or write');
  });
});

describe('runPlan: skipIf', () => {
  it('skips a step whose check exits 0, and runs it when the check fails', async () => {
    const c = collector();
    const marker = join(dir, 'ran');
    const r = await runPlan(
      {
        steps: [
          bash('done-already', `echo x >> ${marker}`, { skipIf: { argv: ['true'] } }),
          bash('not-yet', `echo y >> ${marker}`, { skipIf: { argv: ['false'] } }),
        ],
      },
      { logDir: logDir() },
      c.listener,
    );
    expect(r.skipped).toEqual(['done-already']);
    expect(r.completed).toEqual(['not-yet']);
    expect(readFileSync(marker, 'utf8')).toBe('y\n');
    expect(c.of('skip')[0]).toEqual({ type: 'skip', stepId: 'done-already', reason: 'already done (true)' });
    expect(c.of('start').map((e) => e.stepId)).toEqual(['not-yet']);
  });
});

describe('runPlan: write steps', () => {
  const entry = (content: string) => ({
    path: '/etc/nix-mox/test.conf',
    content,
    mode: 0o640,
    owner: 'root:root',
  });
  const write = (content: string) => ({
    id: 'w',
    title: 'Write',
    write: entry(content),
    root: true,
    risk: ['F' as const],
    timeoutMs: 1000,
  });

  it('writes the file under the root with its mode, skips it when unchanged, and backs up what it replaces', async () => {
    const root = join(dir, 'root');
    const c = collector();
    let r = await runPlan({ steps: [write('one\n')] }, { logDir: logDir(), root }, c.listener);
    const target = join(root, 'etc/nix-mox/test.conf');
    expect(r.completed).toEqual(['w']);
    expect(readFileSync(target, 'utf8')).toBe('one\n');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(c.lines('w')).toEqual([`wrote ${target} (mode 640, owner root:root)`]);

    r = await runPlan({ steps: [write('one\n')] }, { logDir: logDir(), root }, c.listener);
    expect(r.skipped).toEqual(['w']);
    expect(c.of('skip').at(-1)!.reason).toBe('the file is already up to date');

    r = await runPlan({ steps: [write('two\n')] }, { logDir: logDir(), root }, c.listener);
    expect(readFileSync(target, 'utf8')).toBe('two\n');
    const stamps = readdirSync(join(root, 'var/lib/nix-mox/backups'));
    expect(stamps).toHaveLength(1);
    expect(stamps[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    const backup = join(root, 'var/lib/nix-mox/backups', stamps[0]!, 'etc/nix-mox/test.conf');
    expect(readFileSync(backup, 'utf8')).toBe('one\n');
    expect(c.lines('w').at(-1)).toBe(`backup of the previous file: ${backup}`);
    // no temp files left behind
    expect(readdirSync(join(root, 'etc/nix-mox'))).toEqual(['test.conf']);
  });
});

describe('runPlan: root steps', () => {
  it('runs root steps through sudo -n when not root, passing the step environment with env', async () => {
    const sudoLog = join(dir, 'sudo.log');
    const c = collector();
    const r = await runPlan(
      {
        steps: [
          bash('as-root', 'echo "$X"', { root: true, env: { X: 'x-value' } }),
          bash('as-user', 'echo user'),
        ],
      },
      {
        logDir: logDir(),
        asRoot: false,
        env: { PATH: `${testBin}:${process.env['PATH']}`, SUDO_LOG: sudoLog },
      },
      c.listener,
    );
    expect(r.ok).toBe(true);
    expect(c.lines('as-root')).toEqual(['x-value']);
    const calls = readFileSync(sudoLog, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^-n -- env PATH=\S+ SUDO_LOG=\S+ X=x-value bash -c echo "\$X"$/);
    expect(readFileSync(r.logPaths['as-root']!, 'utf8')).toContain('# $ sudo -n -- bash -c \'echo "$X"\'');
  });

  it('runs root steps directly when root', () => {
    expect(commandFor(['id'], { A: '1' }, true, true)).toEqual(['id']);
    expect(commandFor(['id'], {}, true, false)).toEqual(['sudo', '-n', '--', 'id']);
    expect(commandFor(['id'], {}, false, false)).toEqual(['id']);
  });

  it('ensureSudo asks sudo -v once, and not at all when root', async () => {
    const sudoLog = join(dir, 'sudo.log');
    const env = { ...process.env, PATH: `${testBin}:${process.env['PATH']}`, SUDO_LOG: sudoLog };
    expect(await ensureSudo({ asRoot: true, env })).toBe(true);
    expect(existsSync(sudoLog)).toBe(false);
    expect(await ensureSudo({ asRoot: false, env: { ...env, SUDO_REFUSE: '1' } })).toBe(false);
    expect(await ensureSudo({ asRoot: false, env })).toBe(true);
    expect(await ensureSudo({ asRoot: false, env })).toBe(true);
    expect(readFileSync(sudoLog, 'utf8')).toBe('-v\n-v\n');
  });
});

describe('runPlan: resume bookkeeping', () => {
  it('starts a fresh journal without resume', async () => {
    const c = collector();
    const marker = join(dir, 'ran');
    const plan = { steps: [bash('a', `echo a >> ${marker}`)] };
    await runPlan(plan, { logDir: logDir() }, c.listener);
    await runPlan(plan, { logDir: logDir() }, c.listener);
    expect(readFileSync(marker, 'utf8')).toBe('a\na\n');
    const r = await runPlan(plan, { logDir: logDir(), resume: true }, c.listener);
    expect(r.resumed).toEqual(['a']);
    expect(readFileSync(marker, 'utf8')).toBe('a\na\n');
    expect(c.of('skip').at(-1)).toEqual({ type: 'skip', stepId: 'a', reason: 'finished in an earlier run' });
  });
});
