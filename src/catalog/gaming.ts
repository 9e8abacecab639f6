// Gaming on NixOS: modules first (programs.steam, programs.gamemode, programs.gamescope), packages otherwise,
// and what the machine itself needs for them: 32-bit graphics, audio, and the GPU driver.
import type { Answers } from '../answers/schema';
import type { HostReport, PciDevice } from '../host/types';
import { type Catalog, catalogItem, type OptionSetting, on } from './types';

const item = catalogItem;

export const gamingCatalog: Catalog = {
  groups: [
    { id: 'launchers', title: 'Launchers' },
    { id: 'compatibility', title: 'Windows compatibility' },
    { id: 'performance', title: 'Performance and overlays' },
  ],
  items: [
    item('steam', 'launchers', 'Steam', 'Steam with Proton, through the NixOS module (programs.steam)', {
      options: [on('programs.steam.enable')],
      unfree: ['steam'],
    }),
    item('lutris', 'launchers', 'Lutris', 'Lutris game manager: Wine prefixes, runners and installers', {
      packages: ['lutris'],
      alternatives: ['heroic', 'bottles'],
    }),
    item('wine', 'compatibility', 'Wine', 'Wine (WoW64 build: 64- and 32-bit programs) with winetricks', {
      packages: ['wineWow64Packages.stable', 'winetricks'],
    }),
    item('dxvk', 'compatibility', 'DXVK', 'Direct3D 8/9/10/11 on Vulkan, installed into Wine prefixes', {
      packages: ['dxvk'],
    }),
    item('vkd3d', 'compatibility', 'VKD3D', 'Direct3D 12 on Vulkan (VKD3D-Proton) for Wine prefixes', {
      packages: ['vkd3d-proton'],
      alternatives: ['vkd3d'],
    }),
    item(
      'protonup-ng',
      'compatibility',
      'ProtonUp',
      'protonup-ng: installs Proton-GE builds for Steam and Lutris',
      {
        packages: ['protonup-ng'],
        alternatives: ['protonup-qt'],
      },
    ),
    item('mangohud', 'performance', 'MangoHud', 'Vulkan/OpenGL overlay: FPS, frame times, temperatures', {
      packages: ['mangohud'],
    }),
    item(
      'gamemode',
      'performance',
      'GameMode',
      'Feral GameMode: CPU governor and priorities while a game runs',
      {
        options: [on('programs.gamemode.enable')],
      },
    ),
    item('gamescope', 'performance', 'Gamescope', 'Gamescope micro-compositor (upscaling, frame limits)', {
      options: [on('programs.gamescope.enable')],
    }),
  ],
};

/** What the machine needs once anything is chosen: 32-bit graphics, PipeWire with 32-bit ALSA, the GPU driver. */
export interface GamingNeeds {
  options: OptionSetting[];
  /** The driver is unfree (NVIDIA): the configuration must allow it. */
  unfreeDriver: boolean;
  /** One line each, for the screen. */
  lines: string[];
}

const NVIDIA = '10de';
const AMD = '1002';
const INTEL = '8086';
// NVIDIA's open kernel modules support Turing (TU10x, device ids from 0x1e00) and newer only.
const FIRST_TURING_DEVICE = 0x1e00;

const pciOf = (report: HostReport, address: string | null | undefined): PciDevice | undefined =>
  address ? report.pci.find((p) => p.address === address) : undefined;

/**
 * The GPU the games would use. On a NixOS machine: its first GPU that is not passed to a VM. On a Proxmox host the
 * choices configure the NixOS VM, which has a GPU only when the passthrough target is that VM.
 */
export function gamingGpu(report: HostReport, answers: Answers): PciDevice | undefined {
  const p = answers.passthrough;
  if (answers.machine.role === 'proxmox-host') {
    const toNixosVm =
      p.gpu !== null && p.targetVmid === answers.guests.nixosVm.vmid && answers.guests.nixosVm.enabled;
    return toNixosVm ? pciOf(report, p.gpu) : undefined;
  }
  const passed = p.gpu ? p.functions : [];
  const left = report.gpus.find((g) => !passed.includes(g.address));
  return pciOf(report, left?.address);
}

/** Where the gaming choices land, in words. */
export function gamingTarget(answers: Answers): string {
  if (answers.machine.role === 'nixos')
    return `These go into the NixOS configuration of ${answers.machine.hostname}.`;
  return 'On a Proxmox host these go into the NixOS VM (guests.nixosVm). Windows games run in the Windows VM with the passed-through GPU.';
}

function driverNeeds(gpu: PciDevice | undefined): Omit<GamingNeeds, 'lines'> & { line: string } {
  if (!gpu) {
    return {
      options: [],
      unfreeDriver: false,
      line: 'GPU driver: no GPU for the games here; they would render in software',
    };
  }
  if (gpu.vendor === NVIDIA) {
    const device = gpu.device ? Number.parseInt(gpu.device, 16) : Number.NaN;
    const open = Number.isFinite(device) && device >= FIRST_TURING_DEVICE;
    return {
      options: [
        { path: 'services.xserver.videoDrivers', value: ['nvidia'] },
        { path: 'hardware.nvidia.open', value: open },
        on('hardware.nvidia.modesetting.enable'),
      ],
      unfreeDriver: true,
      line: `GPU driver: NVIDIA proprietary for ${gpu.name} (open kernel modules: ${open ? 'yes, Turing or newer' : 'no, older than Turing'})`,
    };
  }
  if (gpu.vendor === AMD) {
    return {
      options: [],
      unfreeDriver: false,
      line: `GPU driver: amdgpu (in the kernel) for ${gpu.name}; nothing to add`,
    };
  }
  if (gpu.vendor === INTEL) {
    return {
      options: [],
      unfreeDriver: false,
      line: `GPU driver: i915/xe (in the kernel) for ${gpu.name}; nothing to add`,
    };
  }
  return {
    options: [],
    unfreeDriver: false,
    line: `GPU driver: ${gpu.name} has no known driver setting; check it by hand`,
  };
}

export function gamingNeeds(report: HostReport, answers: Answers): GamingNeeds {
  const driver = driverNeeds(gamingGpu(report, answers));
  return {
    options: [
      on('hardware.graphics.enable'),
      on('hardware.graphics.enable32Bit'),
      on('services.pipewire.enable'),
      on('services.pipewire.alsa.enable'),
      on('services.pipewire.alsa.support32Bit'),
      on('services.pipewire.pulse.enable'),
      on('security.rtkit.enable'),
      ...driver.options,
    ],
    unfreeDriver: driver.unfreeDriver,
    lines: [
      '32-bit graphics: hardware.graphics.enable and enable32Bit (Steam and Wine run 32-bit code)',
      'Audio: PipeWire with 32-bit ALSA and PulseAudio support, rtkit',
      driver.line,
    ],
  };
}
