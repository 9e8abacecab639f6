// End-to-end: the built program in a real terminal (tmux), driven like a person: type, read the screen.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type KeyName, keys } from './keys';
import { repoRoot } from './shared';

const tmuxKeyNames: Record<KeyName, string> = {
  up: 'Up',
  down: 'Down',
  right: 'Right',
  left: 'Left',
  enter: 'Enter',
  escape: 'Escape',
  tab: 'Tab',
  backspace: 'BSpace',
  space: 'Space',
  ctrlC: 'C-c',
};

export interface TmuxOptions {
  columns?: number;
  rows?: number;
  env?: Record<string, string>;
  cwd?: string;
}

function tmux(args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

export const bundlePath = `${repoRoot}/dist/nix-mox.js`;

/**
 * A tmux session running an interactive bash with a plain `$ ` prompt, so a test can type a command, watch the
 * program, and after it exits check the exit status and that the terminal was given back sane.
 */
export class TmuxSession {
  readonly name = `nixmox-${randomBytes(4).toString('hex')}`;

  static start(opts: TmuxOptions = {}): TmuxSession {
    const s = new TmuxSession();
    const env = { PS1: '$ ', HISTFILE: '/dev/null', TERM: 'xterm-256color', ...opts.env };
    // Variables go through env(1) on the pane's command line: a tmux server that is already running keeps its
    // own environment, so -e alone would not reliably reach the shell (PATH for shims in particular).
    tmux([
      'new-session',
      '-d',
      '-s',
      s.name,
      '-x',
      String(opts.columns ?? 100),
      '-y',
      String(opts.rows ?? 30),
      '-c',
      opts.cwd ?? repoRoot,
      'env',
      '-u',
      'CI',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      'bash',
      '--norc',
      '--noprofile',
    ]);
    return s;
  }

  /** Types a command line and presses enter. */
  run(commandLine: string): void {
    tmux(['send-keys', '-t', this.name, '-l', commandLine]);
    tmux(['send-keys', '-t', this.name, 'Enter']);
  }

  press(key: KeyName | string): void {
    if (key in keys) tmux(['send-keys', '-t', this.name, tmuxKeyNames[key as KeyName]]);
    else tmux(['send-keys', '-t', this.name, '-l', key]);
  }

  capture(): string {
    return tmux(['capture-pane', '-p', '-t', this.name]);
  }

  async waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const screen = this.capture();
      const found =
        typeof match === 'string'
          ? screen.includes(match)
          : match instanceof RegExp
            ? match.test(screen)
            : match(screen);
      if (found) return screen;
      if (Date.now() - start > timeoutMs) {
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${String(match)}; the screen shows:\n${screen}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Presses a key and waits until the screen differs from before. */
  async pressAndWait(key: KeyName | string, timeoutMs = 10_000): Promise<string> {
    const before = this.capture();
    this.press(key);
    const start = Date.now();
    for (;;) {
      const screen = this.capture();
      if (screen !== before) return screen;
      if (Date.now() - start > timeoutMs) throw new Error(`screen did not change after ${key}:\n${before}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Waits until the shell's bare prompt is the last line: the program has exited and bash reads again. Typing
   * before that would send the keys to the program still closing down.
   */
  async waitForPrompt(timeoutMs = 15_000): Promise<void> {
    await this.waitFor((screen: string) => {
      const lines = screen.split('\n').filter((l) => l.trim() !== '');
      return lines.at(-1)?.trim() === '$';
    }, timeoutMs);
  }

  /** After the program ended: its exit status, read back through the shell. */
  async exitStatus(): Promise<number> {
    await this.waitForPrompt();
    const marker = `rc${randomBytes(3).toString('hex')}`;
    this.run(`echo ${marker}=$?`);
    const screen = await this.waitFor(new RegExp(`${marker}=(\\d+)`));
    return Number(new RegExp(`${marker}=(\\d+)`).exec(screen)![1]);
  }

  /** True when the terminal is back in cooked mode with echo (not left raw by the program). */
  async terminalIsSane(): Promise<boolean> {
    await this.waitForPrompt();
    const marker = `tty${randomBytes(3).toString('hex')}`;
    this.run(`echo ${marker}:$(stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ,)`);
    const re = new RegExp(`${marker}:((?:-?[a-z]+,)+)`);
    const screen = await this.waitFor(re);
    const flags = re.exec(screen)![1]!;
    return /(^|,)icanon,/.test(flags) && /(^|,)echo,/.test(flags);
  }

  kill(): void {
    try {
      tmux(['kill-session', '-t', this.name]);
    } catch {
      // already gone
    }
  }
}
