import type { CommandModule } from './context';
import { EXIT_FAILED } from '../exit-codes';

export const detectCommand: CommandModule = {
  name: 'detect',
  summary: 'print what this machine is: platform, CPU, GPUs and IOMMU groups, disks, pools, guests',
  async run(ctx) {
    ctx.io.stderr.write('nix-mox detect: not built yet\n');
    return EXIT_FAILED;
  },
};
