import type { CommandContext, CommandModule } from './context';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';
import type { HostReport } from '../host/types';

async function detectReport(ctx: CommandContext): Promise<HostReport> {
  const { detect } = await import('../host/detect');
  const { createHost } = await import('../host/host');
  return detect(createHost(ctx.global.root, ctx.io.env));
}

/** --save FILE: the saved answers, or the detected defaults when none, as JSON; no terminal needed. */
async function saveTo(ctx: CommandContext, file: string): Promise<number> {
  const { openAnswersStore } = await import('../answers/store');
  const { exportAnswers } = await import('../answers/transfer');
  const store = openAnswersStore({ env: ctx.io.env });
  try {
    const result = await exportAnswers(
      file,
      store,
      () => detectReport(ctx),
      (text) => ctx.io.stdout.write(text),
    );
    for (const w of result.warnings) ctx.io.stderr.write(`nix-mox setup: warning: ${w}\n`);
    if (file !== '-') {
      const what =
        result.source === 'saved'
          ? `the saved answers (${store.path})`
          : 'the defaults detected on this machine';
      ctx.io.stdout.write(`nix-mox setup: wrote ${what} to ${file}\n`);
    }
    return EXIT_OK;
  } catch (err) {
    ctx.io.stderr.write(`nix-mox setup: cannot write ${file}: ${(err as Error).message}\n`);
    return 1;
  }
}

/** --answers FILE: validated first (exit 2 naming the key path), then saved as the wizard's answers. */
async function importFrom(ctx: CommandContext, file: string): Promise<number | null> {
  const { openAnswersStore } = await import('../answers/store');
  const { importAnswers } = await import('../answers/transfer');
  const store = openAnswersStore({ env: ctx.io.env });
  const result = importAnswers(file, store);
  if (!result.ok) {
    for (const e of result.errors) ctx.io.stderr.write(`nix-mox setup: ${file}: ${e}\n`);
    return EXIT_USAGE;
  }
  for (const n of result.notes) ctx.io.stderr.write(`nix-mox setup: note: ${n}\n`);
  if (!ctx.io.interactive) {
    ctx.io.stdout.write(`nix-mox setup: imported ${file} into ${store.path}\n`);
    return EXIT_OK;
  }
  return null;
}

export const setupCommand: CommandModule = {
  name: 'setup',
  summary: 'open the wizard (the default command): detect, choose, review, apply',
  configure(cmd) {
    cmd.option(
      '--save <file>',
      'write the current answers (or the detected defaults) to FILE as JSON and exit; - for stdout',
    );
  },
  async run(ctx) {
    const save = ctx.opts['save'];
    if (typeof save === 'string') return saveTo(ctx, save);
    if (ctx.global.answers) {
      const code = await importFrom(ctx, ctx.global.answers);
      if (code !== null) return code;
    }
    if (!ctx.io.interactive) {
      ctx.io.stderr.write(
        'nix-mox setup: needs a terminal (stdin and stdout must be TTYs).\n' +
          'To run without one: nix-mox plan --answers FILE, then nix-mox apply --answers FILE --yes\n',
      );
      return EXIT_USAGE;
    }
    const { startHub } = await import('../../screens/start');
    return startHub(ctx);
  },
};
