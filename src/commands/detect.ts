import type { CommandModule } from './context';
import { EXIT_OK } from '../exit-codes';
import { detect } from '../host/detect';
import { createHost } from '../host/host';
import { formatReport } from '../host/report-text';

export const detectCommand: CommandModule = {
  name: 'detect',
  summary: 'print what this machine is: platform, CPU, GPUs and IOMMU groups, disks, pools, guests',
  async run(ctx) {
    const report = await detect(createHost(ctx.global.root, ctx.io.env));
    if (ctx.global.json) ctx.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else ctx.io.stdout.write(formatReport(report, ctx.io.columns));
    // Warnings are findings about the machine, not a failure of the command.
    return EXIT_OK;
  },
};
