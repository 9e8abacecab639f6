// Windows Update in the Windows VM through the QEMU guest agent: is the agent there (`qm guest cmd ping`) and is it
// Windows (`get-osinfo`); start the update script without waiting (`qm guest exec --synchronous 0`); poll
// `qm guest exec-status` and the script's progress file until it ends or the timeout; then the reboot it may need
// (`qm shutdown`, `qm start`, and the agent answering again). Skipped, with the reason, when the agent does not answer.
import type { CommandResult } from '../host/types';
import type { Executor, GuestStep } from '../guests/exec';
import { GuestRun, lastLine } from '../guests/guest-run';
import { LiveStep } from '../guests/live-step';
import type { GuestOutcome, RolloutListener, StepInfo } from '../guests/types';
import { describeResult, newProgressLines, parseStarted, parseStatus, parseUpdateResult } from './parse';
import { PROGRESS_SCRIPT, UPDATE_SCRIPT, encodedCommand, powershellArgv } from './script';

const MIN = 60_000;

export interface WindowsTarget {
  name: string;
  vmid: number;
}

export interface WindowsOptions {
  logDir: string;
  /** How long the update may run before nix-mox stops waiting (it goes on inside Windows). */
  timeoutMs?: number;
  pollMs?: number;
  /** Reboot when Windows says it needs one (default true). */
  reboot?: boolean;
  /** How long the VM may take to shut down (installing updates) and for its agent to answer again. */
  rebootTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface WindowsDeps {
  exec: Executor;
  /** Runs a quick read-only command (the polls), as root. */
  run(argv: string[]): Promise<CommandResult>;
  emit: RolloutListener;
  sleep(ms: number): Promise<void>;
  now(): number;
}

function steps(t: WindowsTarget) {
  const id = (p: string) => `${t.name}.${p}`;
  const qm = (
    p: string,
    title: string,
    argv: string[],
    timeoutMs: number,
    extra: Partial<GuestStep> = {},
  ): GuestStep => ({
    id: id(p),
    title,
    argv,
    timeoutMs,
    risk: [],
    root: true,
    ...extra,
  });
  const script = powershellArgv(UPDATE_SCRIPT);
  return {
    ping: qm(
      'agent',
      'Check that the QEMU guest agent answers',
      ['qm', 'guest', 'cmd', String(t.vmid), 'ping'],
      MIN,
    ),
    osinfo: qm(
      'osinfo',
      'Check that the guest is Windows',
      ['qm', 'guest', 'cmd', String(t.vmid), 'get-osinfo'],
      MIN,
      { capture: true },
    ),
    start: qm(
      'start-update',
      'Start Windows Update in the guest (Windows Update Agent API)',
      ['qm', 'guest', 'exec', String(t.vmid), '--synchronous', '0', '--', ...script],
      MIN,
      {
        capture: true,
        risk: ['P'],
        hide: [encodedCommand(UPDATE_SCRIPT)],
      },
    ),
    wait: { id: id('updating'), title: 'Download and install the updates' },
    shutdown: qm(
      'shutdown',
      'Reboot: shut Windows down (it finishes installing)',
      ['qm', 'shutdown', String(t.vmid), '--timeout', '1800'],
      35 * MIN,
      {
        risk: ['R'],
      },
    ),
    boot: qm('boot', 'Reboot: start the VM again', ['qm', 'start', String(t.vmid)], 5 * MIN, { risk: ['R'] }),
    back: { id: id('agent-back'), title: 'Wait for the guest agent to answer again' },
  };
}

const statusArgv = (t: WindowsTarget, pid: number) => [
  'qm',
  'guest',
  'exec-status',
  String(t.vmid),
  String(pid),
];
const progressArgv = (t: WindowsTarget) => [
  'qm',
  'guest',
  'exec',
  String(t.vmid),
  '--',
  ...powershellArgv(PROGRESS_SCRIPT),
];

/** osinfo's `id` is "mswindows" on Windows (qemu-ga's guest-get-osinfo). */
function osOf(text: string): { windows: boolean; name: string } {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    return {
      windows: o['id'] === 'mswindows',
      name: String(o['pretty-name'] ?? o['name'] ?? o['id'] ?? 'an unknown system'),
    };
  } catch {
    return { windows: false, name: 'an unknown system' };
  }
}

async function waitForAgent(
  t: WindowsTarget,
  step: LiveStep,
  deps: WindowsDeps,
  limitMs: number,
  pollMs: number,
): Promise<boolean> {
  const started = deps.now();
  step.start(
    `qm guest cmd ${t.vmid} ping (every ${Math.round(pollMs / 1000)} s, at most ${Math.round(limitMs / MIN)} min)`,
  );
  while (deps.now() - started <= limitMs) {
    const r = await deps.run(['qm', 'guest', 'cmd', String(t.vmid), 'ping']);
    if (r.code === 0) {
      step.line('the guest agent answers');
      step.end(0);
      return true;
    }
    step.heartbeat();
    await deps.sleep(pollMs);
  }
  step.error(`the guest agent did not answer within ${Math.round(limitMs / MIN)} min`);
  step.end(1);
  return false;
}

export async function updateWindows(
  t: WindowsTarget,
  opts: WindowsOptions,
  deps: WindowsDeps,
): Promise<GuestOutcome> {
  const s = steps(t);
  const timeoutMs = opts.timeoutMs ?? 180 * MIN;
  const pollMs = opts.pollMs ?? 15_000;
  const g = new GuestRun(
    {
      name: t.name,
      vmid: t.vmid,
      kind: 'vm',
      transport: { kind: 'agent', vmid: t.vmid, node: 'localhost' },
      datasets: [],
    },
    deps.exec,
    deps.emit,
  );
  const info = (x: { id: string; title: string }): StepInfo => ({ id: x.id, title: x.title });
  const planned = [s.ping, s.osinfo, s.start, s.wait, s.shutdown, s.boot, s.back].map(info);
  g.begin(`${t.name} (VM ${t.vmid}, Windows Update through the guest agent)`, planned);

  const ping = await g.run(s.ping);
  if (ping.code !== 0) {
    g.skipRest(planned, 'not run: no guest agent');
    const why = lastLine(ping) || `exit ${ping.code}`;
    return g.finish(
      'skipped',
      `The QEMU guest agent of VM ${t.vmid} does not answer (${why}): install the guest agent from the virtio-win ISO in Windows, set "QEMU Guest Agent" on in the VM's options, then run the update again.`,
    );
  }
  const os = await g.run(s.osinfo);
  const sys = osOf(os.stdout);
  if (os.code !== 0 || !sys.windows) {
    g.skipRest(planned, 'not run: not Windows');
    return g.finish(
      'skipped',
      os.code !== 0
        ? `The guest agent could not say which system VM ${t.vmid} runs (${lastLine(os)}).`
        : `VM ${t.vmid} runs ${sys.name}, not Windows.`,
    );
  }
  const started = await g.run(s.start);
  const pid = started.code === 0 ? parseStarted(started.stdout) : null;
  if (pid === null) {
    g.skipRest(planned, 'not run: the update did not start');
    return g.finish(
      'failed',
      `Windows Update did not start (${lastLine(started) || 'no pid from the guest agent'}).`,
    );
  }

  const wait = new LiveStep(deps.emit, t.name, s.wait.id, s.wait.title, opts.logDir, deps.now);
  wait.start(`qm guest exec-status ${t.vmid} ${pid} (every ${Math.round(pollMs / 1000)} s)`);
  const begun = deps.now();
  let seen = 0;
  let done: ReturnType<typeof parseStatus> = null;
  let stopped: 'timeout' | 'cancelled' | null = null;
  for (let first = true; ; first = false) {
    if (opts.signal?.aborted) {
      stopped = 'cancelled';
      break;
    }
    if (!first) await deps.sleep(pollMs);
    if (deps.now() - begun > timeoutMs) {
      stopped = 'timeout';
      break;
    }
    const progress = await deps.run(progressArgv(t));
    const text = progress.code === 0 ? (parseStatus(progress.stdout)?.stdout ?? '') : '';
    const fresh = newProgressLines(text, seen);
    seen = fresh.total;
    for (const l of fresh.lines) wait.line(l);
    const st = await deps.run(statusArgv(t, pid));
    const status = st.code === 0 ? parseStatus(st.stdout) : null;
    if (status?.exited) {
      done = status;
      break;
    }
    if (fresh.lines.length === 0) wait.heartbeat();
  }
  if (stopped || !done) {
    const minutes = Math.round((deps.now() - begun) / MIN);
    wait.error(
      stopped === 'timeout' ? `still running after ${minutes} min; stopped waiting` : 'stopped waiting',
    );
    wait.end(stopped === 'timeout' ? 124 : 130);
    g.skipRest(planned, 'not run: the update did not finish');
    return g.finish(
      'failed',
      `Windows Update was still running after ${minutes} min, so nix-mox stopped waiting; it goes on inside Windows (see Settings > Windows Update), and no reboot was done.`,
    );
  }
  for (const l of done.stderr.split(/\r?\n/).filter((x) => x.trim() !== '')) wait.line(l, 'stderr');
  const result = parseUpdateResult(done.stdout);
  if (done.exitcode !== 0 || !result) {
    const why =
      done.stderr
        .split(/\r?\n/)
        .filter((x) => x.trim() !== '')
        .pop() ?? `exit ${done.exitcode}`;
    wait.error(why);
    wait.end(done.exitcode && done.exitcode !== 0 ? done.exitcode : 1);
    g.skipRest(planned, 'not run: the update failed');
    return g.finish('failed', `Windows Update failed in the guest (${why}). Log: ${wait.logPath}`);
  }
  wait.progress(result.found, result.found, 'done');
  wait.line(describeResult(result));
  const anyFailed = result.updates.some((u) => u.result !== 2 && u.result !== 3);
  wait.end(anyFailed ? 1 : 0);

  let rebootNote = '';
  if (result.rebootRequired && opts.reboot !== false) {
    const down = await g.run(s.shutdown);
    const up = down.code === 0 ? await g.run(s.boot) : null;
    if (up?.code !== 0) {
      g.skipRest(planned, 'not run');
      return g.finish(
        'failed',
        `${describeResult(result)} The reboot it needs failed at ${down.code !== 0 ? 'the shutdown' : 'the start'}: ${lastLine(up ?? down)}.`,
      );
    }
    const back = new LiveStep(deps.emit, t.name, s.back.id, s.back.title, opts.logDir, deps.now);
    if (!(await waitForAgent(t, back, deps, opts.rebootTimeoutMs ?? 30 * MIN, pollMs))) {
      return g.finish(
        'failed',
        `${describeResult(result)} Rebooted, but the guest agent did not answer again in time: look at the VM's console.`,
      );
    }
    rebootNote = ' Rebooted, and the guest agent answers again.';
  } else if (result.rebootRequired) {
    rebootNote = ' Windows needs a reboot to finish (not done: --no-reboot).';
  }
  g.skipRest(planned, result.rebootRequired ? 'not run' : 'no reboot needed');
  return g.finish(anyFailed ? 'failed' : 'updated', `${describeResult(result)}${rebootNote}`);
}
