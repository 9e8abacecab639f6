// A step's log for the log viewer, however long: only the offsets of line starts are kept, and just the lines
// on screen are read from the file. A log that is still growing is followed by scanning only the new bytes.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 1024 * 1024;
/** One scan buffer for every log: refresh() runs on every frame while a log is open. */
let scanBuffer: Buffer | null = null;

export class LogFile {
  /** Byte offset where each complete line starts, plus where the next (unfinished) line starts. */
  private readonly starts: number[] = [0];
  private scanned = 0;
  error: string | null = null;

  constructor(readonly path: string) {
    this.refresh();
  }

  /** Complete lines in the file so far. */
  get count(): number {
    return this.starts.length - 1;
  }

  private open(): number | null {
    try {
      const fd = openSync(this.path, 'r');
      this.error = null;
      return fd;
    } catch (err) {
      this.error = `cannot read ${this.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
      return null;
    }
  }

  /** Scans what was appended since the last look; true when there are new lines. */
  refresh(): boolean {
    const fd = this.open();
    if (fd === null) return false;
    const before = this.count;
    try {
      const size = fstatSync(fd).size;
      if (size <= this.scanned) return false;
      scanBuffer ??= Buffer.allocUnsafe(CHUNK);
      const buf = scanBuffer;
      while (this.scanned < size) {
        const n = readSync(fd, buf, 0, Math.min(CHUNK, size - this.scanned), this.scanned);
        if (n <= 0) break;
        let at = buf.indexOf(10);
        while (at !== -1 && at < n) {
          this.starts.push(this.scanned + at + 1);
          at = buf.indexOf(10, at + 1);
        }
        this.scanned += n;
      }
    } finally {
      closeSync(fd);
    }
    return this.count > before;
  }

  /** Lines [from, from + n) as text. */
  lines(from: number, n: number): string[] {
    const first = Math.max(0, Math.min(from, this.count));
    const last = Math.min(this.count, first + Math.max(0, n));
    if (last <= first) return [];
    const fd = this.open();
    if (fd === null) return [];
    try {
      const start = this.starts[first]!;
      const end = this.starts[last]!;
      const buf = Buffer.allocUnsafe(end - start);
      readSync(fd, buf, 0, end - start, start);
      const text = buf.toString('utf8');
      return text.slice(0, text.endsWith('\n') ? -1 : undefined).split('\n');
    } finally {
      closeSync(fd);
    }
  }
}
