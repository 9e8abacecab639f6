// What the user must know about a plan beyond its steps: how to go back, what to do by hand, what to check
// after the reboot. Pure; one or two sentences each, in the order the user meets them.
import type { Answers } from '../answers/schema';
import { nixosMachines } from '../generate/machines';
import type { PassthroughModel } from '../generate/passthrough';
import { FLAKE_DIR, STATE_FILE } from '../generate/paths';
import type { FileSet } from '../generate/types';
import type { HostReport } from '../host/types';
import { RISKY } from './risk';
import type { Step } from './types';

export interface NotesInput {
  answers: Answers;
  report: HostReport;
  files: FileSet;
  steps: Step[];
  pt: PassthroughModel | null;
  restore: Step | null;
  stateProblem: string | null;
  /** The kernel command line file the arguments go into does not exist. */
  cmdlineMissing: string | null;
}

const has = (steps: Step[], id: string) => steps.some((s) => s.id === id);

function restoreNotes({ steps, restore }: NotesInput): string[] {
  const risky = steps.some((s) => !s.id.startsWith('backup-guest-') && s.risk.some((r) => RISKY.includes(r)));
  if (!risky) return [];
  if (!restore) {
    return [
      'No ZFS restore point: / is not on ZFS here. Each file nix-mox replaces is backed up before it changes.',
    ];
  }
  const name = restore.argv?.[restore.argv.length - 1] ?? '';
  return [
    `Restore point ${name}: from a rescue shell, zfs rollback -r ${name} returns the system to how it is now.`,
  ];
}

function passthroughNotes({ answers, report, pt, steps, cmdlineMissing }: NotesInput): string[] {
  if (!pt || answers.machine.role !== 'proxmox-host') return [];
  const out: string[] = [];
  if (report.platform.bootloader === 'unknown') {
    out.push(
      `Add ${pt.kernelArgs.join(' ')} to the kernel command line by hand: the boot loader could not be told apart (proxmox-boot-tool status shows which one is used).`,
    );
  }
  if (cmdlineMissing) {
    out.push(
      `${cmdlineMissing} does not exist, so nix-mox cannot add ${pt.kernelArgs.join(' ')} to it; add them where your boot loader reads its kernel command line.`,
    );
  }
  if (pt.sharedIds.length > 0) {
    out.push(
      `Bound by address, not by id: ${pt.sharedIds.join(', ')} also belong to devices that stay on the host.`,
    );
  }
  if (pt.gpu?.bootVga) {
    out.push(
      `${pt.gpu.address} is the host's boot display: after the reboot the host's own screen stays dark. Reach it over SSH or https://${answers.machine.hostname}:8006 from another machine.`,
    );
  }
  if (steps.some((s) => s.risk.includes('R'))) {
    const slots = [...new Set(pt.functions.map((f) => f.replace(/\.\d$/, '')))];
    out.push(
      `After the reboot, lspci -nnk -s ${slots.join(' / ')} must show "Kernel driver in use: vfio-pci" for every function. If /sys/kernel/iommu_groups is empty, turn on ${report.cpu.vendor === 'intel' ? 'VT-d' : 'AMD-Vi (IOMMU) and SVM'} in the firmware setup.`,
    );
  }
  return out;
}

function guestNotes({ answers, report, steps }: NotesInput): string[] {
  if (answers.machine.role !== 'proxmox-host') return [];
  const out: string[] = [];
  const bridges = new Set(report.bridges);
  for (const key of ['vmbr1', 'vmbr2'] as const) if (answers.network[key].enabled) bridges.add(key);
  const g = answers.guests;
  for (const guest of [g.nixosLxc, g.windowsVm, g.nixosVm]) {
    if (guest.enabled && !bridges.has(guest.bridge)) {
      out.push(
        `Guest ${guest.vmid} (${guest.name}) is on ${guest.bridge}, which does not exist and is not chosen under Network: it will not start until the bridge exists.`,
      );
    }
  }
  if (has(steps, `create-guest-${g.windowsVm.vmid}`) && g.windowsVm.enabled) {
    out.push(
      `Windows VM ${g.windowsVm.vmid}: upload the Windows and VirtIO driver ISOs, attach them (qm set ${g.windowsVm.vmid} --ide2 local:iso/<windows>.iso,media=cdrom --ide0 local:iso/virtio-win.iso,media=cdrom), and load the VirtIO SCSI driver during setup.`,
    );
  }
  if (has(steps, `create-guest-${g.nixosVm.vmid}`) && g.nixosVm.enabled) {
    out.push(
      `NixOS VM ${g.nixosVm.vmid}: install NixOS on it from the NixOS ISO, copy ${FLAKE_DIR} into it and run nixos-rebuild switch --flake .#${g.nixosVm.name}.`,
    );
  }
  const lxc = nixosMachines(answers, report).find((m) => m.kind === 'lxc');
  if (lxc && steps.some((s) => s.id === `switch-${lxc.name}`)) {
    out.push(
      `Container ${lxc.guest?.vmid} reads the flake read-only from ${FLAKE_DIR} (bind mount); it rebuilds from there.`,
    );
  }
  const secrets = [answers.security.tailscale, answers.security.infisical].some((x) => x.enabled);
  if (secrets && nixosMachines(answers, report).length > 0) {
    out.push(
      'Secret files (Tailscale auth key, Infisical token) are read inside each NixOS guest at run time: put them at the same path there. They never go into the flake.',
    );
  }
  return out;
}

function metalNotes({ answers, report, files, steps }: NotesInput): string[] {
  if (answers.machine.role !== 'nixos') return [];
  const host = answers.machine.hostname;
  if (!has(steps, `switch-${host}`)) return [];
  const out = [
    `${FLAKE_DIR}#${host} becomes this machine's configuration instead of /etc/nixos/configuration.nix: copy anything you still need from it into hosts/${host}/local.nix first.`,
  ];
  if (report.platform.bootloader !== 'systemd-boot') {
    out.push(
      `Set the boot loader (boot.loader.*) in hosts/${host}/local.nix as /etc/nixos/configuration.nix has it: nix-mox writes it only for systemd-boot. The dry-build stops with an error until it is set.`,
    );
  }
  const hostFile = files.find((f) => f.path === `${FLAKE_DIR}/hosts/${host}/default.nix`);
  if (hostFile?.content.includes('system.stateVersion = lib.mkDefault')) {
    out.push(
      `system.stateVersion of ${host} could not be read, so 26.05 is only a default: if this machine was installed with an older release, set that release in hosts/${host}/local.nix.`,
    );
  }
  out.push(
    'If the switch fails or the new system misbehaves: nixos-rebuild switch --rollback, or pick the previous generation in the boot menu.',
  );
  return out;
}

export function plannedNotes(input: NotesInput): string[] {
  return [
    ...(input.stateProblem
      ? [`${STATE_FILE}: ${input.stateProblem}; steps that may be done already check first and skip.`]
      : []),
    ...restoreNotes(input),
    ...passthroughNotes(input),
    ...guestNotes(input),
    ...metalNotes(input),
  ];
}
