import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const snapshotCommand: CommandModule = {
  name: 'snapshot',
  summary: 'take and prune ZFS snapshots by the snapshot policy',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox snapshot: not built yet\n');
    return EXIT_FAILED;
  },
};
