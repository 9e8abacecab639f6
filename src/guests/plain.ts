// Without a terminal (pipes, CI, systemd): the rollout as plain lines, one guest after another, each step with its
// output, and the summary at the end. Never prompts.
import { formatMs } from '../run/runner';
import type { RunEvent } from '../run/types';
import { statusWord, summaryLines } from './summary';
import type { RolloutEvent, RolloutResult } from './types';

export class RolloutPrinter {
  private readonly titles = new Map<string, string>();
  private readonly lastProgress = new Map<string, string>();

  constructor(private readonly write: (line: string) => void) {}

  private title(id: string): string {
    return this.titles.get(id) ?? id;
  }

  private run(name: string, e: RunEvent): void {
    const head = `[${name}]`;
    switch (e.type) {
      case 'start':
        this.titles.set(e.stepId, e.title);
        this.write(`${head} --> ${e.title}`);
        break;
      case 'line':
        if (!e.transient) this.write(`${head}     ${e.text}`);
        break;
      case 'progress': {
        const text = `${e.total === null ? '' : `${e.done}/${e.total} `}${e.label}`.trim();
        if (text === '' || this.lastProgress.get(e.stepId) === text) return;
        this.lastProgress.set(e.stepId, text);
        this.write(`${head}     -- ${text}`);
        break;
      }
      case 'skip':
        this.write(`${head} --- ${this.title(e.stepId)}: ${e.reason}`);
        break;
      case 'error':
        this.write(`${head}     !! ${e.message}`);
        break;
      case 'end':
        this.write(
          e.code === 0
            ? `${head} <== ok (${formatMs(e.ms)}): ${this.title(e.stepId)}`
            : `${head} <== FAILED (exit ${e.code} after ${formatMs(e.ms)}): ${this.title(e.stepId)}`,
        );
        break;
      case 'heartbeat':
        break;
    }
  }

  event(e: RolloutEvent): void {
    switch (e.type) {
      case 'note':
        this.write(e.text);
        break;
      case 'guest-start':
        for (const s of e.steps) this.titles.set(s.id, s.title);
        this.write(`== ${e.title}`);
        break;
      case 'step-added':
        this.titles.set(e.step.id, e.step.title);
        break;
      case 'run':
        this.run(e.name, e.event);
        break;
      case 'guest-end':
        this.write(`== ${e.outcome.name}: ${statusWord(e.outcome.status)}: ${e.outcome.reason}`);
        break;
    }
  }

  summary(result: RolloutResult): void {
    this.write('');
    for (const l of summaryLines(result)) this.write(l);
  }
}
