// Risk tags (DESIGN.md §3): D disks, K kernel or boot, S systemd services, F files, P package manager,
// N network, R needs a reboot. Shown on the review screen and before each step.
import { GRUB_DEFAULT, INITRAMFS_HOOK, KERNEL_CMDLINE, DRIVER_OVERRIDE_SCRIPT } from '../generate/proxmox';
import { UNIT_DIR } from '../generate/paths';
import type { Risk } from './types';

export const RISK_ORDER: Risk[] = ['D', 'K', 'R', 'S', 'P', 'N', 'F'];

export const RISK_LEGEND: Record<Risk, string> = {
  D: 'touches disks',
  K: 'kernel or boot',
  R: 'needs a reboot',
  S: 'systemd services',
  P: 'package manager',
  N: 'network',
  F: 'writes files',
};

/** Steps tagged with these get a restore point before them. */
export const RISKY: Risk[] = ['D', 'K'];

export function sortRisks(risks: Iterable<Risk>): Risk[] {
  const set = new Set(risks);
  return RISK_ORDER.filter((r) => set.has(r));
}

/** Files whose change takes effect only at the next boot (kernel command line, initramfs contents). */
export function isBootFile(path: string): boolean {
  return (
    path === KERNEL_CMDLINE ||
    path === GRUB_DEFAULT ||
    path.startsWith('/etc/modprobe.d/') ||
    path.startsWith('/etc/modules-load.d/') ||
    path === INITRAMFS_HOOK ||
    path === DRIVER_OVERRIDE_SCRIPT
  );
}

export function fileRisks(path: string): Risk[] {
  if (isBootFile(path)) return sortRisks(['F', 'K', 'R']);
  if (path.startsWith(`${UNIT_DIR}/`)) return sortRisks(['F', 'S']);
  return ['F'];
}
