// Shared by the run and the guest-update panes: how the Ink app is started, and how a runner's events reach the
// view through a hub until the user closes it.
import { type Instance, render } from 'ink';
import type { ReactElement } from 'react';
import type { EventHub } from './event-hub';

export interface PanesIo {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Called after each frame Ink draws. */
  onRender?: () => void;
}

export function renderPanes(view: ReactElement, io: PanesIo): Instance {
  return render(view, {
    stdout: io.stdout ?? process.stdout,
    stdin: io.stdin ?? process.stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    // The views' own timers keep periodic frames at their fps; Ink's cap only delays frames a key asked for.
    maxFps: 30,
    ...(io.onRender ? { onRender: io.onRender } : {}),
  });
}

/**
 * Runs `run` with the hub's emit, hands its result to the view and waits until the view is closed. When `run`
 * throws, the view is taken down and the error goes on.
 */
export async function runUnderPanes<E, R>(
  app: Instance,
  hub: EventHub<E, R>,
  run: (emit: (e: E) => void) => Promise<R>,
): Promise<R> {
  let result: R;
  try {
    result = await run(hub.emit);
  } catch (err) {
    app.unmount();
    throw err;
  }
  hub.finish(result);
  await app.waitUntilExit();
  return result;
}
