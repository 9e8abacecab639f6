import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const gameCommand: CommandModule = {
  name: 'game',
  summary: 'guided Wine/Lutris setup of a Windows game',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox game: not built yet\n');
    return EXIT_FAILED;
  },
};
