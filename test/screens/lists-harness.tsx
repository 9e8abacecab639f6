// Screen-test harness for the list sections: the real hub (App) with only these sections, saves recorded.
import { expect } from 'vitest';
import { defaultAnswers } from '../../src/answers/defaults';
import { type Answers, AnswersSchema } from '../../src/answers/schema';
import type { HostReport } from '../../src/host/types';
import { App } from '../../screens/App';
import type { Section } from '../../screens/sections';
import { gamingSection } from '../../screens/sections/gaming';
import { messagingSection } from '../../screens/sections/messaging';
import { securitySection } from '../../screens/sections/security';
import { servicesSection } from '../../screens/sections/services';
import { shellsSection } from '../../screens/sections/shells';
import { demoReport } from '../answers/fixtures';
import { renderScreen, type Screen } from '../helpers/screen';

export const listSections: Section[] = [
  shellsSection,
  messagingSection,
  gamingSection,
  servicesSection,
  securitySection,
];

export interface Hub {
  s: Screen;
  saves: Answers[];
  current(): Answers;
}

export async function openHub(
  opts: { report?: HostReport; answers?: Answers; columns?: number; rows?: number } = {},
): Promise<Hub> {
  const report = opts.report ?? demoReport();
  const initial = opts.answers ?? defaultAnswers(report);
  const saves: Answers[] = [];
  const s = await renderScreen(
    <App
      report={report}
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
      sections={listSections}
    />,
    { columns: opts.columns ?? 110, rows: opts.rows ?? 36 },
  );
  return { s, saves, current: () => saves.at(-1) ?? initial };
}

export const pointerLine = (frame: string): string => frame.split('\n').find((l) => l.includes('›')) ?? '';

export function hubLine(frame: string, title: string): string {
  return frame.split('\n').find((l) => l.replace(/^[ ›]+/, '').startsWith(title)) ?? '';
}

export async function openSection(h: Hub, title: string): Promise<string> {
  for (let i = 0; i < listSections.length && !pointerLine(h.s.frame()).includes(title); i++)
    await h.s.press('down');
  expect(pointerLine(h.s.frame())).toContain(title);
  return h.s.press('enter');
}

/** Moves down until the focused row contains `text`. */
export async function focus(h: Hub, text: string, max = 40): Promise<string> {
  for (let i = 0; i < max && !pointerLine(h.s.frame()).includes(text); i++) await h.s.press('down');
  expect(pointerLine(h.s.frame())).toContain(text);
  return h.s.frame();
}
