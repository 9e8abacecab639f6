// What happens to a step's output: split into lines (carriage returns replace), secrets redacted, progress
// protocol and Nix JSON turned into progress events, the rest shown as lines; all of it written to the log.
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter } from './line-splitter';
import type { StepLog } from './logs';
import { describeNixProgress, NixLogParser, nixBar } from './nix-log';
import { parseProgressLine } from './progress';
import type { Redact } from './redact';
import type { RunEventListener } from './types';

type Stream = 'stdout' | 'stderr';

export class StepOutput {
  private readonly nix = new NixLogParser();
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private readonly splitters: Record<Stream, LineSplitter>;
  private done = 0;
  private total: number | null = null;
  private label = '';
  /** Time of the last output, for heartbeats. */
  lastOutputAt = Date.now();

  constructor(
    private readonly stepId: string,
    private readonly log: StepLog,
    private readonly redact: Redact,
    private readonly emit: RunEventListener,
  ) {
    this.splitters = { stdout: this.splitter('stdout'), stderr: this.splitter('stderr') };
  }

  private splitter(stream: Stream): LineSplitter {
    return new LineSplitter({
      line: (text) => this.line(stream, text),
      transient: (text) =>
        this.emit({ type: 'line', stepId: this.stepId, stream, text: this.redact(text), transient: true }),
    });
  }

  write(stream: Stream, chunk: Buffer | string): void {
    this.lastOutputAt = Date.now();
    const text = typeof chunk === 'string' ? chunk : this.decoders[stream].write(chunk);
    this.splitters[stream].push(text);
    this.log.flushIfLarge();
  }

  /** Writes what is pending to the log (the runner calls this a few times a second, so the log keeps up). */
  flush(): void {
    this.log.flush();
  }

  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.decoders[stream].end();
      if (rest) this.splitters[stream].push(rest);
      this.splitters[stream].end();
    }
    this.log.flush();
  }

  private line(stream: Stream, raw: string): void {
    const text = this.redact(raw);
    if (text.startsWith('::')) {
      const p = parseProgressLine(text);
      if (p) {
        this.log.add(text);
        if (p.kind === 'progress') {
          this.done = p.done;
          this.total = p.total;
        }
        this.label = p.label;
        this.emit({
          type: 'progress',
          stepId: this.stepId,
          done: this.done,
          total: this.total,
          label: this.label,
        });
        return;
      }
    } else if (text.startsWith('@nix {')) {
      const out = this.nix.feed(text);
      if (out) {
        for (const l of out.lines) {
          this.log.add(l);
          this.emit({ type: 'line', stepId: this.stepId, stream, text: l });
        }
        if (out.progress) {
          const bar = nixBar(out.progress);
          this.emit({
            type: 'progress',
            stepId: this.stepId,
            ...bar,
            label: describeNixProgress(out.progress),
          });
        }
        return;
      }
    }
    this.log.add(text);
    this.emit({ type: 'line', stepId: this.stepId, stream, text });
  }
}
