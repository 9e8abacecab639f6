// The last N lines of a step's output: the live pane never holds (or renders) a whole log.
export class RingBuffer {
  private readonly items: string[];
  private start = 0;
  private count = 0;
  /** The newest line is a carriage-return segment that the next line replaces. */
  private lastTransient = false;

  constructor(readonly capacity: number) {
    this.items = new Array<string>(capacity);
  }

  push(line: string, transient = false): void {
    if (this.lastTransient && this.count > 0) {
      this.items[(this.start + this.count - 1) % this.capacity] = line;
    } else if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = line;
      this.count++;
    } else {
      this.items[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
    }
    this.lastTransient = transient;
  }

  get size(): number {
    return this.count;
  }

  /** The newest `n` lines, oldest first. */
  tail(n: number): string[] {
    const take = Math.max(0, Math.min(n, this.count));
    const out: string[] = [];
    for (let i = this.count - take; i < this.count; i++)
      out.push(this.items[(this.start + i) % this.capacity]!);
    return out;
  }
}
