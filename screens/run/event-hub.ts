// Carries a run's events from the runner to the live panes. Events that arrive before the view subscribes
// (the runner starts at once) are kept and replayed, so the view never misses the first step's start.
import type { RunEvent, RunResult } from '../../src/run/types';

export interface RunEventSource {
  subscribe(onEvent: (e: RunEvent) => void, onFinish: (r: RunResult) => void): () => void;
}

export class RunEventHub implements RunEventSource {
  private backlog: RunEvent[] | null = [];
  private result: RunResult | null = null;
  private onEvent: ((e: RunEvent) => void) | null = null;
  private onFinish: ((r: RunResult) => void) | null = null;

  emit = (e: RunEvent): void => {
    if (this.onEvent) this.onEvent(e);
    else this.backlog?.push(e);
  };

  finish(result: RunResult): void {
    this.result = result;
    this.onFinish?.(result);
  }

  subscribe(onEvent: (e: RunEvent) => void, onFinish: (r: RunResult) => void): () => void {
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
