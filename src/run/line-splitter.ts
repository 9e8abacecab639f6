// Turns a stream of text chunks into lines. A carriage return without a newline (progress bars: `50%\r60%\r`)
// replaces the pending text instead of adding a line: only the newest segment is reported, as `transient`,
// and only what a terminal would finally show before the newline ends up as a finished line.

export interface LineSink {
  line(text: string): void;
  /** The newest carriage-return segment of an unfinished line; the next line or transient replaces it. */
  transient(text: string): void;
}

export class LineSplitter {
  /** Unfinished text, compacted to at most `<last shown segment>\r<text after the last CR>`. */
  private pending = '';

  constructor(private readonly sink: LineSink) {}

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl !== -1) {
      const line = this.pending + chunk.slice(start, nl);
      this.pending = '';
      this.sink.line(lastSegment(line));
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start >= chunk.length) return;
    const rest = this.pending + chunk.slice(start);
    const cr = rest.lastIndexOf('\r');
    if (cr === -1) {
      this.pending = rest;
      return;
    }
    const shown = lastSegment(rest.slice(0, cr));
    const after = rest.slice(cr + 1);
    this.pending = shown === '' ? after : `${shown}\r${after}`;
    const visible = after !== '' ? after : shown;
    if (visible !== '') this.sink.transient(visible);
  }

  /** The stream ended: an unfinished last line still counts. */
  end(): void {
    if (this.pending !== '') this.sink.line(lastSegment(this.pending));
    this.pending = '';
  }
}

/** `a\rb\rc` shows as `c` on a terminal; `c\r` and `c\r\n` still show `c`. */
export function lastSegment(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== '') return parts[i]!;
  return '';
}
