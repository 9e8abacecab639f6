// Runs a guest rollout under the update panes. The view stays after the run until the user leaves (q), so the
// summary and the rolled-back guests' logs can be read; src/guests/command.ts gets this function passed in.
import { render } from 'ink';
import type { RolloutRun } from '../../src/guests/command';
import type { RolloutEvent, RolloutResult } from '../../src/guests/types';
import { UpdateView, type RolloutEventSource } from './UpdateView';

/** Keeps events that arrive before the view subscribes, so the first guest's start is never missed. */
export class RolloutHub implements RolloutEventSource {
  private backlog: RolloutEvent[] | null = [];
  private result: RolloutResult | null = null;
  private onEvent: ((e: RolloutEvent) => void) | null = null;
  private onFinish: ((r: RolloutResult) => void) | null = null;

  emit = (e: RolloutEvent): void => {
    if (this.onEvent) this.onEvent(e);
    else this.backlog?.push(e);
  };

  finish(r: RolloutResult): void {
    this.result = r;
    this.onFinish?.(r);
  }

  subscribe(onEvent: (e: RolloutEvent) => void, onFinish: (r: RolloutResult) => void): () => void {
    this.onEvent = onEvent;
    this.onFinish = onFinish;
    for (const e of this.backlog ?? []) onEvent(e);
    this.backlog = null;
    if (this.result) onFinish(this.result);
    return () => {
      this.onEvent = null;
      this.onFinish = null;
    };
  }
}

export async function runRolloutWithPanes(
  run: RolloutRun,
  opts: { title: string; stdout?: NodeJS.WriteStream; stdin?: NodeJS.ReadStream },
): Promise<RolloutResult> {
  const hub = new RolloutHub();
  const abort = new AbortController();
  const app = render(
    <UpdateView
      events={hub}
      title={opts.title}
      onCancel={() => abort.abort()}
      onExit={() => app.unmount()}
    />,
    {
      stdout: opts.stdout ?? process.stdout,
      stdin: opts.stdin ?? process.stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 30,
    },
  );
  let result: RolloutResult;
  try {
    result = await run(hub.emit, abort.signal);
  } catch (err) {
    app.unmount();
    throw err;
  }
  hub.finish(result);
  await app.waitUntilExit();
  return result;
}
