// Turns a published IOMMU listing (the printf one-liner, `find /sys/kernel/iommu_groups -type l`, or the grouped
// list_iommu_groups.sh output) into the sysfs tree the kernel would show, so detection reads it through --root.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IommuCapture {
  /** The /proc/cmdline line some listings start with, else null. */
  cmdline: string | null;
  /** Group number -> device addresses, each with its domain. */
  groups: Map<number, string[]>;
  /** The `lspci -nns` lines the listing carries (empty for the find format), as lspci -nn output. */
  lspci: string;
}

const ADDR = '((?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
const PRINTF_RE = new RegExp(`^IOMMU group (\\d+) ${ADDR}(\\s.*)$`, 'i');
const FIND_RE = new RegExp(`^/sys/kernel/iommu_groups/(\\d+)/devices/${ADDR}$`);
const HEADER_RE = /^IOMMU Group (\d+):?\s*$/i;
const MEMBER_RE = new RegExp(`^\\s+${ADDR}(\\s.*)$`);

const withDomain = (a: string) => (a.split(':').length === 3 ? a.toLowerCase() : `0000:${a.toLowerCase()}`);

export function parseIommuCapture(text: string): IommuCapture {
  const groups = new Map<number, string[]>();
  const lspci: string[] = [];
  let cmdline: string | null = null;
  let current: number | null = null;
  const add = (g: number, address: string) => groups.set(g, [...(groups.get(g) ?? []), withDomain(address)]);
  for (const line of text.split(/\r?\n/)) {
    let m = PRINTF_RE.exec(line);
    if (m) {
      add(Number(m[1]), m[2]!);
      lspci.push(`${m[2]}${m[3]}`);
      continue;
    }
    m = FIND_RE.exec(line);
    if (m) {
      add(Number(m[1]), m[2]!);
      continue;
    }
    m = HEADER_RE.exec(line);
    if (m) {
      current = Number(m[1]);
      groups.set(current, groups.get(current) ?? []);
      continue;
    }
    m = MEMBER_RE.exec(line);
    if (m && current !== null) {
      add(current, m[1]!);
      lspci.push(`${m[1]}${m[2]}`);
      continue;
    }
    if (cmdline === null && /(^|\s)(BOOT_IMAGE|root)=/.test(line)) cmdline = line.trim();
  }
  return { cmdline, groups, lspci: lspci.length > 0 ? `${lspci.join('\n')}\n` : '' };
}

/** Writes root/sys/kernel/iommu_groups/<N>/devices/<address> (symlinks, as sysfs has) and root/proc/cmdline. */
export function writeIommuTree(root: string, capture: IommuCapture): void {
  for (const [group, devices] of capture.groups) {
    const dir = join(root, 'sys/kernel/iommu_groups', String(group), 'devices');
    mkdirSync(dir, { recursive: true });
    for (const address of devices)
      symlinkSync(`../../../../devices/pci0000:00/${address}`, join(dir, address));
  }
  if (capture.cmdline !== null) {
    mkdirSync(join(root, 'proc'), { recursive: true });
    writeFileSync(join(root, 'proc/cmdline'), `${capture.cmdline}\n`);
  }
}
