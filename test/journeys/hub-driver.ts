// Driving the wizard in tmux like a person: move to a row, open a section, type into a field, go back to the hub.
// Every step waits for what the screen shows next; nothing sleeps for a fixed time.
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { TmuxSession } from '../helpers/tmux';

const lines = (screen: string) => screen.split('\n');

/** The row the cursor is on (`›`). */
export const selected = (screen: string): string => lines(screen).find((l) => /^\s*› /.test(l)) ?? '';

/** The hub's row for a section: its title, then its status and summary. */
export const hubRow = (screen: string, title: string): string =>
  lines(screen).find((l) => new RegExp(`^[ ›] ${title}\\s{2,}`).test(l)) ?? '';

/** The whole pane including what scrolled off the top (the end of a run prints more than one screen). */
export function history(t: TmuxSession, rows = 400): string {
  return execFileSync('tmux', ['capture-pane', '-p', '-J', '-S', `-${rows}`, '-t', t.name], {
    encoding: 'utf8',
  });
}

export class HubDriver {
  constructor(readonly t: TmuxSession) {}

  /** Moves down (wrapping) until the focused row contains `text`. */
  async focus(text: string, max = 40): Promise<string> {
    let screen = this.t.capture();
    for (let i = 0; i < max && !selected(screen).includes(text); i++)
      screen = await this.t.pressAndWait('down');
    expect(selected(screen)).toContain(text);
    return screen;
  }

  /** From the hub: opens a section and waits for its heading, a line of its own under the title bar. */
  async open(title: string, heading: string): Promise<string> {
    await this.focus(title);
    this.t.press('enter');
    return this.t.waitFor(new RegExp(`^${heading}\\s*$`, 'm'));
  }

  /** Back to the hub from anywhere inside a section. */
  async backToHub(): Promise<string> {
    for (let i = 0; i < 6 && !this.t.capture().includes('q quit'); i++) await this.t.pressAndWait('escape');
    return this.t.waitFor('enter open  ? help  q quit');
  }

  /** On a focused text field: clears it (Ctrl-U), types `text`, confirms, and waits for `after`. */
  async retype(text: string, after: string | RegExp): Promise<string> {
    this.t.press('\u0015');
    this.t.press(text);
    this.t.press('enter');
    return this.t.waitFor(after);
  }

  /** Opens the focused row's field (enter), waits for its prompt, types the value, waits for `after`. */
  async edit(row: string, prompt: string | RegExp, value: string, after: string | RegExp): Promise<string> {
    await this.focus(row);
    this.t.press('enter');
    await this.t.waitFor(prompt);
    return this.retype(value, after);
  }

  /** In a check-list section: filters for `word`, goes to the first match and toggles it on. */
  async check(word: string, expectRow: RegExp): Promise<string> {
    await this.t.pressAndWait('/');
    this.t.press(word);
    await this.t.waitFor(`/ ${word}`);
    await this.t.pressAndWait('enter');
    const screen = await this.t.pressAndWait('space');
    expect(selected(screen)).toMatch(expectRow);
    return screen;
  }
}
