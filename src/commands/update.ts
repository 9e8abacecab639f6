import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const updateCommand: CommandModule = {
  name: 'update',
  summary: 'update the Proxmox host (apt dist-upgrade) and, with --guests, the NixOS guests',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox update: not built yet\n');
    return EXIT_FAILED;
  },
};
