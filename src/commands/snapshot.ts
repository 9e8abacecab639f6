import type { Command } from 'commander';
import { collect } from '../maintenance/options';
import { snapshotPlan } from '../maintenance/plans';
import { resolveSnapshotOptions } from '../maintenance/resolve';
import { runMaintenance } from '../maintenance/run-maintenance';
import { runWithPanes } from '../../screens/run/RunApp';
import type { CommandModule } from './context';

export const snapshotCommand: CommandModule = {
  name: 'snapshot',
  summary: 'take ZFS snapshots (<pool>@nix-mox_<label>_<UTC time>) and prune old ones by the policy',
  configure(cmd: Command) {
    cmd
      .option(
        '--pool <name>',
        'pool or dataset to snapshot, recursively; repeat for several (default: the saved policy)',
        collect,
      )
      .option('--label <label>', 'hourly, daily, weekly, monthly, or your own (a-z, 0-9, -)', 'manual')
      .option(
        '--keep <n>',
        'then keep only the newest N nix-mox snapshots with this label (default: the saved policy)',
      )
      .option('--prune-only', 'take no snapshot, only prune to --keep N')
      .option('--resume', 'continue the last snapshot run at the step that failed')
      .addHelpText(
        'after',
        `
Pruning only ever destroys snapshots named exactly <pool>@nix-mox_<label>_<yyyy-mm-ddThh:mm>, never
other tools' snapshots or other labels; the list of what goes is printed first, and --dry-run shows it
without destroying anything. Step logs go to --log-dir (default $XDG_STATE_HOME/nix-mox/logs/snapshot).

Examples:
  nix-mox snapshot --pool rpool --label daily --keep 7
  nix-mox snapshot --pool tank --label weekly --keep 4 --dry-run
  nix-mox snapshot --pool rpool --label hourly --keep 24 --prune-only`,
      );
  },
  async run(ctx) {
    return runMaintenance(
      ctx,
      'snapshot',
      (answers, scripts) =>
        snapshotPlan(resolveSnapshotOptions(ctx.opts, answers, ctx.global.dryRun), scripts),
      runWithPanes,
    );
  },
};
