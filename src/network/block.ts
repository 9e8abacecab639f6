// The marked block in ifupdown2 syntax (the Proxmox style: tab-indented options, `#comment` after a stanza is
// the bridge's comment in the Proxmox GUI), and splicing it into a file without touching any other line.
import type { BridgeConfig } from '../answers/schema';
import { parseCidr } from './address';
import { BLOCK_BEGIN, BLOCK_END, parseInterfaces } from './interfaces-parse';
import type { ManagedBridge } from './types';

export const BRIDGE_PURPOSE: Record<ManagedBridge, string> = {
  vmbr1: 'Windows VM',
  vmbr2: 'Management network (admin PC)',
};

export const DROPIN_HEADER =
  '# Bridges for the nix-mox home-lab, read through a source line in /etc/network/interfaces.\n';

export function renderStanza(name: ManagedBridge, cfg: BridgeConfig): string {
  const cidr = cfg.address === 'static' && cfg.cidr ? parseCidr(cfg.cidr) : null;
  const family = cidr?.family ?? 'inet';
  const lines = [`auto ${name}`, `iface ${name} ${family} ${cidr ? 'static' : 'manual'}`];
  if (cidr) lines.push(`\taddress ${cfg.cidr}`);
  if (cidr && cfg.gateway) lines.push(`\tgateway ${cfg.gateway}`);
  lines.push(
    `\tbridge-ports ${cfg.port ?? 'none'}`,
    '\tbridge-stp off',
    '\tbridge-fd 0',
    `#${BRIDGE_PURPOSE[name]} (nix-mox)`,
  );
  return lines.join('\n') + '\n';
}

/** BEGIN line, the stanzas separated by blank lines, END line; ends with a newline. */
export function renderBlock(stanzas: string[]): string {
  const begin = `${BLOCK_BEGIN} (written by nix-mox; it replaces everything up to the END line)`;
  return `${begin}\n${stanzas.join('\n')}${BLOCK_END}\n`;
}

/**
 * Puts `block` into `text`: in place of an existing block, else at the end after one blank line; `null` removes
 * the block and the one blank line before it. Lines outside the block are never changed.
 */
export function spliceBlock(path: string, text: string, block: string | null): string {
  const parsed = parseInterfaces(path, text);
  const lines = parsed.lines;
  if (parsed.block) {
    const { begin, end } = parsed.block;
    if (block === null) {
      const from = begin > 0 && lines[begin - 1] === '' ? begin - 1 : begin;
      return [...lines.slice(0, from), ...lines.slice(end + 1)].join('\n');
    }
    const replacement = block.replace(/\n$/, '').split('\n');
    return [...lines.slice(0, begin), ...replacement, ...lines.slice(end + 1)].join('\n');
  }
  if (block === null) return text;
  if (text === '') return `\n${block}`;
  return `${text.endsWith('\n') ? text : `${text}\n`}\n${block}`;
}
