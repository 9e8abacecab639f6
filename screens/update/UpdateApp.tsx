// Runs a guest rollout under the update panes. The view stays after the run until the user leaves (q), so the
// summary and the rolled-back guests' logs can be read; src/guests/command.ts gets this function passed in.
import type { RolloutRun } from '../../src/guests/command';
import type { RolloutEvent, RolloutResult } from '../../src/guests/types';
import { EventHub } from '../run/event-hub';
import { renderPanes, runUnderPanes } from '../run/live-panes';
import { UpdateView } from './UpdateView';

/** Keeps events that arrive before the view subscribes, so the first guest's start is never missed. */
export class RolloutHub extends EventHub<RolloutEvent, RolloutResult> {}

export async function runRolloutWithPanes(
  run: RolloutRun,
  opts: { title: string; stdout?: NodeJS.WriteStream; stdin?: NodeJS.ReadStream },
): Promise<RolloutResult> {
  const hub = new RolloutHub();
  const abort = new AbortController();
  const app = renderPanes(
    <UpdateView
      events={hub}
      title={opts.title}
      onCancel={() => abort.abort()}
      onExit={() => app.unmount()}
    />,
    opts,
  );
  return runUnderPanes(app, hub, (emit) => run(emit, abort.signal));
}
