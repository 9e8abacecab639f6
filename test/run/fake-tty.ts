// A terminal for driving Ink in-process without a pty: a TTY-looking stdout that records what is written,
// and a stdin that takes key bytes. Used by the runWithPanes tests and the stream bench.
import { EventEmitter } from 'node:events';

const ANSI_RE = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  written = '';
  writes = 0;
  /** Set false to count writes without keeping them (long benchmarks). */
  keep = true;

  constructor(
    public columns = 100,
    public rows = 30,
  ) {
    super();
  }

  write = (data: string | Uint8Array): boolean => {
    this.writes++;
    if (this.keep) this.written += typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    this.emit('written', data);
    return true;
  };

  /** Everything written, without escape sequences. */
  text(): string {
    return this.written.replace(ANSI_RE, '');
  }

  async waitFor(match: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    const ok = () => (typeof match === 'string' ? this.text().includes(match) : match.test(this.text()));
    while (!ok()) {
      if (Date.now() - start > timeoutMs)
        throw new Error(`timed out waiting for ${String(match)}; got:\n${this.text().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;

  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }

  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export function fakeTty(columns = 100, rows = 30) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  return {
    stdout,
    stdin,
    streams: {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    },
  };
}
