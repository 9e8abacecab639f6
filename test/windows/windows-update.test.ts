// Windows Update through the QEMU guest agent, against the qm shim: skipped with the reason when the agent does not
// answer; the script started without waiting, progress polled from its log file and `qm guest exec-status`; the
// timeout; and the reboot Windows asks for.
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/guests/exec';
import type { RolloutEvent } from '../../src/guests/types';
import { describeResult, newProgressLines, parseUpdateResult } from '../../src/windows/parse';
import { PROGRESS_SCRIPT, UPDATE_SCRIPT, encodedCommand, powershellArgv } from '../../src/windows/script';
import { updateWindows } from '../../src/windows/update';
import { makeShimEnv } from '../helpers/shim-env';
import { sharedAvailable } from '../helpers/shared';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const RESULT = JSON.stringify({
  found: 2,
  rebootRequired: true,
  updates: [
    {
      title: '2026-05 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5058411)',
      kb: '5058411',
      result: 2,
    },
    {
      title:
        'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.429.120.0)',
      kb: '2267602',
      result: 2,
    },
  ],
});
const PROGRESS = [
  '::step searching for updates',
  'found 2 update(s)',
  '::progress 0/2 downloading 2026-05 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5058411)',
  '::progress 1/2 2026-05 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5058411): result 2',
].join('\r\n');

function windowsHost(agentRunning: boolean, result = RESULT) {
  const shim = makeShimEnv({
    state: {
      guests: [
        {
          vmid: 101,
          kind: 'qemu',
          name: 'windows',
          status: 'running',
          node: 'pve',
          config: { name: 'windows', agent: '1', ostype: 'win11' },
        },
      ],
      agent: {
        '101': {
          running: agentRunning,
          results: {
            ping: {},
            'get-osinfo': {
              id: 'mswindows',
              name: 'Microsoft Windows',
              'pretty-name': 'Windows 11 Pro',
              version: 'Microsoft Windows 11',
            },
          },
          commands: [
            { argv: powershellArgv(UPDATE_SCRIPT), exitcode: 0, 'out-data': `${result}\r\n` },
            { argv: powershellArgv(PROGRESS_SCRIPT), exitcode: 0, 'out-data': `${PROGRESS}\r\n` },
          ],
        },
      },
    },
  });
  cleanups.push(shim.cleanup);
  const env = { ...shim.env, TZ: 'UTC' };
  let clock = 0;
  const events: RolloutEvent[] = [];
  const emit = (e: RolloutEvent) => events.push(e);
  const deps = {
    exec: createExecutor({ logDir: `${shim.dir}/logs`, env, asRoot: true }, emit),
    run: async (argv: string[]) => {
      const r = await execa(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, reject: false });
      return { code: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
    emit,
    sleep: async (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
  return { shim, deps, events, logDir: `${shim.dir}/logs` };
}

const qmLines = (shim: ReturnType<typeof makeShimEnv>) =>
  shim
    .calls()
    .filter((c) => c.cmd === 'qm')
    .map((c) =>
      c.argv
        .map((a) =>
          a.length > 200
            ? `<${a === encodedCommand(UPDATE_SCRIPT) ? 'update script' : 'progress script'}>`
            : a,
        )
        .join(' '),
    );

describe("reading the update script's answers", () => {
  it('reads the JSON result, counts what was installed and names what was not', () => {
    const r = parseUpdateResult(
      `some noise\r\n${JSON.stringify({
        found: 2,
        rebootRequired: false,
        updates: [
          { title: 'A', kb: '1', result: 2 },
          { title: 'B', kb: '2', result: 4 },
        ],
      })}\r\n`,
    )!;
    expect(r.rebootRequired).toBe(false);
    expect(describeResult(r)).toBe('Installed 1 of 2 update(s). Not installed: KB2 B (failed).');
    expect(describeResult({ found: 0, rebootRequired: false, updates: [] })).toBe(
      'Windows is up to date: no updates were found.',
    );
    // ConvertTo-Json writes a single update as an object, not a list.
    expect(
      parseUpdateResult('{"found":1,"rebootRequired":true,"updates":{"title":"A","kb":"1","result":2}}')!
        .updates,
    ).toHaveLength(1);
    expect(parseUpdateResult('no json here')).toBeNull();
  });

  it('gives only the progress lines not seen before', () => {
    expect(newProgressLines('\uFEFFa\r\nb\r\n', 0)).toEqual({ lines: ['a', 'b'], total: 2 });
    expect(newProgressLines('a\r\nb\r\nc\r\n', 2)).toEqual({ lines: ['c'], total: 3 });
  });

  it('passes the script as -EncodedCommand (UTF-16LE base64), so no quoting is involved', () => {
    const argv = powershellArgv('Write-Output "it\'s $x"');
    expect(argv.slice(0, 6)).toEqual([
      'powershell.exe',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(argv[6]!, 'base64').toString('utf16le')).toBe('Write-Output "it\'s $x"');
  });
});

describe.skipIf(!sharedAvailable())('Windows Update through the guest agent', () => {
  it('is skipped with the reason and what to do when the guest agent is not running', async () => {
    const h = windowsHost(false);
    const o = await updateWindows({ name: 'windows', vmid: 101 }, { logDir: h.logDir }, h.deps);
    expect(o.status).toBe('skipped');
    expect(o.reason).toMatch(
      /The QEMU guest agent of VM 101 does not answer \(QEMU guest agent is not running\): install the guest agent/,
    );
    expect(qmLines(h.shim)).toEqual(['guest cmd 101 ping']);
  });

  it('starts the update without waiting, polls progress and status, then reboots as Windows asks', async () => {
    const h = windowsHost(true);
    // The first two polls find the update still running.
    h.shim.fail('qm guest exec-status', { code: 0, stdout: '{\n   "exited" : 0\n}\n', times: 2 });
    const o = await updateWindows(
      { name: 'windows', vmid: 101 },
      { logDir: h.logDir, pollMs: 10_000 },
      h.deps,
    );
    expect(o.status).toBe('updated');
    expect(o.reason).toBe('Installed 2 of 2 update(s). Rebooted, and the guest agent answers again.');
    expect(qmLines(h.shim)).toEqual([
      'guest cmd 101 ping',
      'guest cmd 101 get-osinfo',
      'guest exec 101 --synchronous 0 -- powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <update script>',
      'guest exec 101 -- powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <progress script>',
      'guest exec-status 101 1000',
      'guest exec 101 -- powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <progress script>',
      'guest exec-status 101 1000',
      'guest exec 101 -- powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <progress script>',
      'guest exec-status 101 1000',
      'shutdown 101 --timeout 1800',
      'start 101',
      'guest cmd 101 ping',
    ]);
    const runs = h.events.filter(
      (e): e is Extract<RolloutEvent, { type: 'run' }> =>
        e.type === 'run' && e.event.stepId === 'windows.updating',
    );
    const progress = runs
      .filter((e) => e.event.type === 'progress')
      .map((e) => e.event as { done: number; total: number | null; label: string });
    expect(progress[0]).toEqual({
      type: 'progress',
      stepId: 'windows.updating',
      done: 0,
      total: null,
      label: 'searching for updates',
    });
    expect(progress).toContainEqual(expect.objectContaining({ done: 1, total: 2 }));
    expect(progress[progress.length - 1]).toEqual(
      expect.objectContaining({ done: 2, total: 2, label: 'done' }),
    );
    // Progress lines were shown once, though the file was read three times.
    const lines = runs.filter((e) => e.event.type === 'line').map((e) => (e.event as { text: string }).text);
    expect(lines.filter((l) => l === 'found 2 update(s)')).toHaveLength(1);
    expect(runs.some((e) => e.event.type === 'heartbeat')).toBe(true);
    // The long encoded script is not in the start step's log.
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(o.logPaths['windows.start-update']!, 'utf8')).not.toContain(
      encodedCommand(UPDATE_SCRIPT).slice(0, 60),
    );
  });

  it('stops waiting at the timeout, says the update goes on in Windows, and does not reboot', async () => {
    const h = windowsHost(true);
    h.shim.fail('qm guest exec-status', { code: 0, stdout: '{\n   "exited" : 0\n}\n', times: 50 });
    const o = await updateWindows(
      { name: 'windows', vmid: 101 },
      { logDir: h.logDir, pollMs: 20_000, timeoutMs: 60_000 },
      h.deps,
    );
    expect(o.status).toBe('failed');
    expect(o.reason).toMatch(
      /still running after 1 min, so nix-mox stopped waiting; it goes on inside Windows .* no reboot was done/,
    );
    const calls = qmLines(h.shim);
    expect(calls.filter((c) => c.startsWith('guest exec-status'))).toHaveLength(4);
    expect(calls.some((c) => c.startsWith('shutdown') || c.startsWith('start'))).toBe(false);
    const end = h.events.find(
      (e) => e.type === 'run' && e.event.type === 'end' && e.event.stepId === 'windows.updating',
    );
    expect(end).toMatchObject({ event: { code: 124 } });
  });

  it('reports the updates that failed, and skips the reboot when none is needed', async () => {
    const h = windowsHost(
      true,
      JSON.stringify({ found: 1, rebootRequired: false, updates: { title: 'Driver X', kb: '', result: 4 } }),
    );
    const o = await updateWindows({ name: 'windows', vmid: 101 }, { logDir: h.logDir, pollMs: 1000 }, h.deps);
    expect(o.status).toBe('failed');
    expect(o.reason).toBe('Installed 0 of 1 update(s). Not installed: Driver X (failed).');
    expect(qmLines(h.shim).some((c) => c.startsWith('shutdown'))).toBe(false);
  });
});
