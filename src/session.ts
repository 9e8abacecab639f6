// What the interactive hub opens on: the detected host, the saved answers (or defaults), plan-only or not.
// `setup --answers FILE` has already imported the file into the store before the hub opens.
import { defaultAnswers } from './answers/defaults';
import type { Answers } from './answers/schema';
import { openAnswersStore } from './answers/store';
import type { CommandContext } from './commands/context';
import { detect } from './host/detect';
import { createHost } from './host/host';
import type { HostReport } from './host/types';
import { type ProbedNetwork, probeNetwork } from './network/index';
import { planOnlyReason } from './plan-only';

export interface Session {
  report: HostReport;
  answers: Answers;
  appliedAnswers: Answers | null;
  planOnlyReason: string | null;
  /** The host's interfaces and bridges (Proxmox hosts only), for planning the bridges change. */
  network: ProbedNetwork | null;
  /** Things the user should know on opening (an unreadable store kept aside, …). */
  notices: string[];
  save(answers: Answers): boolean;
}

export async function openSession(ctx: CommandContext): Promise<Session> {
  const host = createHost(ctx.global.root, ctx.io.env);
  const report = await detect(host);
  const network = report.platform.kind === 'proxmox' ? await probeNetwork(host, ctx.io.env) : null;
  const store = openAnswersStore({ env: ctx.io.env });
  const answers = store.load() ?? defaultAnswers(report);
  const appliedAnswers = store.loadApplied();
  return {
    report,
    answers,
    appliedAnswers,
    planOnlyReason: planOnlyReason(report, ctx),
    network,
    notices: store.problems(),
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
