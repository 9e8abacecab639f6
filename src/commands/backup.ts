import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const backupCommand: CommandModule = {
  name: 'backup',
  summary: 'back up guests with vzdump by the backup policy',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox backup: not built yet\n');
    return EXIT_FAILED;
  },
};
