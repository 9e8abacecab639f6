import type { CommandModule } from './context';
import { EXIT_USAGE } from '../exit-codes';

export const setupCommand: CommandModule = {
  name: 'setup',
  summary: 'open the wizard (the default command): detect, choose, review, apply',
  configure(cmd) {
    cmd.option('--save <file>', 'write the current answers to FILE as JSON and exit');
  },
  async run(ctx) {
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
