// The NixOS machines the flake describes and which fragments each one imports. On a Proxmox host: the NixOS
// LXC (services, infrastructure) and the NixOS VM (the desktop: messaging and gaming; services too when there is
// no LXC). On a NixOS machine: the machine itself, with everything chosen.
import type { Answers, GuestConfig } from '../answers/schema';
import type { HostReport } from '../host/types';

export type MachineKind = 'lxc' | 'vm' | 'metal';

export interface NixosMachine {
  /** nixosConfigurations.<name> and hosts/<name>/. */
  name: string;
  kind: MachineKind;
  guest: GuestConfig | null;
  /** Fragment paths inside fragments/, without `.nix`, in import order. */
  fragments: string[];
  messaging: string[];
  gaming: string[];
}

export const BASE_FRAGMENTS = [
  'base/system',
  'base/nix-settings',
  'base/networking',
  'base/packages',
  'base/programs',
  'base/services',
  'security',
];

const DESKTOP_FRAGMENTS = ['base/display', 'base/graphics', 'base/sound'];

/** The system's root pool (held by a disk marked system), or null when / is not on ZFS. */
export function systemPool(report: HostReport): string | null {
  for (const d of report.disks) {
    if (!d.system) continue;
    const zfs = d.holds.find((h) => h.startsWith('zfs:'));
    if (zfs) return zfs.slice(4);
  }
  return null;
}

function build(
  name: string,
  kind: MachineKind,
  guest: GuestConfig | null,
  parts: {
    desktop: boolean;
    services: string[];
    infrastructure: string[];
    messaging: string[];
    gaming: string[];
    extra: string[];
  },
): NixosMachine {
  const fragments = [
    ...BASE_FRAGMENTS,
    ...(kind === 'lxc' ? ['proxmox-guest/lxc'] : kind === 'vm' ? ['proxmox-guest/vm'] : ['platforms/linux']),
    ...parts.extra,
    ...(parts.desktop ? DESKTOP_FRAGMENTS : []),
    ...(parts.messaging.length > 0 ? ['base/messaging'] : []),
    ...(parts.gaming.length > 0 ? ['gaming'] : []),
    ...parts.services.map((s) => `services/${s}`),
    ...parts.infrastructure.map((s) => `infrastructure/${s}`),
  ];
  return {
    name,
    kind,
    guest,
    fragments: [...new Set(fragments)],
    messaging: parts.messaging,
    gaming: parts.gaming,
  };
}

export function nixosMachines(answers: Answers, report: HostReport): NixosMachine[] {
  const { services, infrastructure, messaging, gaming } = answers;
  const desktopWanted = messaging.length > 0 || gaming.length > 0;
  if (answers.machine.role === 'nixos') {
    const zfs = systemPool(report) !== null || answers.storage.newPool !== null;
    const vfio = answers.passthrough.gpu !== null || answers.passthrough.usbControllers.length > 0;
    return [
      build(answers.machine.hostname, 'metal', null, {
        desktop: desktopWanted,
        services,
        infrastructure,
        messaging,
        gaming,
        extra: [...(zfs ? ['zfs'] : []), ...(vfio ? ['vfio'] : [])],
      }),
    ];
  }
  const lxc = answers.guests.nixosLxc;
  const vm = answers.guests.nixosVm;
  const out: NixosMachine[] = [];
  if (lxc.enabled) {
    out.push(
      build(lxc.name, 'lxc', lxc, {
        desktop: false,
        services,
        infrastructure,
        messaging: [],
        gaming: [],
        extra: [],
      }),
    );
  }
  if (vm.enabled) {
    const serverParts = lxc.enabled ? { services: [], infrastructure: [] } : { services, infrastructure };
    out.push(
      build(vm.name, 'vm', vm, { desktop: desktopWanted, ...serverParts, messaging, gaming, extra: [] }),
    );
  }
  return out;
}
