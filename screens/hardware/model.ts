// Pure: the Hardware screen's tabs and rows, each row with its plain-words detail, from a HostReport.
import {
  deviceName,
  diskKind,
  explainDisk,
  explainGpu,
  explainUsb,
  verdictWord,
} from '../../src/host/explain';
import { formatBytes } from '../../src/host/sizes';
import type { HostReport } from '../../src/host/types';
import { symbols, type Tone } from '../theme';

export interface HardwareRow {
  key: string;
  marker: string;
  tone: Tone;
  label: string;
  detail: string[];
}

export interface HardwareTab {
  id: 'passthrough' | 'disks' | 'machine' | 'warnings';
  title: string;
  rows: HardwareRow[];
  empty: string;
}

function verdictLook(isolated: boolean | null): { marker: string; tone: Tone } {
  if (isolated === true) return { marker: symbols.ok, tone: 'ok' };
  if (isolated === false) return { marker: symbols.bad, tone: 'bad' };
  return { marker: '?', tone: 'muted' };
}

function passthroughRows(r: HostReport): HardwareRow[] {
  const rows: HardwareRow[] = [];
  for (const g of r.gpus) {
    const fns = g.functions.length > 1 ? ` +${g.functions.length - 1} fn` : '';
    rows.push({
      key: `gpu:${g.address}`,
      ...verdictLook(g.isolated),
      label: `GPU  ${g.address}  group ${g.iommuGroup ?? '-'}  ${verdictWord(g.isolated).padEnd(8)}  ${deviceName(r, g.address)}${fns}`,
      detail: explainGpu(r, g),
    });
  }
  for (const u of r.usbControllers) {
    rows.push({
      key: `usb:${u.address}`,
      ...verdictLook(u.isolated),
      label: `USB  ${u.address}  group ${u.iommuGroup ?? '-'}  ${verdictWord(u.isolated).padEnd(8)}  ${deviceName(r, u.address)}`,
      detail: explainUsb(r, u),
    });
  }
  return rows;
}

function diskRows(r: HostReport): HardwareRow[] {
  return r.disks.map((d) => {
    const use = d.system ? 'system' : d.holds.length > 0 || d.mounted.length > 0 ? 'in use' : 'blank';
    const look: { marker: string; tone: Tone } =
      use === 'system'
        ? { marker: '■', tone: 'warn' }
        : use === 'in use'
          ? { marker: '▪', tone: 'muted' }
          : { marker: '□', tone: 'ok' };
    return {
      key: `disk:${d.name}`,
      ...look,
      label: `${d.name.padEnd(8)}  ${formatBytes(d.sizeBytes).padStart(9)}  ${diskKind(d).padEnd(8)}  ${use.padEnd(6)}  ${d.model ?? ''}`,
      detail: explainDisk(d),
    };
  });
}

function machineRows(r: HostReport): HardwareRow[] {
  const p = r.platform;
  const platform =
    p.kind === 'proxmox'
      ? `Proxmox VE ${p.version ?? '(version unknown)'}`
      : p.kind === 'nixos'
        ? `NixOS ${p.version ?? ''}`
        : (p.version ?? 'unknown');
  const iommu =
    r.iommu.enabled === true
      ? `on, ${r.iommu.groupCount} groups`
      : r.iommu.enabled === false
        ? 'off'
        : 'unknown';
  const pools =
    r.zfs === null ? 'unknown' : r.zfs.pools.map((z) => `${z.name} ${z.health}`).join(', ') || 'none';
  const row = (
    key: string,
    name: string,
    value: string,
    detail: string[],
    tone: Tone = 'muted',
  ): HardwareRow => ({
    key,
    marker: symbols.bullet,
    tone,
    label: `${name.padEnd(9)} ${value}`,
    detail,
  });
  return [
    row('host', 'Host', r.hostname ?? 'unknown', ['The name this machine gives itself (/etc/hostname).']),
    row('platform', 'Platform', `${platform}, boot: ${p.bootloader}`, [
      p.kind === 'proxmox'
        ? 'A Proxmox VE host: nix-mox can set up passthrough, storage, guests and backups here.'
        : 'Not a Proxmox VE host: nix-mox can plan here, but host changes need Proxmox VE.',
      p.bootloader === 'systemd-boot'
        ? 'Kernel arguments live in /etc/kernel/cmdline and take effect after proxmox-boot-tool refresh and a reboot.'
        : p.bootloader === 'grub'
          ? 'Kernel arguments live in GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub (update-grub, then reboot).'
          : 'The boot loader could not be told.',
    ]),
    row(
      'cpu',
      'CPU',
      `${r.cpu.model ?? 'unknown'}, ${r.cpu.threads ?? '?'} threads`,
      [
        r.cpu.virtualization
          ? `Hardware virtualization is on (${r.cpu.virtualization}).`
          : 'No svm/vmx flag: hardware virtualization is off or hidden (see Warnings).',
      ],
      r.cpu.virtualization ? 'ok' : 'warn',
    ),
    row('memory', 'Memory', formatBytes(r.memoryBytes), [
      'Memory as the kernel sees it (MemTotal), a little under what is installed.',
    ]),
    row(
      'iommu',
      'IOMMU',
      iommu,
      [
        r.iommu.enabled === true
          ? 'Devices are in IOMMU groups: a group holding only one card (and PCI bridges) can be passed to a VM.'
          : 'Without IOMMU groups nothing can be passed through; see Warnings for what to switch on.',
        `Kernel arguments now: ${r.iommu.kernelArgs.join(' ') || 'none related to the IOMMU'}.`,
      ],
      r.iommu.enabled === true ? 'ok' : 'warn',
    ),
    row('zfs', 'ZFS', pools, [
      r.zfs === null
        ? 'zpool did not answer, so pools are unknown.'
        : `${r.zfs.pools.length} pool(s): ${r.zfs.pools.map((z) => `${z.name} ${z.health} ${formatBytes(z.sizeBytes)}`).join('; ') || 'none'}.`,
    ]),
    row('bridges', 'Bridges', r.bridges.join(', ') || 'none', [
      'Linux bridges guests can attach their network to.',
    ]),
    row('guests', 'Guests', r.guests.map((g) => `${g.vmid} ${g.name}`).join(', ') || 'none', [
      r.guests.length === 0
        ? 'No VMs or containers exist yet.'
        : r.guests
            .map((g) => `${g.vmid} ${g.name}: ${g.kind === 'qemu' ? 'VM' : 'container'}, ${g.status}`)
            .join('; '),
    ]),
  ];
}

function warningRows(r: HostReport): HardwareRow[] {
  return r.warnings.map((w, i) => ({
    key: `warning:${i}:${w.code}`,
    marker: symbols.warn,
    tone: 'warn' as Tone,
    label: `${w.code}: ${w.message}`,
    detail: [w.message, `Fix: ${w.fix}`],
  }));
}

export function hardwareTabs(r: HostReport): HardwareTab[] {
  return [
    {
      id: 'passthrough',
      title: 'Passthrough',
      rows: passthroughRows(r),
      empty: 'No GPUs or USB controllers were found.',
    },
    { id: 'disks', title: 'Disks', rows: diskRows(r), empty: 'No disks were found.' },
    { id: 'machine', title: 'Machine', rows: machineRows(r), empty: '' },
    {
      id: 'warnings',
      title: `Warnings (${r.warnings.length})`,
      rows: warningRows(r),
      empty: 'No warnings: nothing needs fixing.',
    },
  ];
}

export function filterRows(rows: HardwareRow[], text: string): HardwareRow[] {
  const t = text.trim().toLowerCase();
  return t === '' ? rows : rows.filter((r) => r.label.toLowerCase().includes(t));
}
