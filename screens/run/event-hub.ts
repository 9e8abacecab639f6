// Carries a run's events from the runner to the live panes. Events that arrive before the view subscribes
// (the runner starts at once) are kept and replayed, so the view never misses the first step's start.
import type { RunEvent, RunResult } from '../../src/run/types';

export interface EventSource<E, R> {
  subscribe(onEvent: (e: E) => void, onFinish: (r: R) => void): () => void;
}

export class EventHub<E, R> implements EventSource<E, R> {
  private backlog: E[] | null = [];
  private result: R | null = null;
  private onEvent: ((e: E) => void) | null = null;
  private onFinish: ((r: R) => void) | null = null;

  emit = (e: E): void => {
    if (this.onEvent) this.onEvent(e);
    else this.backlog?.push(e);
  };

  finish(result: R): void {
    this.result = result;
    this.onFinish?.(result);
  }

  subscribe(onEvent: (e: E) => void, onFinish: (r: R) => void): () => void {
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

export type RunEventSource = EventSource<RunEvent, RunResult>;

export class RunEventHub extends EventHub<RunEvent, RunResult> {}
