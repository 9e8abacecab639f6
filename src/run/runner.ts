// Runs a Plan: one step after another, each in its own process group, with its output streamed as events and
// written to its own log, a journal of finished steps, and cancel/timeout that stop everything a step started.
import { mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { formatMs } from './format';
import type { Step } from '../plan/types';
import { JournalWriter, finishedStepIds, readJournal, type StepStatus } from './journal';
import { StepLog, stepLogPath } from './logs';
import { groupMembers, killGroupNow, stopGroup } from './process-group';
import { makeRedactor, type Redact, secretValuesFromEnv } from './redact';
import { StepOutput } from './step-output';
import { commandFor, runningAsRoot } from './sudo';
import type { RunEventListener, RunOptions, RunResult } from './types';
import { fileUpToDate, writeFileEntry } from './write-step';

export { ensureSudo } from './sudo';
export { formatMs } from './format';

const DEFAULT_GRACE_MS = 5000;
const DEFAULT_HEARTBEAT_MS = 2000;
const CHECK_TIMEOUT_MS = 60_000;
const STREAM_CLOSE_WAIT_MS = 1000;
/** The step log is written at least this often, so the log viewer follows a step closely. */
const LOG_FLUSH_MS = 250;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export const EXIT_TIMEOUT = 124;
export const EXIT_CANCELLED = 130;
export const EXIT_NOT_FOUND = 127;

interface StepOutcome {
  status: StepStatus;
  code: number;
}

/** Process groups of steps still running, stopped if nix-mox itself exits. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pgid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const g of liveGroups) killGroupNow(g);
    });
  }
  liveGroups.add(pgid);
}

function describeArgv(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

interface Ctx {
  opts: RunOptions;
  asRoot: boolean;
  graceMs: number;
  heartbeatMs: number;
  emit: RunEventListener;
}

function stepEnv(ctx: Ctx, step: Step): Record<string, string> {
  return { ...(ctx.opts.env ?? {}), ...(step.env ?? {}) };
}

function redactorFor(ctx: Ctx, step: Step): Redact {
  const env = { ...process.env, ...stepEnv(ctx, step) };
  return makeRedactor([...secretValuesFromEnv(env), ...(ctx.opts.secrets ?? [])]);
}

function spawnInGroup(argv: string[], env: Record<string, string>, stdio: 'pipe' | 'ignore'): ResultPromise {
  return execa(argv[0]!, argv.slice(1), {
    detached: true,
    cleanup: false,
    buffer: false,
    reject: false,
    stdin: 'ignore',
    stdout: stdio,
    stderr: stdio,
    env,
    extendEnv: true,
    stripFinalNewline: false,
  });
}

/** `skipIf`: exit 0 from the check means the step is already done. */
async function checkSaysDone(ctx: Ctx, step: Step): Promise<boolean> {
  if (!step.skipIf) return false;
  const env = stepEnv(ctx, step);
  const argv = commandFor(step.skipIf.argv, env, step.root, ctx.asRoot);
  const child = spawnInGroup(argv, env, 'ignore');
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);
  const limit = step.timeoutMs > 0 ? Math.min(step.timeoutMs, CHECK_TIMEOUT_MS) : CHECK_TIMEOUT_MS;
  const timer = setTimeout(() => {
    if (pid !== undefined) void stopGroup(pid, ctx.graceMs);
  }, limit);
  const r = await child;
  clearTimeout(timer);
  if (pid !== undefined) {
    await stopGroup(pid, ctx.graceMs);
    liveGroups.delete(pid);
  }
  return r.exitCode === 0;
}

async function runWriteStep(ctx: Ctx, step: Step, log: StepLog, out: StepOutput): Promise<StepOutcome> {
  const entry = step.write!;
  try {
    const r = await writeFileEntry(entry, {
      root: ctx.opts.root ?? '/',
      asRoot: ctx.asRoot,
      needsRoot: step.root,
      now: new Date(),
      env: { ...process.env, ...stepEnv(ctx, step) } as Record<string, string>,
    });
    out.write('stdout', `wrote ${r.target} (mode ${entry.mode.toString(8)}, owner ${entry.owner})\n`);
    if (r.backup) out.write('stdout', `backup of the previous file: ${r.backup}\n`);
    return { status: 'done', code: 0 };
  } catch (err) {
    const message = `could not write ${entry.path}: ${(err as Error).message}`;
    log.add(message);
    ctx.emit({ type: 'error', stepId: step.id, message });
    return { status: 'failed', code: 1 };
  }
}

async function runArgvStep(ctx: Ctx, step: Step, log: StepLog, out: StepOutput): Promise<StepOutcome> {
  const env = stepEnv(ctx, step);
  const argv = commandFor(step.argv!, env, step.root, ctx.asRoot);
  const child = spawnInGroup(argv, env, 'pipe');
  const pid = child.pid;
  child.stdout?.on('data', (chunk: Buffer) => out.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => out.write('stderr', chunk));

  let stopping: 'timeout' | 'cancelled' | null = null;
  const stop = (why: 'timeout' | 'cancelled') => {
    if (stopping || pid === undefined) return;
    stopping = why;
    void stopGroup(pid, ctx.graceMs);
  };
  const onAbort = () => stop('cancelled');
  ctx.opts.signal?.addEventListener('abort', onAbort);
  const timer = step.timeoutMs > 0 ? setTimeout(() => stop('timeout'), step.timeoutMs) : null;
  let lastBeat = Date.now();
  const beat = setInterval(
    () => {
      out.flush();
      const now = Date.now();
      const quiet = now - out.lastOutputAt;
      if (quiet >= ctx.heartbeatMs && now - lastBeat >= ctx.heartbeatMs) {
        lastBeat = now;
        ctx.emit({ type: 'heartbeat', stepId: step.id, quietMs: quiet });
      }
    },
    Math.max(10, Math.min(ctx.heartbeatMs, LOG_FLUSH_MS)),
  );

  if (pid !== undefined) trackGroup(pid);
  // The step's own process may exit while children it started keep the output pipes open: wait for the exit,
  // then stop what is left of its group, and only then for the streams to close.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const first = await Promise.race([exited, child.then(() => null)]);
  if (pid !== undefined && groupMembers(pid).length > 0) await stopGroup(pid, ctx.graceMs);
  // A process that left the group (setsid) may still hold the pipes; it is not the step's any more.
  const streamsClosed = await Promise.race([
    child.then(() => true),
    sleep(STREAM_CLOSE_WAIT_MS).then(() => false),
  ]);
  if (!streamsClosed) {
    log.add("# a process that left the step's process group still holds its output open; not waiting for it");
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
  const result = await child;
  if (pid !== undefined) liveGroups.delete(pid);
  clearInterval(beat);
  if (timer) clearTimeout(timer);
  ctx.opts.signal?.removeEventListener('abort', onAbort);
  out.end();

  const signal = first?.signal ?? (result.signal as NodeJS.Signals | undefined) ?? null;
  const code = first?.code ?? result.exitCode ?? null;
  if (stopping === 'timeout') {
    const message = `timed out after ${formatMs(step.timeoutMs)}; stopped the step and everything it started`;
    log.add(message);
    ctx.emit({ type: 'error', stepId: step.id, message });
    return { status: 'timeout', code: EXIT_TIMEOUT };
  }
  if (stopping === 'cancelled') {
    const message = 'cancelled; stopped the step and everything it started';
    log.add(message);
    ctx.emit({ type: 'error', stepId: step.id, message });
    return { status: 'cancelled', code: EXIT_CANCELLED };
  }
  if (pid === undefined || (code === null && signal === null)) {
    const notFound = (result as { code?: string }).code === 'ENOENT';
    const message = notFound
      ? `command not found: ${argv[0]}`
      : `could not start ${argv[0]}: ${String(result.shortMessage ?? result.message)}`;
    log.add(message);
    ctx.emit({ type: 'error', stepId: step.id, message });
    return { status: 'failed', code: notFound ? EXIT_NOT_FOUND : 1 };
  }
  if (signal) {
    const message = `killed by ${signal}`;
    log.add(message);
    ctx.emit({ type: 'error', stepId: step.id, message });
    return { status: 'failed', code: 128 + (constants.signals[signal] ?? 0) };
  }
  return { status: code === 0 ? 'done' : 'failed', code: code ?? 1 };
}

async function runStep(ctx: Ctx, step: Step, logPath: string): Promise<StepOutcome> {
  const at = Date.now();
  ctx.emit({ type: 'start', stepId: step.id, title: step.title, logPath, at });
  const log = new StepLog(logPath);
  const redact = redactorFor(ctx, step);
  const out = new StepOutput(step.id, log, redact, ctx.emit);
  log.add(`# nix-mox step ${step.id}: ${step.title}`);
  log.add(
    step.argv
      ? `# $ ${redact(describeArgv(commandFor(step.argv, {}, step.root, ctx.asRoot)))}`
      : `# write ${step.write?.path}`,
  );
  log.add(`# started ${new Date(at).toISOString()}`);
  let outcome: StepOutcome;
  if ((step.argv ? 1 : 0) + (step.write ? 1 : 0) !== 1) {
    const message = 'a step needs exactly one of argv or write';
    ctx.emit({ type: 'error', stepId: step.id, message });
    log.add(message);
    outcome = { status: 'failed', code: 1 };
  } else if (step.argv && step.argv.length === 0) {
    const message = 'argv is empty';
    ctx.emit({ type: 'error', stepId: step.id, message });
    log.add(message);
    outcome = { status: 'failed', code: 1 };
  } else {
    outcome = step.write ? await runWriteStep(ctx, step, log, out) : await runArgvStep(ctx, step, log, out);
  }
  const ms = Date.now() - at;
  log.add(`# ${outcome.status}: exit ${outcome.code} after ${formatMs(ms)}`);
  log.close();
  ctx.emit({ type: 'end', stepId: step.id, code: outcome.code, ms });
  return outcome;
}

export async function runPlan(
  plan: { steps: Step[] },
  opts: RunOptions,
  onEvent: RunEventListener,
): Promise<RunResult> {
  const ctx: Ctx = {
    opts,
    asRoot: opts.asRoot ?? runningAsRoot(),
    graceMs: opts.graceMs ?? DEFAULT_GRACE_MS,
    heartbeatMs: opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    emit: onEvent,
  };
  mkdirSync(opts.logDir, { recursive: true });
  const journalPath = opts.journalPath ?? join(opts.logDir, 'journal.json');
  const previous = opts.resume ? readJournal(journalPath) : null;
  const finishedBefore = finishedStepIds(previous, plan.steps);
  const envs = [process.env, opts.env ?? {}, ...plan.steps.map((s) => s.env ?? {})];
  const planRedact = makeRedactor([...envs.flatMap(secretValuesFromEnv), ...(opts.secrets ?? [])]);
  const journal = new JournalWriter(journalPath, plan, previous, planRedact);
  const result: RunResult = {
    ok: true,
    cancelled: false,
    failedStepId: null,
    completed: [],
    skipped: [],
    logPaths: {},
    resumed: [],
    journalPath,
  };

  for (const step of plan.steps) {
    if (finishedBefore.has(step.id)) {
      result.resumed!.push(step.id);
      onEvent({ type: 'skip', stepId: step.id, reason: 'finished in an earlier run' });
      continue;
    }
    if (opts.signal?.aborted) {
      journal.record(step, 'cancelled', null, 0, null);
      Object.assign(result, { ok: false, cancelled: true, failedStepId: step.id });
      break;
    }
    if (step.write && fileUpToDate(opts.root ?? '/', step.write)) {
      journal.record(step, 'skipped', 0, 0, null);
      result.skipped.push(step.id);
      onEvent({ type: 'skip', stepId: step.id, reason: 'the file is already up to date' });
      continue;
    }
    if (await checkSaysDone(ctx, step)) {
      journal.record(step, 'skipped', 0, 0, null);
      result.skipped.push(step.id);
      onEvent({ type: 'skip', stepId: step.id, reason: `already done (${describeArgv(step.skipIf!.argv)})` });
      continue;
    }
    const logPath = stepLogPath(opts.logDir, step.id);
    result.logPaths[step.id] = logPath;
    const started = Date.now();
    const outcome = await runStep(ctx, step, logPath);
    journal.record(step, outcome.status, outcome.code, Date.now() - started, logPath);
    if (outcome.status === 'done') {
      result.completed.push(step.id);
      continue;
    }
    Object.assign(result, { ok: false, cancelled: outcome.status === 'cancelled', failedStepId: step.id });
    break;
  }
  journal.finish();
  return result;
}
