// Guests section: the three guests, their field checks, and VMID clashes (with each other and with what exists).
import { type Answers, type GuestConfig, Hostname } from '../answers/schema';
import type { GuestReport, HostReport } from '../host/types';
import { type Check, checkInteger, checkWith, fail, ok } from './check';
import { type WizardStatus, missingOr } from './status';

export type GuestKey = keyof Answers['guests'];

export const guestKeys: GuestKey[] = ['nixosLxc', 'windowsVm', 'nixosVm'];

export const guestInfo: Record<GuestKey, { title: string; kind: GuestReport['kind']; bridge: string }> = {
  nixosLxc: { title: 'NixOS LXC', kind: 'lxc', bridge: 'vmbr0' },
  windowsVm: { title: 'Windows VM', kind: 'qemu', bridge: 'vmbr1' },
  nixosVm: { title: 'NixOS VM', kind: 'qemu', bridge: 'vmbr0' },
};

export const bridgeInfo: Record<string, string> = {
  vmbr0: 'NixOS guests (LAN)',
  vmbr1: 'Windows VM',
  vmbr2: 'management (admin PC)',
};

export const MAX_VMID = 999_999_999;

/** An existing guest is this answer's own guest (made by an earlier apply) when its kind and name match. */
const isSameGuest = (g: GuestReport, key: GuestKey, cfg: GuestConfig): boolean =>
  g.kind === guestInfo[key].kind && g.name === cfg.name;

export function vmidClash(vmid: number, key: GuestKey, answers: Answers, report: HostReport): string | null {
  for (const other of guestKeys) {
    const cfg = answers.guests[other];
    if (other !== key && cfg.enabled && cfg.vmid === vmid)
      return `${vmid} is already the ${guestInfo[other].title}'s`;
  }
  const existing = report.guests.find((g) => g.vmid === vmid);
  if (existing && !isSameGuest(existing, key, answers.guests[key])) {
    const what = existing.kind === 'qemu' ? 'VM' : 'container';
    return `${vmid} is taken by the existing ${what} "${existing.name}" (${existing.status})`;
  }
  return null;
}

export function checkVmid(raw: string, key: GuestKey, answers: Answers, report: HostReport): Check<number> {
  const n = checkInteger('VMID', raw, 100, MAX_VMID);
  if (!n.ok) return n;
  const clash = vmidClash(n.value, key, answers, report);
  return clash ? fail('VMID', clash) : n;
}

/** The lowest VMID from 100 up that nothing uses. */
export function freeVmid(key: GuestKey, answers: Answers, report: HostReport): number {
  let id = 100;
  while (vmidClash(id, key, answers, report)) id++;
  return id;
}

export const checkGuestName = (raw: string): Check<string> => checkWith('Name', Hostname, raw.trim());

export function checkCores(raw: string, report: HostReport): Check<number> {
  return checkInteger('Cores', raw, 1, report.cpu.threads ?? 512, 'cores');
}

/** Memory typed as MiB, or with a unit: 8G, 8GiB, 512M. */
export function checkMemory(raw: string, report: HostReport): Check<number> {
  const m = /^\s*(\d+)\s*(m|mib|mb|g|gib|gb)?\s*$/i.exec(raw);
  if (!m) return fail('Memory', `expected MiB or a size like 8G, got "${raw.trim()}"`);
  const mib = Number(m[1]) * (m[2]?.toLowerCase().startsWith('g') ? 1024 : 1);
  const hostMiB = report.memoryBytes ? Math.floor(report.memoryBytes / 2 ** 20) : 4_194_304;
  return checkInteger('Memory', String(mib), 256, hostMiB, 'MiB');
}

export function checkDisk(raw: string): Check<number> {
  const text = raw.trim().replace(/\s*(g|gib|gb)$/i, '');
  return checkInteger('Disk size', text, 1, 131_072, 'GiB');
}

export const checkBridge = (raw: string): Check<string> =>
  /^vmbr\d+$/.test(raw) ? ok(raw) : fail('Bridge', `expected a bridge name like vmbr0, got "${raw}"`);

/** Bridges offered: the three of the design, and any other the host already has. */
export function bridgeChoices(report: HostReport): string[] {
  return [...new Set(['vmbr0', 'vmbr1', 'vmbr2', ...report.bridges.filter((b) => /^vmbr\d+$/.test(b))])];
}

export function guestProblems(key: GuestKey, answers: Answers, report: HostReport): string[] {
  const g = answers.guests[key];
  if (!g.enabled) return [];
  const title = guestInfo[key].title;
  const problems: string[] = [];
  const clash = vmidClash(g.vmid, key, answers, report);
  if (clash) problems.push(`${title} VMID ${clash}`);
  if (!checkGuestName(g.name).ok) problems.push(`${title} name`);
  if (!checkCores(String(g.cores), report).ok) problems.push(`${title} cores`);
  if (!checkMemory(String(g.memoryMiB), report).ok) problems.push(`${title} memory`);
  if (!checkBridge(g.bridge).ok) problems.push(`${title} bridge`);
  return problems;
}

export const guestLine = (g: GuestConfig): string =>
  g.enabled
    ? `VMID ${g.vmid} · ${g.name} · ${g.cores} cores · ${g.memoryMiB} MiB · ${g.diskGiB} GiB · ${g.bridge}`
    : 'off';

export function guestsStatus(answers: Answers, report: HostReport): WizardStatus {
  if (answers.machine.role !== 'proxmox-host')
    return { kind: 'info', summary: 'not used on a NixOS machine' };
  const on = guestKeys.filter((k) => answers.guests[k].enabled);
  const summary =
    on.length === 0
      ? 'no guests'
      : on.map((k) => `${guestInfo[k].title} ${answers.guests[k].vmid}`).join(' · ');
  const problems = guestKeys.flatMap((k) => guestProblems(k, answers, report));
  return missingOr(problems, { kind: on.length === 0 ? 'optional' : 'done', summary });
}

/** Changing a VM's VMID moves the passthrough target with it. */
export function setGuest(answers: Answers, key: GuestKey, next: GuestConfig): Answers {
  const before = answers.guests[key];
  const p = answers.passthrough;
  const retarget = p.targetVmid === before.vmid && (next.vmid !== before.vmid || !next.enabled);
  return {
    ...answers,
    guests: { ...answers.guests, [key]: next },
    passthrough: retarget ? { ...p, targetVmid: next.enabled ? next.vmid : null } : p,
  };
}

/** A VM that receives passed-through devices cannot be turned off while it does. */
export function checkEnabled(key: GuestKey, enabled: boolean, answers: Answers): Check<boolean> {
  const g = answers.guests[key];
  const p = answers.passthrough;
  const passing = p.gpu !== null || p.usbControllers.length > 0;
  if (!enabled && passing && p.targetVmid === g.vmid) {
    return fail(
      'Enabled',
      `the ${guestInfo[key].title} receives the passed-through devices; choose another target VM or no devices in Passthrough first`,
    );
  }
  return ok(enabled);
}
