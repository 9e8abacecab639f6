// Checks network.vmbr1/vmbr2 against this host: ports that exist and are free, the SSH session's interface left
// alone, addresses that parse and do not clash. Every message names the answers field it is about.
import type { Answers, BridgeConfig } from '../answers/schema';
import { contains, isNetworkOrBroadcast, overlaps, parseCidr } from './address';
import { type BridgeView, bridgeView, type NetworkView } from './topology';
import { MANAGED_BRIDGES, type ManagedBridge } from './types';

export interface NetworkProblem {
  field: string;
  message: string;
  /** Errors stop generation; warnings are shown. */
  severity: 'error' | 'warning';
}

export class NetworkAnswerError extends Error {
  constructor(readonly problems: NetworkProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.name = 'NetworkAnswerError';
  }
}

const err = (field: string, message: string): NetworkProblem => ({ field, message, severity: 'error' });
const warn = (field: string, message: string): NetworkProblem => ({ field, message, severity: 'warning' });

/** What the bridge looks like now, in answers form (for "the SSH bridge must stay as it is"). */
export function currentConfig(b: BridgeView): BridgeConfig {
  const static_ = b.method === 'static' && b.addresses.length > 0;
  return {
    enabled: b.origin !== 'absent',
    port: b.ports[0] ?? null,
    address: static_ ? 'static' : 'manual',
    cidr: static_ ? (b.addresses[0] ?? null) : null,
    gateway: static_ ? b.gateway : null,
  };
}

const sameConfig = (a: BridgeConfig, b: BridgeConfig): boolean =>
  a.enabled === b.enabled &&
  a.port === b.port &&
  a.address === b.address &&
  a.cidr === b.cidr &&
  a.gateway === b.gateway;

function checkPort(
  name: ManagedBridge,
  cfg: BridgeConfig,
  answers: Answers,
  view: NetworkView,
): NetworkProblem[] {
  const field = `network.${name}.port`;
  if (cfg.port === null) return [];
  const port = view.ports.find((p) => p.name === cfg.port);
  if (!port)
    return [
      err(
        field,
        `no usable port named "${cfg.port}" on this host (${view.ports.map((p) => p.name).join(', ') || 'none found'})`,
      ),
    ];
  if (port.locked) return [err(field, `${port.name} ${port.locked}`)];
  if (port.unavailable && port.usedBy !== name) return [err(field, `${port.name} is ${port.unavailable}`)];
  const other = MANAGED_BRIDGES.find(
    (b) => b !== name && answers.network[b].enabled && answers.network[b].port === cfg.port,
  );
  if (other && name === 'vmbr2')
    return [err(field, `${cfg.port} is already ${other}'s port; a port joins one bridge only`)];
  return [];
}

function checkAddress(
  name: ManagedBridge,
  cfg: BridgeConfig,
  answers: Answers,
  view: NetworkView,
): NetworkProblem[] {
  const field = `network.${name}`;
  if (cfg.address === 'manual') {
    const extra = [];
    if (cfg.cidr !== null)
      extra.push(err(`${field}.cidr`, 'only for a static address; clear it or choose static'));
    if (cfg.gateway !== null)
      extra.push(err(`${field}.gateway`, 'only for a static address; clear it or choose static'));
    return extra;
  }
  if (!cfg.cidr) return [err(`${field}.cidr`, 'required for a static address, e.g. 10.10.10.1/24')];
  const cidr = parseCidr(cfg.cidr);
  if (!cidr)
    return [
      err(`${field}.cidr`, `expected an address with a prefix length like 10.10.10.1/24, got "${cfg.cidr}"`),
    ];
  const out: NetworkProblem[] = [];
  if (isNetworkOrBroadcast(cidr))
    out.push(err(`${field}.cidr`, `${cfg.cidr} is the network or broadcast address of its subnet`));
  for (const b of view.bridges) {
    if (b.name === name || (b.origin === 'nix-mox' && MANAGED_BRIDGES.includes(b.name as ManagedBridge)))
      continue;
    for (const a of b.addresses) {
      const theirs = parseCidr(a);
      if (theirs && overlaps(cidr, theirs))
        out.push(err(`${field}.cidr`, `${cfg.cidr} overlaps ${b.name}'s ${a}; pick another subnet`));
    }
  }
  const other = MANAGED_BRIDGES.find(
    (b) => b !== name && answers.network[b].enabled && answers.network[b].address === 'static',
  );
  const otherCidr = other ? parseCidr(answers.network[other].cidr ?? '') : null;
  if (name === 'vmbr2' && other && otherCidr && overlaps(cidr, otherCidr)) {
    out.push(err(`${field}.cidr`, `${cfg.cidr} overlaps ${other}'s ${answers.network[other].cidr}`));
  }
  if (cfg.gateway !== null) {
    if (!contains(cidr, cfg.gateway))
      out.push(err(`${field}.gateway`, `${cfg.gateway} is not inside ${cfg.cidr}`));
    const held = view.gateways.find((g) => g.family === cidr.family && g.iface !== name);
    if (held) {
      out.push(
        err(
          `${field}.gateway`,
          `${held.iface} already has the default gateway ${held.gateway}; a second default route breaks routing. Leave it empty`,
        ),
      );
    }
  }
  return out;
}

function checkBridge(name: ManagedBridge, answers: Answers, view: NetworkView): NetworkProblem[] {
  const cfg = answers.network[name];
  const b = bridgeView(view, name);
  // A bridge the user defined outside our block is theirs: it is kept as it is and these answers do not apply.
  if (b?.origin === 'config') return [];
  if (b?.locked && !sameConfig(cfg, currentConfig(b))) {
    return [err(`network.${name}`, `${name} ${b.locked}; it cannot be changed from this session`)];
  }
  if (!cfg.enabled) return [];
  return [...checkPort(name, cfg, answers, view), ...checkAddress(name, cfg, answers, view)];
}

function guestWarnings(answers: Answers, view: NetworkView): NetworkProblem[] {
  const out: NetworkProblem[] = [];
  for (const [key, guest] of Object.entries(answers.guests)) {
    if (!guest.enabled) continue;
    const bridge = guest.bridge;
    const managed = MANAGED_BRIDGES.find((m) => m === bridge);
    const exists = view.bridges.some(
      (b) => b.name === bridge && b.origin !== 'absent' && b.origin !== 'nix-mox',
    );
    const willExist = managed ? answers.network[managed].enabled || exists : exists;
    if (!willExist) {
      const fix = managed
        ? 'turn it on here or pick another bridge for that guest'
        : 'pick another bridge for that guest';
      out.push(warn(`guests.${key}.bridge`, `${bridge} will not exist; ${fix}`));
    }
  }
  return out;
}

export function checkNetworkAnswers(answers: Answers, view: NetworkView): NetworkProblem[] {
  return [
    ...MANAGED_BRIDGES.flatMap((name) => checkBridge(name, answers, view)),
    ...guestWarnings(answers, view),
  ];
}

export const networkErrors = (problems: NetworkProblem[]): NetworkProblem[] =>
  problems.filter((p) => p.severity === 'error');
