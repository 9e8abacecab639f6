// `nix-mox detect` without --json: the report as plain, readable text (no colour, fits the given width).
import { deviceName, diskKind, verdictWord } from './explain';
import { formatBytes } from './sizes';
import type { HostReport } from './types';

/** Word-wraps `text` to `width`; the first line starts with `indent`, the others with `rest`. */
export function wrap(text: string, width: number, indent: string, rest = indent): string[] {
  const lines: string[] = [];
  let line = '';
  const pad = () => (lines.length === 0 ? indent : rest);
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && pad().length + line.length + 1 + word.length > width) {
      lines.push(pad() + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(pad() + line);
  return lines;
}

function clip(text: string, width: number): string {
  if (width <= 1) return text.length > 0 ? '…' : '';
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function table(rows: string[][], width: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => {
    const head = r
      .slice(0, -1)
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ');
    const last = r[r.length - 1] ?? '';
    return clip(`  ${head}  ${last}`, width).trimEnd();
  });
}

function platformLine(r: HostReport): string {
  const p = r.platform;
  const name = p.kind === 'proxmox' ? 'Proxmox VE' : p.kind === 'nixos' ? 'NixOS' : 'Not Proxmox or NixOS:';
  const version = p.version ?? (p.kind === 'other' ? 'unknown system' : 'version unknown');
  const boot = p.bootloader === 'unknown' ? 'boot loader unknown' : `boots with ${p.bootloader}`;
  return `${name} ${version}, ${boot}`;
}

function cpuLine(r: HostReport): string {
  const c = r.cpu;
  const threads = c.threads === null ? 'threads unknown' : `${c.threads} threads`;
  const virt = c.virtualization ? `virtualization ${c.virtualization}` : 'no hardware virtualization flag';
  return `${c.model ?? 'model unknown'}, ${threads}, ${virt}`;
}

function iommuLine(r: HostReport): string {
  const i = r.iommu;
  const state = i.enabled === true ? `on, ${i.groupCount} groups` : i.enabled === false ? 'off' : 'unknown';
  return `${state}; kernel arguments: ${i.kernelArgs.length > 0 ? i.kernelArgs.join(' ') : 'none'}`;
}

function candidates(r: HostReport, width: number): string[] {
  const rows: string[][] = [['KIND', 'ADDRESS', 'GROUP', 'FN', 'VERDICT', 'DEVICE']];
  const notes: Map<number, string> = new Map();
  for (const g of r.gpus) {
    const fns = String(g.functions.length);
    rows.push([
      'GPU',
      g.address,
      String(g.iommuGroup ?? '-'),
      fns,
      verdictWord(g.isolated),
      deviceName(r, g.address),
    ]);
    if (g.sharedWith.length > 0) notes.set(rows.length - 1, g.sharedWith.join(', '));
  }
  for (const u of r.usbControllers) {
    rows.push([
      'USB',
      u.address,
      String(u.iommuGroup ?? '-'),
      '1',
      verdictWord(u.isolated),
      deviceName(r, u.address),
    ]);
    if (u.sharedWith.length > 0) notes.set(rows.length - 1, u.sharedWith.join(', '));
  }
  if (rows.length === 1) return ['  No GPUs or USB controllers were found.'];
  const out: string[] = [];
  table(rows, width).forEach((line, i) => {
    out.push(line);
    const note = notes.get(i);
    if (note) out.push(...wrap(`shares its group with ${note}`, width, '        '));
  });
  return out;
}

function disks(r: HostReport, width: number): string[] {
  if (r.disks.length === 0) return ['  No disks were found.'];
  const rows: string[][] = [['NAME', 'SIZE', 'KIND', 'SYSTEM', 'HOLDS']];
  for (const d of r.disks) {
    const holds = d.holds.filter((h) => !h.startsWith('part:'));
    const parts = d.holds.length - holds.length;
    const mounted = d.mounted.length > 0 ? `mounted ${d.mounted.join(' ')}` : 'blank';
    const holdText = [parts > 0 ? `${parts} part` : '', ...holds].filter(Boolean).join(', ') || mounted;
    rows.push([d.name, formatBytes(d.sizeBytes), diskKind(d), d.system ? 'yes' : 'no', holdText]);
  }
  const out: string[] = [];
  table(rows, width).forEach((line, i) => {
    out.push(line);
    const disk = r.disks[i - 1];
    if (disk) out.push(`    ${disk.byId ?? 'no /dev/disk/by-id name'}`);
  });
  return out;
}

function field(label: string, value: string, width: number, pad: number): string[] {
  return wrap(value, width, label.padEnd(pad), ' '.repeat(pad));
}

export function formatReport(r: HostReport, width = 100): string {
  const w = Math.max(width, 60);
  const out: string[] = [];
  out.push(`nix-mox detect: ${r.hostname ?? 'unknown host'}`, '');
  out.push('Machine');
  out.push(...field('  Platform', platformLine(r), w, 12));
  out.push(...field('  CPU', cpuLine(r), w, 12));
  out.push(...field('  Memory', r.memoryBytes === null ? 'unknown' : formatBytes(r.memoryBytes), w, 12));
  out.push(...field('  IOMMU', iommuLine(r), w, 12), '');
  out.push('Passthrough candidates', ...candidates(r, w), '');
  out.push('Disks', ...disks(r, w), '');
  const pools =
    r.zfs === null
      ? 'unknown'
      : r.zfs.pools.map((p) => `${p.name} ${p.health} ${formatBytes(p.sizeBytes)}`).join('; ') || 'none';
  out.push(...field('ZFS pools', pools, w, 11));
  out.push(...field('Bridges', r.bridges.join(', ') || 'none', w, 11));
  const guests = r.guests.map((g) => `${g.vmid} ${g.name} (${g.kind}, ${g.status})`).join('; ') || 'none';
  out.push(...field('Guests', guests, w, 11), '');
  out.push(r.warnings.length === 0 ? 'No warnings.' : `Warnings (${r.warnings.length})`);
  for (const warn of r.warnings) {
    out.push(...wrap(`! ${warn.code}: ${warn.message}`, w, '  ', '    '));
    out.push(...wrap(`Fix: ${warn.fix}`, w, '    '));
  }
  return `${out.map((line) => clip(line, w)).join('\n')}\n`;
}
