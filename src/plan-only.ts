// nix-mox only changes a Proxmox host or NixOS machine, as root; everywhere else it plans. Under --root DIR
// files are staged below DIR (the demo host runs this way, with shims for the Proxmox tools on PATH).
import type { CommandContext } from './commands/context';
import type { HostReport } from './host/types';

export function planOnlyReason(
  report: HostReport,
  ctx: Pick<CommandContext, 'global'>,
  uid = process.getuid?.() ?? -1,
): string | null {
  if (ctx.global.dryRun) return '--dry-run: nothing will be changed.';
  const { kind, version } = report.platform;
  if (kind === 'other') {
    return `this machine is ${version ?? 'not a Proxmox host'}, not a Proxmox host or NixOS: nix-mox shows what it would do and changes nothing.`;
  }
  if (ctx.global.root === '/' && uid !== 0)
    return 'not running as root: nix-mox plans; run it with sudo to apply.';
  return null;
}
