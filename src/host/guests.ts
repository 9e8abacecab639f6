// Proxmox guests from `qm list` and `pct list` (their fixed-width tables; names cannot contain spaces).
import type { GuestReport } from './types';

/** `qm list`: `VMID NAME STATUS MEM(MB) BOOTDISK(GB) PID`; prints nothing at all when there are no VMs. */
export function parseQmList(text: string): GuestReport[] {
  const guests: GuestReport[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3 || !/^\d+$/.test(f[0]!)) continue;
    const vmid = Number(f[0]);
    if (!Number.isSafeInteger(vmid) || guests.some((g) => g.vmid === vmid)) continue;
    guests.push({ vmid, kind: 'qemu', name: f[1]!, status: f[2]! });
  }
  return guests;
}

/** `pct list`: `VMID Status Lock Name`, where Lock is usually blank. */
export function parsePctList(text: string): GuestReport[] {
  const guests: GuestReport[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 2 || !/^\d+$/.test(f[0]!)) continue;
    const vmid = Number(f[0]);
    if (!Number.isSafeInteger(vmid) || guests.some((g) => g.vmid === vmid)) continue;
    guests.push({ vmid, kind: 'lxc', name: f.length >= 3 ? f[f.length - 1]! : '', status: f[1]! });
  }
  return guests;
}
