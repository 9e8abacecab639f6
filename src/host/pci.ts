// Parses lspci output: -nnk (with or without -D), -k, -nn, -v or plain; tab or space indentation.
import { classCodeForName } from './pci-classes';
import { compareAddress, normalizeAddress } from './pci-address';
import type { PciDevice, Warning } from './types';
import { warning } from './warning';

export interface LspciOptions {
  /** lspci said it could not load libkmod: `Kernel modules` lines are missing because they are unknown. */
  modulesUnknown?: boolean;
}

export interface LspciResult {
  devices: PciDevice[];
  /** True when the text carries -k information (drivers and modules); otherwise drivers are unknown. */
  kernelInfo: boolean;
  warnings: Warning[];
}

const HEADER_RE = /^((?:[0-9a-fA-F]{1,8}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\s+(.*)$/;
const CLASS_RE = /^(.*?)(?:\s+\[([0-9a-fA-F]{4})\])?$/;
const IDS_RE = /^(.*?)\s*\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]$/;
const SUFFIX_RES = [/\s+\(prog-if [0-9a-fA-F]{2}(?: \[[^\]]*\])?\)$/, /\s+\(rev [0-9a-fA-F]{2}\)$/];
const CONT_RE = /^[ \t]+([^:]+?):[ \t]*(.*)$/;

interface Draft {
  device: PciDevice;
  modules: string[] | null;
}

function stripSuffixes(text: string): string {
  let out = text.trimEnd();
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of SUFFIX_RES) {
      const next = out.replace(re, '');
      if (next !== out) {
        out = next;
        changed = true;
      }
    }
  }
  return out;
}

function parseHeader(address: string, rest: string): PciDevice {
  const sep = rest.indexOf(': ');
  const classPart = sep === -1 ? rest.replace(/:$/, '') : rest.slice(0, sep);
  const namePart = sep === -1 ? '' : rest.slice(sep + 2);
  const cm = CLASS_RE.exec(classPart.trim());
  const className = (cm?.[1] ?? classPart).trim();
  const classCode = cm?.[2]?.toLowerCase() ?? classCodeForName(className);
  const bare = stripSuffixes(namePart);
  const ids = IDS_RE.exec(bare);
  return {
    address,
    class: classCode,
    className,
    vendor: ids ? ids[2]!.toLowerCase() : null,
    device: ids ? ids[3]!.toLowerCase() : null,
    name: (ids ? ids[1]! : bare).trim(),
    subsystem: null,
    driver: null,
    modules: null,
    iommuGroup: null,
  };
}

export function parseLspci(text: string, opts: LspciOptions = {}): LspciResult {
  const drafts = new Map<string, Draft>();
  let current: Draft | null = null;
  let kernelInfo = false;
  let unparsed = 0;

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') continue;
    const head = HEADER_RE.exec(line);
    if (head) {
      const address = normalizeAddress(head[1]!);
      if (!address) {
        unparsed++;
        current = null;
        continue;
      }
      if (drafts.has(address)) {
        current = null; // a repeated address: keep the first, ignore its repeat and its lines
        continue;
      }
      current = { device: parseHeader(address, head[2]!), modules: null };
      drafts.set(address, current);
      continue;
    }
    const cont = CONT_RE.exec(line);
    if (!cont) {
      unparsed++;
      continue;
    }
    if (!current) continue;
    const key = cont[1]!.trim();
    const value = cont[2]!.trim();
    if (key === 'Kernel driver in use') {
      kernelInfo = true;
      current.device.driver = value === '' ? null : value;
    } else if (key === 'Kernel modules') {
      kernelInfo = true;
      current.modules = value
        .split(/,\s*/)
        .map((m) => m.trim())
        .filter((m) => m !== '');
    } else if (key === 'Subsystem') {
      const ids = /\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]\s*$/.exec(value);
      current.device.subsystem = ids ? `${ids[1]!.toLowerCase()}:${ids[2]!.toLowerCase()}` : null;
    }
  }

  const devices = [...drafts.values()].map((d) => {
    if (!kernelInfo) return { ...d.device, driver: null, modules: null };
    const modules = opts.modulesUnknown ? null : (d.modules ?? []);
    return { ...d.device, modules };
  });
  devices.sort((a, b) => compareAddress(a.address, b.address));

  const warnings: Warning[] = [];
  if (devices.length === 0 && text.trim() !== '') {
    warnings.push(
      warning(
        'lspci-unparsed',
        `lspci printed ${unparsed} line(s) but none looked like a PCI device, so GPUs and USB controllers are unknown.`,
        'Run `lspci -nnk -D` yourself and check that it lists devices; report the output if it does.',
      ),
    );
  }
  return { devices, kernelInfo, warnings };
}
