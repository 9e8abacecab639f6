// Which system this is (Proxmox VE, NixOS, other) and which boot loader holds its kernel command line.
import type { Bootloader, HostReport, PlatformKind } from './types';

export type PlatformReport = HostReport['platform'];

/** `pve-manager/9.1.2/9d436f37a0ac4172 (running kernel: 6.17.2-1-pve)` -> `9.1.2`. */
export function parsePveversion(text: string): string | null {
  const m = /pve-manager\/(\d+(?:\.\d+)*)/.exec(text);
  return m ? m[1]! : null;
}

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(.*))$/.exec(line.trim());
    if (m) out[m[1]!] = (m[2] ?? m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1');
  }
  return out;
}

/**
 * What `proxmox-boot-tool status` says about the ESPs it manages: `uefi (versions: ...)` means systemd-boot,
 * `grub (versions: ...)` means GRUB; exit 2 means no ESP is managed, so the host boots with plain GRUB.
 */
export function parseBootToolStatus(stdout: string, code: number): Bootloader | null {
  const configured = [...stdout.matchAll(/is configured with: (.*)$/gm)].map((m) => m[1]!);
  if (configured.some((c) => /\buefi\b/.test(c))) return 'systemd-boot';
  if (configured.some((c) => /\bgrub\b/.test(c))) return 'grub';
  if (code === 2) return 'grub';
  return null;
}

export interface PlatformFacts {
  pveDir: boolean;
  nixos: boolean;
  osRelease: Record<string, string> | null;
  pveVersion: string | null;
}

export function decidePlatform(f: PlatformFacts): { kind: PlatformKind; version: string | null } {
  if (f.pveDir) return { kind: 'proxmox', version: f.pveVersion };
  if (f.nixos) return { kind: 'nixos', version: f.osRelease?.['VERSION_ID'] ?? null };
  const os = f.osRelease;
  return { kind: 'other', version: os ? (os['PRETTY_NAME'] ?? os['NAME'] ?? null) : null };
}

export interface BootFacts {
  kind: PlatformKind;
  bootTool: Bootloader | null;
  kernelCmdlineFile: boolean;
  grubDefaults: boolean;
  nixosSystemdBoot: boolean;
}

/** proxmox-boot-tool when it answered, else the files: /etc/kernel/cmdline means systemd-boot, else GRUB. */
export function decideBootloader(f: BootFacts): Bootloader {
  if (f.bootTool) return f.bootTool;
  if (f.kind === 'nixos') return f.nixosSystemdBoot ? 'systemd-boot' : f.grubDefaults ? 'grub' : 'unknown';
  if (f.kernelCmdlineFile) return 'systemd-boot';
  if (f.grubDefaults) return 'grub';
  return 'unknown';
}
