// `nix-mox plan`: the plan the answers lead to, without changing anything. Answers come from --answers FILE or the
// wizard's saved answers; --root reads a staged machine; --json prints {files, plan} as data.
import type { Answers } from '../answers/schema';
import { loadAnswersFile } from '../answers/load';
import { openAnswersStore } from '../answers/store';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { detect } from '../host/detect';
import { createHost } from '../host/host';
import { probeNetwork } from '../network/index';
import { buildPlan, planHeading } from '../plan/build';
import { renderPlanText } from '../plan/render-text';
import { type CommandModule, writeLine } from './context';

export const planCommand: CommandModule = {
  name: 'plan',
  summary: 'print the plan the answers lead to (files with diffs, commands with risk tags)',
  async run(ctx) {
    const { io, global } = ctx;
    const host = createHost(global.root, io.env);
    const report = await detect(host);
    let answers: Answers;
    if (global.answers) {
      const loaded = loadAnswersFile(global.answers, { report });
      if (!loaded.ok) {
        for (const e of loaded.errors) writeLine(io.stderr, `nix-mox plan: ${global.answers}: ${e}`);
        return EXIT_USAGE;
      }
      answers = loaded.answers;
    } else {
      const store = openAnswersStore({ env: io.env });
      const saved = store.load();
      if (!saved) {
        for (const p of store.problems()) writeLine(io.stderr, `nix-mox plan: ${p}`);
        writeLine(
          io.stderr,
          `nix-mox plan: no saved answers in ${store.path}; run nix-mox setup, or pass --answers FILE`,
        );
        return EXIT_USAGE;
      }
      answers = saved;
    }
    const network = report.platform.kind === 'proxmox' ? await probeNetwork(host, io.env) : null;
    const result = buildPlan(global.root, answers, report, new Date(), network);
    if (!result.ok) {
      writeLine(io.stderr, `nix-mox plan: ${result.error}`);
      return EXIT_USAGE;
    }
    const { files, current, plan } = result.built;
    if (global.json) io.stdout.write(`${JSON.stringify({ files, plan }, null, 2)}\n`);
    else io.stdout.write(renderPlanText(plan, current, planHeading(answers, report)));
    return EXIT_OK;
  },
};
