import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const applyCommand: CommandModule = {
  name: 'apply',
  summary: 'run the plan (add --yes to run without a terminal; --resume continues at a failed step)',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox apply: not built yet\n');
    return EXIT_FAILED;
  },
};
