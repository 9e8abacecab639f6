// Runs a plan with live panes (Ink) when there is a terminal; runPlain prints the same events as plain lines.
import type { Step } from '../../src/plan/types';
import { runPlan } from '../../src/run/runner';
import type { RunOptions, RunResult } from '../../src/run/types';
import { RunEventHub } from './event-hub';
import { renderPanes, runUnderPanes } from './live-panes';
import { DEFAULT_FPS, RunView } from './RunView';

export { runPlain } from '../../src/run/plain';
export { ensureSudo } from '../../src/run/sudo';

export interface PanesOptions extends RunOptions {
  title: string;
  resumeCommand?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  fps?: number;
  /** Called after each frame Ink draws (the stream bench counts them). */
  onRender?: () => void;
}

/**
 * Runs the plan under live panes and resolves once the view is closed: at once after success, after the user
 * leaves (q) after a failure or a stop. The caller runs ensureSudo() before this when steps need root.
 */
export async function runWithPanes(plan: { steps: Step[] }, opts: PanesOptions): Promise<RunResult> {
  const hub = new RunEventHub();
  const abort = new AbortController();
  const external = opts.signal;
  const onExternalAbort = () => abort.abort();
  if (external?.aborted) abort.abort();
  external?.addEventListener('abort', onExternalAbort);
  const fps = opts.fps ?? DEFAULT_FPS;

  const app = renderPanes(
    <RunView
      plan={plan}
      events={hub}
      title={opts.title}
      resumeCommand={opts.resumeCommand}
      fps={fps}
      onCancel={() => abort.abort()}
      onExit={() => app.unmount()}
    />,
    opts,
  );
  const { title: _t, resumeCommand: _r, stdout: _o, stdin: _i, fps: _f, onRender: _n, ...runOpts } = opts;
  return runUnderPanes(app, hub, async (emit) => {
    try {
      return await runPlan(plan, { ...runOpts, signal: abort.signal }, emit);
    } finally {
      external?.removeEventListener('abort', onExternalAbort);
    }
  });
}
