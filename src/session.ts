// What the interactive hub opens on: the detected host, the answers (saved, imported or defaults), plan-only or not.
import type { Answers } from './answers/schema';
import type { CommandContext } from './commands/context';
import type { HostReport } from './host/types';
import { createHost } from './host/host';
import { detect } from './host/detect';
import { defaultAnswers } from './answers/defaults';
import { planOnlyReason } from './plan-only';
import { openAnswersStore } from './answers/store';
import { loadAnswersFile } from './answers/load';

export interface Session {
  report: HostReport;
  answers: Answers;
  appliedAnswers: Answers | null;
  planOnlyReason: string | null;
  save(answers: Answers): boolean;
}

export async function openSession(ctx: CommandContext): Promise<Session> {
  const report = await detect(createHost(ctx.global.root, ctx.io.env));
  const store = openAnswersStore({ env: ctx.io.env });
  let answers = store.load() ?? defaultAnswers(report);
  if (ctx.global.answers) {
    const loaded = loadAnswersFile(ctx.global.answers);
    if (!loaded.ok) throw new Error(`${ctx.global.answers}: ${loaded.errors.join('; ')}`);
    answers = loaded.answers;
    store.save(answers);
  }
  return {
    report,
    answers,
    appliedAnswers: store.loadApplied(),
    planOnlyReason: planOnlyReason(report, ctx),
    save(next) {
      try {
        store.save(next);
        return true;
      } catch {
        return false;
      }
    },
  };
}
