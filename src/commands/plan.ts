import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const planCommand: CommandModule = {
  name: 'plan',
  summary: 'print the plan the answers lead to (files with diffs, commands with risk tags)',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox plan: not built yet\n');
    return EXIT_FAILED;
  },
};
