import type { Command } from 'commander';
import { collect } from '../maintenance/options';
import { backupPlan } from '../maintenance/plans';
import { resolveBackupOptions } from '../maintenance/resolve';
import { runMaintenance } from '../maintenance/run-maintenance';
import { runWithPanes } from '../../screens/run/RunApp';
import type { CommandModule } from './context';

export const backupCommand: CommandModule = {
  name: 'backup',
  summary: 'back up guests with vzdump (snapshot mode, zstd) by the backup policy',
  configure(cmd: Command) {
    cmd
      .option('--vmid <id>', 'a guest to back up; repeat for several (one step each)', collect)
      .option('--all', 'back up every guest on this node (the default without --vmid)')
      .option('--storage <id>', 'Proxmox storage for the backups (default: the saved policy)')
      .option('--mode <mode>', 'snapshot, suspend or stop', 'snapshot')
      .option('--keep-daily <n>', 'backups kept per guest, one a day (default: the saved policy, else 7)')
      .option('--keep-weekly <n>', '... one a week (default: the saved policy, else 4)')
      .option('--keep-monthly <n>', '... one a month (default: the saved policy, else 6)')
      .option('--resume', 'continue the last backup run at the guest that failed')
      .option('--messaging', "back up the messaging data instead: the apps' folders, a snapshot, and a copy")
      .option('--to <pool/dataset>', 'with --messaging: zfs send | zfs receive the snapshots to this dataset')
      .option('--label <label>', 'with --messaging: the snapshot label (default: daily)')
      .option('--keep <n>', 'with --messaging: snapshots kept for the label')
      .addHelpText(
        'after',
        `
Runs vzdump <ids> --mode snapshot --compress zstd --storage <id> --prune-backups keep-...; each guest's
result is reported. Recurring backups belong to Proxmox itself (Datacenter > Backup, set up by the
wizard); this is for a backup now. Step logs go to --log-dir (default $XDG_STATE_HOME/nix-mox/logs/backup).

Examples:
  nix-mox backup --storage local
  nix-mox backup --vmid 100 --vmid 101 --storage backup-nas
  nix-mox backup --all --storage local --dry-run
  nix-mox backup --messaging --to backup/messaging`,
      );
  },
  async run(ctx) {
    if (ctx.opts['messaging']) {
      const [{ runMessagingBackupCommand }, { runRolloutWithPanes }] = await Promise.all([
        import('../messaging-backup/command'),
        import('../../screens/update/UpdateApp'),
      ]);
      return runMessagingBackupCommand(ctx, runRolloutWithPanes);
    }
    return runMaintenance(
      ctx,
      'backup',
      (answers, scripts) => backupPlan(resolveBackupOptions(ctx.opts, answers, ctx.global.dryRun), scripts),
      runWithPanes,
    );
  },
};
