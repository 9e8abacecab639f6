// The flake's `colmena` output: a deployment hive for colmena (0.4 reads `outputs.colmena` of a flake), one node per
// NixOS guest, when there is more than one to deploy. Each node imports the same hosts/<name> as its
// nixosConfiguration and builds on the guest itself (the Proxmox host only evaluates). `nix-mox update --guests`
// hands the rollout to it (src/guests/colmena-rollout.ts).
import type { NixosMachine } from './machines';
import { type NixAttrs, nixAttrName, nixValue, raw } from './nix';

/** Guests a hive deploys to: the NixOS LXC and VM of a Proxmox host (a NixOS machine deploys itself). */
export function hiveNodes(machines: NixosMachine[]): NixosMachine[] {
  return machines.filter((m) => m.kind === 'lxc' || m.kind === 'vm');
}

export function colmenaHive(machines: NixosMachine[], system: string): NixAttrs | null {
  const nodes = hiveNodes(machines);
  if (nodes.length < 2) return null;
  const hive: NixAttrs = {
    meta: { nixpkgs: raw(`import nixpkgs { system = ${nixValue(system)}; }`) },
  };
  for (const m of nodes) {
    hive[m.name] = {
      imports: [raw(`./hosts/${m.name}`)],
      deployment: {
        // The guest's host name: it must resolve from the Proxmox host (DHCP + DNS, or /etc/hosts).
        targetHost: m.name,
        targetUser: 'root',
        buildOnTarget: true,
        tags: [m.kind === 'lxc' ? 'lxc' : 'vm'],
      },
    };
  }
  return hive;
}

/** `colmena = { ... };` at the outputs' indentation, or null with fewer than two guests. */
export function colmenaBinding(machines: NixosMachine[], system: string, indent = '      '): string | null {
  const hive = colmenaHive(machines, system);
  if (!hive) return null;
  return `${indent}# Deploy all NixOS guests together: colmena apply (nix-mox update --guests does this for you).\n${indent}${nixAttrName('colmena')} = ${nixValue(hive, indent)};`;
}
