// Screen tests on ink-testing-library: a sized terminal, keys, and waits for the frame to change (never sleeps).
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { type KeyName, keys } from './keys';

export interface ScreenOptions {
  columns?: number;
  rows?: number;
}

export interface Screen {
  frame(): string;
  /** Sends a key (name or raw text) and resolves with the first frame that differs from the one before. */
  press(key: KeyName | string): Promise<string>;
  /** Sends a key that must not change the screen, and resolves once Ink has handled it. */
  pressNoChange(key: KeyName | string): Promise<string>;
  /** Types text one character at a time, waiting for each to render. */
  type(text: string): Promise<string>;
  waitFor(match: string | RegExp, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<string>;
  unmount(): void;
  stdin: { write(data: string): void };
}

const WAIT_MS = 3000;

function tick(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/** Lets React run the passive effects of the last commit, where Ink subscribes new key handlers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await tick();
}

async function until(check: () => boolean, what: () => string, timeoutMs = WAIT_MS): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function renderScreen(tree: ReactElement, opts: ScreenOptions = {}): Promise<Screen> {
  const app = render(tree);
  const stdout = app.stdout as unknown as NodeJS.EventEmitter & { columns: number; rows: number };
  const size = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
  };
  size(opts.columns ?? 100, opts.rows ?? 30);
  stdout.emit('resize');
  const frame = () => app.lastFrame() ?? '';
  await until(
    () => frame() !== '',
    () => 'the first frame',
  );
  await settle();

  const sendAndWait = async (data: string) => {
    const before = frame();
    const count = app.frames.length;
    app.stdin.write(data);
    await until(
      () => app.frames.length > count && frame() !== before,
      () => `the frame to change after ${JSON.stringify(data)}; it stayed:\n${before}`,
    );
    await settle();
    return frame();
  };

  return {
    frame,
    stdin: app.stdin,
    press: (key) => sendAndWait(key in keys ? keys[key as KeyName] : key),
    async pressNoChange(key) {
      app.stdin.write(key in keys ? keys[key as KeyName] : key);
      await settle();
      return frame();
    },
    async type(text) {
      for (const ch of text) await sendAndWait(ch);
      return frame();
    },
    async waitFor(match, timeoutMs) {
      const ok = () => (typeof match === 'string' ? frame().includes(match) : match.test(frame()));
      await until(ok, () => `${String(match)} on screen; it shows:\n${frame()}`, timeoutMs);
      await settle();
      return frame();
    },
    async resize(columns, rows) {
      const before = frame();
      size(columns, rows);
      stdout.emit('resize');
      await until(
        () => frame() !== before,
        () => 'the frame to change after resize',
      );
      return frame();
    },
    unmount: () => app.unmount(),
  };
}
