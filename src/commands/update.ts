import type { Command } from 'commander';
import { hostFacts } from '../maintenance/host-facts';
import { updatePlan } from '../maintenance/plans';
import { resolveUpdateOptions } from '../maintenance/resolve';
import { runMaintenance } from '../maintenance/run-maintenance';
import { runWithPanes } from '../../screens/run/RunApp';
import { runRolloutWithPanes } from '../../screens/update/UpdateApp';
import { runGuestsUpdate } from '../guests/command';
import { collect } from '../maintenance/options';
import type { CommandModule } from './context';

export const updateCommand: CommandModule = {
  name: 'update',
  summary: 'update the Proxmox host (apt-get dist-upgrade, templates) or a NixOS machine from its flake',
  configure(cmd: Command) {
    cmd
      .option('--proxmox', 'update the Proxmox host: apt-get update, dist-upgrade, autoremove, pveam update')
      .option('--no-templates', 'with --proxmox: skip pveam update')
      .option('--flake <dir>', 'update NixOS from this flake: nix flake update, dry-build, snapshot, switch')
      .option('--host <name>', 'with --flake: nixosConfigurations.<name> (default: this host)')
      .option(
        '--dataset <ds>',
        'with --flake: the ZFS dataset to snapshot before switching (default: the one at /)',
      )
      .option('--no-snapshot', 'with --flake: take no ZFS snapshot before switching')
      .option('--resume', 'continue the last update at the step that failed')
      .option(
        '--guests',
        'update the NixOS guests from the host (and Windows through its guest agent); see below',
      )
      .option(
        '--sequential',
        'with --guests: one guest at a time, even when colmena could deploy them together',
      )
      .option('--colmena', "with --guests: hand the build and switch to colmena (the flake's colmena hive)")
      .option('--pinned', "with --guests: keep the flake's inputs as locked (no nix flake update)")
      .option(
        '--ssh <name=host>',
        'with --guests: reach this VM over SSH at host; repeat for several',
        collect,
      )
      .option('--keep-snapshots <n>', 'with --guests: pre-update snapshots kept per guest (default 3)')
      .option('--no-windows', 'with --guests: leave the Windows VM out')
      .option('--no-reboot', 'with --guests: do not reboot Windows when an update asks for it')
      .addHelpText(
        'after',
        `
Without --proxmox or --flake it updates what this machine is (from the saved answers, else a Proxmox host
when pveversion is found, NixOS when /etc/NIXOS exists). Runs the scripts in nix-mox's scripts/ directory,
with live progress in a terminal and plain lines otherwise; each step's log is in --log-dir
(default $XDG_STATE_HOME/nix-mox/logs/update).

Examples:
  nix-mox update --dry-run            show the commands, change nothing
  nix-mox update --proxmox
  nix-mox update --flake /etc/nixos --host media
  nix-mox update --resume             after a failure: continue at the failed step

--guests, on the Proxmox host: for each NixOS guest (container: pct exec; VM: SSH, else its guest agent)
push the flake, nix flake update (or --pinned), nixos-rebuild dry-build, a ZFS snapshot of the guest's disks
on the host, switch, then a health check (it answers; no systemd unit failed that did not fail before). A bad
one is rolled back to the generation before the switch, or to the snapshot; the next guest goes on either
way. With more than one guest and colmena on PATH, colmena builds and switches them together (--sequential
to keep one at a time). Then Windows Update runs in the Windows VM through the QEMU guest agent.
  nix-mox update --guests --dry-run   show the guests and how each is reached
  nix-mox update --guests --sequential --ssh nixos-vm=192.168.1.50`,
      );
  },
  async run(ctx) {
    if (ctx.opts['guests']) return runGuestsUpdate(ctx, runRolloutWithPanes);
    return runMaintenance(
      ctx,
      'update',
      (answers, scripts) =>
        updatePlan(
          resolveUpdateOptions(ctx.opts, answers, hostFacts(ctx.global.root, ctx.io.env), ctx.global.dryRun),
          scripts,
        ),
      runWithPanes,
    );
  },
};
