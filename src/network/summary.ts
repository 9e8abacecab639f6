// One-line words for bridges: the hub's status line and the Network screen's rows.
import type { Answers, BridgeConfig } from '../answers/schema';
import type { WizardStatus } from '../wizard/status';
import type { BridgeView, PortView } from './topology';
import { MANAGED_BRIDGES } from './types';

export function bridgeConfigLine(cfg: BridgeConfig): string {
  if (!cfg.enabled) return 'off';
  const port = cfg.port ? `port ${cfg.port}` : 'host-only (no port)';
  const addr =
    cfg.address === 'static'
      ? `${cfg.cidr ?? 'no address yet'}${cfg.gateway ? ` via ${cfg.gateway}` : ''}`
      : 'no host address';
  return `${port} · ${addr}`;
}

export function bridgeViewLine(b: BridgeView): string {
  const ports = b.ports.length > 0 ? `port ${b.ports.join(' ')}` : 'host-only (no port)';
  const addr =
    b.addresses.length > 0 ? b.addresses.join(' ') : b.method === 'dhcp' ? 'dhcp' : 'no host address';
  return `${ports} · ${addr}${b.gateway ? ` via ${b.gateway}` : ''}`;
}

export function portLine(p: PortView): string {
  const state =
    p.operstate === 'UP' ? 'link up' : p.operstate === 'DOWN' ? 'no link' : p.operstate.toLowerCase();
  const use = p.usedBy ? `in ${p.usedBy}` : p.unavailable ? p.unavailable : 'free';
  return `${p.kind === 'bond' ? 'bond' : 'nic'} · ${state} · ${use}`;
}

export function networkStatus(answers: Answers): WizardStatus {
  if (answers.machine.role !== 'proxmox-host')
    return { kind: 'info', summary: 'bridges are set up on a Proxmox host only' };
  const parts = MANAGED_BRIDGES.map((name) => {
    const cfg = answers.network[name];
    if (!cfg.enabled) return `${name} off`;
    return `${name} ${cfg.port ?? 'host-only'}${cfg.address === 'static' && cfg.cidr ? ` ${cfg.cidr}` : ''}`;
  });
  return { kind: 'optional', summary: `vmbr0 as installed · ${parts.join(' · ')}` };
}
