// Which fix to offer: a NixOS option on NixOS (/etc/NIXOS under --root), else the distribution's package.
import type { Fix } from './types';

export type DistroFamily = 'nixos' | 'debian' | 'fedora' | 'arch' | 'suse' | 'other';

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

export function distroFamily(nixos: boolean, osRelease: string | null): DistroFamily {
  if (nixos) return 'nixos';
  const fields = parseOsRelease(osRelease ?? '');
  const ids = [fields['ID'] ?? '', ...(fields['ID_LIKE'] ?? '').split(/\s+/)].filter(Boolean);
  if (ids.includes('nixos')) return 'nixos';
  if (ids.some((i) => ['debian', 'ubuntu'].includes(i))) return 'debian';
  if (ids.some((i) => ['fedora', 'rhel', 'centos'].includes(i))) return 'fedora';
  if (ids.some((i) => ['arch', 'archlinux'].includes(i))) return 'arch';
  if (ids.some((i) => i.startsWith('opensuse') || i === 'suse' || i === 'sles')) return 'suse';
  return 'other';
}

/** The fix for one family. `nixos` is Nix text for configuration.nix; the others are commands or advice. */
export interface FixTexts {
  nixos: string;
  debian?: string;
  fedora?: string;
  arch?: string;
  suse?: string;
  other: string;
}

export function pickFix(family: DistroFamily, texts: FixTexts): Fix {
  if (family === 'nixos') return { kind: 'nixos', text: texts.nixos };
  const text = family === 'other' ? undefined : texts[family];
  if (text) return { kind: 'package', text };
  return { kind: 'manual', text: texts.other };
}

/** A NixOS fix that installs one nixpkgs attribute. */
export const nixPackage = (attr: string): string => `environment.systemPackages = [ pkgs.${attr} ];`;
