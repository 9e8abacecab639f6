// Screen-test harness for the form sections: the real hub (App) on a report and answers, with saves recorded.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { captureIo } from '../helpers/cli-io';
import type { Answers } from '../../src/answers/schema';
import type { HostReport } from '../../src/host/types';
import { App } from '../../screens/App';
import type { Section } from '../../screens/sections';
import { guestsSection } from '../../screens/sections/guests';
import { machineSection } from '../../screens/sections/machine';
import { maintenanceSection } from '../../screens/sections/maintenance';
import { passthroughSection } from '../../screens/sections/passthrough';
import { storageSection } from '../../screens/sections/storage';
import { AnswersSchema } from '../../src/answers/schema';
import { renderScreen, type Screen } from '../helpers/screen';
import { demoAnswers, demoReport } from './fixtures';

export const formSections: Section[] = [
  machineSection,
  passthroughSection,
  storageSection,
  guestsSection,
  maintenanceSection,
];

export interface Wizard {
  s: Screen;
  /** Every answers object the hub asked to save, in order. */
  saves: Answers[];
  /** The answers as last saved (or the initial ones). */
  current(): Answers;
}

/** A machine root with the public keys the Machine section tests add (it reads key files under --root). */
function keyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'nix-mox-forms-'));
  for (const path of ['root/.ssh/id_ed25519.pub', 'home/admin/.ssh/laptop.pub']) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFormsTestKey admin@test\n');
  }
  return root;
}

export async function openWizard(
  opts: { report?: HostReport; answers?: Answers; columns?: number; rows?: number } = {},
): Promise<Wizard> {
  const saves: Answers[] = [];
  const ctx = {
    global: {
      root: keyRoot(),
      dryRun: false,
      answers: undefined,
      yes: false,
      logDir: undefined,
      json: false,
    },
    args: [],
    opts: {},
    io: captureIo(),
  };
  const initial = opts.answers ?? demoAnswers();
  const s = await renderScreen(
    <App
      report={opts.report ?? demoReport()}
      initialAnswers={initial}
      appliedAnswers={null}
      planOnlyReason={null}
      save={(a) => {
        // Every save must be answers that load again.
        expect(AnswersSchema.safeParse(a).error?.issues ?? []).toEqual([]);
        saves.push(structuredClone(a));
        return true;
      }}
      onExit={() => {}}
      sections={formSections}
      ctx={ctx}
    />,
    { columns: opts.columns ?? 110, rows: opts.rows ?? 36 },
  );
  return { s, saves, current: () => saves.at(-1) ?? initial };
}

/** The focused row: it starts with the pointer (titles use › too, but never at the start of a line). */
export const pointerLine = (frame: string): string => frame.split('\n').find((l) => /^\s*›/.test(l)) ?? '';

/** The hub line of a section (title and status). */
export function hubLine(frame: string, title: string): string {
  return frame.split('\n').find((l) => l.replace(/^[ ›]+/, '').startsWith(title)) ?? '';
}

/** From the hub: moves the cursor to the section and opens it. */
export async function openSection(w: Wizard, title: string): Promise<string> {
  for (let i = 0; i < formSections.length && !pointerLine(w.s.frame()).includes(title); i++)
    await w.s.press('down');
  expect(pointerLine(w.s.frame())).toContain(title);
  return w.s.press('enter');
}

/** In a list: moves down until the focused row contains `text`. */
export async function focus(w: Wizard, text: string, max = 30): Promise<string> {
  for (let i = 0; i < max && !pointerLine(w.s.frame()).includes(text); i++) await w.s.press('down');
  expect(pointerLine(w.s.frame())).toContain(text);
  return w.s.frame();
}

/** Clears a text field that holds text (ctrl-u from the end) and types a new value. */
export async function retype(w: Wizard, text: string): Promise<string> {
  await w.s.press('\u0015');
  return typeText(w, text);
}

/** The frame as one line: for sentences Ink wraps at the terminal width. */
export const flat = (frame: string): string => frame.replace(/\s+/g, ' ');

/** Types text that may hold spaces: a space typed at the end of a field does not change the (trimmed) frame. */
export async function typeText(w: Wizard, text: string): Promise<string> {
  for (const ch of text) {
    if (ch === ' ') await w.s.pressNoChange(' ');
    else await w.s.press(ch);
  }
  return w.s.frame();
}
