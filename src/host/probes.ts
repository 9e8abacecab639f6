// The probes: each reads files under the host's root or runs one read-only command, and returns a value or
// "unknown" with a warning. None throws; detect() runs them all at once.
import { hostname as osHostname } from 'node:os';
import type { ByIdLink } from './by-id';
import { linkTargetName } from './by-id';
import { LSBLK_COLUMNS, parseLsblk } from './disks';
import type { BlockNode } from './block-node';
import { isDirectory, linkTarget, listDir, readText } from './files';
import { type IommuGroups, parseIommuGroups } from './iommu';
import { type LspciResult, parseLspci } from './pci';
import { normalizeAddress } from './pci-address';
import type { CommandResult, Host, Warning } from './types';
import { firstLine, warning } from './warning';

export interface Probed<T> {
  value: T;
  warnings: Warning[];
}

/** A warning for a command that is missing, timed out or failed; `what` says what is unknown because of it. */
export function commandWarning(
  cmd: string,
  args: string[],
  r: CommandResult,
  what: string,
  install: string,
): Warning {
  if (r.code === 127) return warning(`${cmd}-missing`, `${cmd} is not on PATH, so ${what} unknown.`, install);
  if (r.code === 124) {
    return warning(
      `${cmd}-timed-out`,
      `${cmd} ${args.join(' ')} did not finish in time and was stopped, so ${what} unknown.`,
      `Run ${cmd} ${args.join(' ')} yourself to see why it hangs (a stuck disk or NFS mount is a common cause).`,
    );
  }
  const why = firstLine(r.stderr) || 'no message';
  return warning(
    `${cmd}-failed`,
    `${cmd} ${args.join(' ')} failed (exit ${r.code}: ${why}), so ${what} unknown.`,
    `Run ${cmd} ${args.join(' ')} yourself as root and fix what it reports, then run nix-mox detect again.`,
  );
}

function unreadable(code: string, path: string, reason: string, what: string): Warning {
  return warning(
    code,
    `${path} could not be read (${reason}), so ${what} unknown.`,
    `Check that ${path} exists and is readable by the user running nix-mox (procfs and sysfs must be mounted).`,
  );
}

export const LSPCI_ARGS = ['-nnk', '-D'];

export async function probePci(host: Host): Promise<Probed<LspciResult | null>> {
  const r = await host.run('lspci', LSPCI_ARGS);
  if (r.code !== 0) {
    const install =
      'Install pciutils (apt-get install pciutils; on NixOS add pkgs.pciutils), then run nix-mox detect again.';
    return {
      value: null,
      warnings: [commandWarning('lspci', LSPCI_ARGS, r, 'PCI devices (GPUs, USB controllers) are', install)],
    };
  }
  const parsed = parseLspci(r.stdout, { modulesUnknown: /libkmod/.test(r.stderr) });
  return { value: parsed, warnings: parsed.warnings };
}

export type IommuState = 'on' | 'empty' | 'missing' | 'unreadable';

const GROUPS_DIR = '/sys/kernel/iommu_groups';

export async function probeIommu(
  host: Host,
): Promise<Probed<{ state: IommuState; groups: IommuGroups | null }>> {
  const top = await listDir(host.root, GROUPS_DIR);
  if (!top.ok) {
    if (top.missing) return { value: { state: 'missing', groups: null }, warnings: [] };
    return {
      value: { state: 'unreadable', groups: null },
      warnings: [unreadable('iommu-unreadable', GROUPS_DIR, top.reason, 'IOMMU groups are')],
    };
  }
  if (top.value.length === 0) return { value: { state: 'empty', groups: null }, warnings: [] };
  const listing = await Promise.all(
    top.value.map(async (group) => {
      const devices = await listDir(host.root, `${GROUPS_DIR}/${group}/devices`);
      return { group, devices: devices.ok ? devices.value : [] };
    }),
  );
  const groups = parseIommuGroups(listing);
  const warnings: Warning[] = [];
  if (groups.ignored > 0) {
    warnings.push(
      warning(
        'iommu-tree-odd',
        `${groups.ignored} entr${groups.ignored === 1 ? 'y' : 'ies'} under ${GROUPS_DIR} did not look like a group number or a PCI address and were skipped.`,
        `Compare ls -R ${GROUPS_DIR} with lspci -D; a kernel or sysfs problem can leave such entries.`,
      ),
    );
  }
  if (groups.count === 0) return { value: { state: 'empty', groups: null }, warnings };
  return { value: { state: 'on', groups }, warnings };
}

/** `boot_vga` is 1 for the card the firmware used to show the boot screen. */
export async function probeBootVga(host: Host): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  const dir = await listDir(host.root, '/sys/bus/pci/devices');
  if (!dir.ok) return out;
  await Promise.all(
    dir.value.map(async (name) => {
      const address = normalizeAddress(name);
      if (!address) return;
      const r = await readText(host.root, `/sys/bus/pci/devices/${name}/boot_vga`);
      if (r.ok && /^[01]\s*$/.test(r.value)) out.set(address, r.value.trim() === '1');
    }),
  );
  return out;
}

export async function probeBlockDevices(host: Host): Promise<Probed<BlockNode[] | null>> {
  const args = ['-J', '-b', '-o', LSBLK_COLUMNS.join(',')];
  let r = await host.run('lsblk', args);
  let used = args;
  if (r.code !== 0 && /unknown column/i.test(r.stderr)) {
    // util-linux before 2.37 has no MOUNTPOINTS and before 2.33 no PATH.
    used = ['-J', '-b', '-o', 'NAME,TYPE,SIZE,ROTA,TRAN,MODEL,SERIAL,WWN,FSTYPE,LABEL,MOUNTPOINT,RM'];
    r = await host.run('lsblk', used);
  }
  if (r.code !== 0) {
    const install = 'Install util-linux (it provides lsblk), then run nix-mox detect again.';
    return { value: null, warnings: [commandWarning('lsblk', used, r, 'disks are', install)] };
  }
  const parsed = parseLsblk(r.stdout);
  return { value: parsed.warnings.length > 0 ? null : parsed.nodes, warnings: parsed.warnings };
}

export async function probeById(host: Host): Promise<ByIdLink[]> {
  const dir = await listDir(host.root, '/dev/disk/by-id');
  if (!dir.ok) return [];
  const links = await Promise.all(
    dir.value.map(async (name) => {
      const t = await linkTarget(host.root, `/dev/disk/by-id/${name}`);
      return t.ok ? { name, target: linkTargetName(t.value) } : null;
    }),
  );
  return links.filter((l): l is ByIdLink => l !== null && l.target !== '');
}

export async function probeHostname(host: Host): Promise<string | null> {
  const r = await readText(host.root, '/etc/hostname');
  const name = r.ok ? (r.value.split('\n')[0] ?? '').trim() : '';
  if (name !== '') return name;
  return host.root === '/' ? osHostname() || null : null;
}

export async function readOptional(host: Host, path: string): Promise<string | null> {
  const r = await readText(host.root, path);
  return r.ok ? r.value : null;
}

export async function probeFile(
  host: Host,
  path: string,
  code: string,
  what: string,
): Promise<Probed<string | null>> {
  const r = await readText(host.root, path);
  if (r.ok) return { value: r.value, warnings: [] };
  return {
    value: null,
    warnings: [unreadable(code, path, r.missing ? 'it does not exist' : r.reason, what)],
  };
}

export function probeDir(host: Host, path: string): Promise<boolean> {
  return isDirectory(host.root, path);
}
