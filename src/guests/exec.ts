// Runs one command step for a guest through the runner (its own process group, log file, timeout, heartbeat,
// cancel), forwards the runner's events tagged with the guest, and gives the caller the exit code and, when asked,
// the step's stdout. Steps through the QEMU guest agent are corrected on the way: the runner sees `qm` exit 0, the
// guest's real exit code and output come from qm's JSON.
import { join } from 'node:path';
import type { Risk } from '../plan/types';
import { runPlan } from '../run/runner';
import type { RunEvent } from '../run/types';
import { agentExitCode, parseAgentExec } from './agent-result';
import type { RolloutListener } from './types';

const TAIL = 20;

export interface GuestStep {
  id: string;
  title: string;
  argv: string[];
  timeoutMs: number;
  risk: Risk[];
  /** A host command that needs root (pct, qm, zfs, pvesh); through `sudo -n` when nix-mox is not root. */
  root: boolean;
  /** Keep stdout for the caller (failed units, generation, snapshot listing). */
  capture?: boolean;
  /** A `qm guest exec`: the guest's exit code is in the JSON qm prints. */
  agent?: boolean;
  /** Values shown as *** in the log and panes (the base64 flake of a push through the agent: long, not secret). */
  hide?: string[];
}

export interface StepRun {
  code: number;
  stdout: string;
  /** The last lines of output on either stream, for a one-line reason. */
  tail: string[];
  logPath: string | null;
  cancelled: boolean;
}

export interface Executor {
  run(guest: string, step: GuestStep): Promise<StepRun>;
}

export interface ExecutorOptions {
  logDir: string;
  env?: Record<string, string>;
  asRoot?: boolean;
  signal?: AbortSignal;
  heartbeatMs?: number;
  graceMs?: number;
  /** Long values (the base64 flake of an agent push) kept out of logs and panes. */
  secrets?: string[];
}

export function createExecutor(opts: ExecutorOptions, emit: RolloutListener): Executor {
  return {
    async run(guest, step) {
      const out: string[] = [];
      const held: RunEvent[] = [];
      let endCode: number | null = null;
      const tail: string[] = [];
      const keep = (text: string) => {
        tail.push(text);
        if (tail.length > TAIL) tail.shift();
      };
      const forward = (event: RunEvent) => emit({ type: 'run', name: guest, event });
      const result = await runPlan(
        {
          steps: [
            {
              id: step.id,
              title: step.title,
              argv: step.argv,
              root: step.root,
              risk: step.risk,
              timeoutMs: step.timeoutMs,
            },
          ],
        },
        {
          logDir: opts.logDir,
          journalPath: join(opts.logDir, `${guest}.journal.json`),
          env: opts.env,
          asRoot: opts.asRoot,
          signal: opts.signal,
          heartbeatMs: opts.heartbeatMs,
          graceMs: opts.graceMs,
          secrets: [...(opts.secrets ?? []), ...(step.hide ?? [])],
        },
        (event) => {
          if (event.type === 'line' && event.stream === 'stdout' && !event.transient) out.push(event.text);
          if (event.type === 'end') endCode = event.code;
          if (event.type === 'line' && !event.transient && !step.agent) keep(event.text);
          if (event.type === 'error') keep(event.message);
          if (step.agent && (event.type === 'line' || event.type === 'end')) {
            held.push(event);
            return;
          }
          forward(event);
        },
      );
      const logPath = result.logPaths[step.id] ?? null;
      let code = result.ok ? 0 : 1;
      let stdout = out.join('\n');
      if (step.agent) {
        const end = held.find((e): e is Extract<RunEvent, { type: 'end' }> => e.type === 'end');
        if (end && end.code === 0) {
          const parsed = parseAgentExec(stdout);
          code = agentExitCode(parsed);
          stdout = parsed?.stdout ?? '';
          const lines = (text: string, stream: 'stdout' | 'stderr') =>
            text
              .split('\n')
              .filter((l, i, all) => l !== '' || i < all.length - 1)
              .forEach((text) => {
                keep(text);
                forward({ type: 'line', stepId: step.id, stream, text });
              });
          if (parsed) {
            lines(parsed.stdout, 'stdout');
            lines(parsed.stderr, 'stderr');
          } else {
            forward({
              type: 'error',
              stepId: step.id,
              message: 'the guest agent gave no result nix-mox can read',
            });
          }
          forward({ ...end, code });
        } else {
          for (const e of held) {
            if (e.type === 'line') keep(e.text);
            forward(e);
          }
          code = end?.code ?? code;
        }
      } else if (!result.ok) {
        code = endCode !== null && endCode !== 0 ? endCode : 1;
      }
      return {
        code,
        tail,
        stdout: stdout.endsWith('\n') || stdout === '' ? stdout : `${stdout}\n`,
        logPath,
        cancelled: result.cancelled,
      };
    },
  };
}
