// Pre-flight checks for graphics: Vulkan (vulkaninfo --summary), 32-bit graphics libraries, the GPU driver in use.
import { type DistroFamily, nixPackage, pickFix } from '../platform';
import type { CheckResult, Fix } from '../types';
import { type CheckContext, result } from './context';
import { type VulkanDevice, type VulkanSummary, parseVulkanSummary, versionAtLeast } from './parse';

/** DXVK 2.x needs Vulkan 1.3 (lutris/util/wine/dxvk.py: REQUIRED_VULKAN_API_VERSION). */
export const DXVK2_VULKAN = '1.3';

const rank: Record<VulkanDevice['type'], number> = {
  discrete: 0,
  integrated: 1,
  virtual: 2,
  other: 3,
  cpu: 4,
};

export function bestDevice(summary: VulkanSummary): VulkanDevice | null {
  const sorted = [...summary.devices].sort((a, b) => rank[a.type] - rank[b.type]);
  return sorted[0] ?? null;
}

const vulkanToolsFix = (family: DistroFamily): Fix =>
  pickFix(family, {
    nixos: `hardware.graphics.enable = true; ${nixPackage('vulkan-tools')}`,
    debian: 'sudo apt install vulkan-tools mesa-vulkan-drivers',
    fedora: 'sudo dnf install vulkan-tools mesa-vulkan-drivers',
    arch: 'sudo pacman -S vulkan-tools vulkan-icd-loader',
    suse: 'sudo zypper install vulkan-tools',
    other: 'install vulkan-tools and your GPU vendor’s Vulkan driver',
  });

export async function probeVulkan(ctx: CheckContext): Promise<{ check: CheckResult; api: string | null }> {
  const title = 'Vulkan';
  const path = ctx.host.which('vulkaninfo');
  if (!path) {
    return {
      check: result(
        'vulkan',
        title,
        'fail',
        'vulkaninfo not found: cannot check Vulkan',
        vulkanToolsFix(ctx.family),
      ),
      api: null,
    };
  }
  const r = await ctx.host.run(path, ['--summary']);
  const summary = parseVulkanSummary(r.stdout);
  const device = summary ? bestDevice(summary) : null;
  if (r.code !== 0 || !device) {
    const why = r.code !== 0 ? `vulkaninfo --summary failed (exit ${r.code})` : 'no Vulkan device found';
    return { check: result('vulkan', title, 'fail', why, vulkanToolsFix(ctx.family)), api: null };
  }
  const what = `${device.name}, Vulkan ${device.apiVersion}${device.driverName ? ` (${device.driverName})` : ''}`;
  if (device.type === 'cpu') {
    const fix = pickFix(ctx.family, {
      nixos: 'hardware.graphics.enable = true;   (and the GPU driver, see "GPU driver")',
      other: 'install the Vulkan driver for your GPU (Mesa RADV/ANV, or the NVIDIA driver)',
    });
    return {
      check: result('vulkan', title, 'fail', `only software rendering: ${what}`, fix),
      api: device.apiVersion,
    };
  }
  if (!versionAtLeast(device.apiVersion, DXVK2_VULKAN)) {
    const fix: Fix = {
      kind: 'manual',
      text: 'update the GPU driver (Mesa 22 or newer, NVIDIA 515 or newer)',
    };
    return {
      check: result(
        'vulkan',
        title,
        'warn',
        `${what}: DXVK 2.x needs Vulkan 1.3, DXVK 1.10.3 will be used`,
        fix,
      ),
      api: device.apiVersion,
    };
  }
  return { check: result('vulkan', title, 'pass', what), api: device.apiVersion };
}

/** 32-bit Vulkan loader locations per distribution layout. */
function has32BitVulkan(ctx: CheckContext): string | null {
  const candidates = ['/usr/lib/i386-linux-gnu/libvulkan.so.1', '/usr/lib32/libvulkan.so.1'];
  // On Fedora and openSUSE /usr/lib64 is a real directory and /usr/lib holds the 32-bit libraries;
  // on Arch /usr/lib64 is a link to /usr/lib, which then holds the 64-bit ones.
  if (ctx.host.isRealDir('/usr/lib64')) candidates.push('/usr/lib/libvulkan.so.1');
  return candidates.find((p) => ctx.host.exists(p)) ?? null;
}

export async function checkGraphics32(ctx: CheckContext): Promise<CheckResult> {
  const title = '32-bit graphics';
  const fix = pickFix(ctx.family, {
    nixos: 'hardware.graphics.enable32Bit = true;',
    debian:
      'sudo dpkg --add-architecture i386 && sudo apt update && sudo apt install libvulkan1:i386 mesa-vulkan-drivers:i386',
    fedora: 'sudo dnf install vulkan-loader.i686 mesa-vulkan-drivers.i686',
    arch: 'enable [multilib], then: sudo pacman -S lib32-vulkan-icd-loader lib32-mesa',
    suse: 'sudo zypper install libvulkan1-32bit Mesa-vulkan-device-select-32bit',
    other: 'install the 32-bit Vulkan loader and graphics drivers',
  });
  const found =
    ctx.family === 'nixos'
      ? ctx.host.exists('/run/opengl-driver-32')
        ? '/run/opengl-driver-32'
        : null
      : has32BitVulkan(ctx);
  if (found) return result('graphics32', title, 'pass', `32-bit graphics libraries present (${found})`);
  return result(
    'graphics32',
    title,
    'warn',
    '32-bit graphics missing: 32-bit games and launchers get no 3D',
    fix,
  );
}

interface DrmCard {
  card: string;
  driver: string | null;
  vendor: string | null;
}

const vendorNames: Record<string, string> = { '0x10de': 'NVIDIA', '0x1002': 'AMD', '0x8086': 'Intel' };

function drmCards(ctx: CheckContext): DrmCard[] {
  return ctx.host
    .listDir('/sys/class/drm')
    .filter((n) => /^card\d+$/.test(n))
    .map((card) => {
      const link = ctx.host.readLink(`/sys/class/drm/${card}/device/driver`);
      const vendor = ctx.host.readFile(`/sys/class/drm/${card}/device/vendor`)?.trim() ?? null;
      return { card, driver: link ? (link.split('/').pop() ?? null) : null, vendor };
    });
}

const goodDrivers = new Set(['amdgpu', 'nvidia', 'i915', 'xe']);

export async function checkGpuDriver(ctx: CheckContext): Promise<CheckResult> {
  const title = 'GPU driver';
  const cards = drmCards(ctx);
  const describe = (c: DrmCard) =>
    `${vendorNames[c.vendor ?? ''] ?? c.vendor ?? 'unknown'} (${c.driver ?? 'no driver'})`;
  const good = cards.find((c) => c.driver && goodDrivers.has(c.driver));
  if (good) return result('gpu-driver', title, 'pass', `${describe(good)} on ${good.card}`);

  const nvidia = cards.find((c) => c.vendor === '0x10de');
  if (nvidia) {
    const fix = pickFix(ctx.family, {
      nixos:
        'services.xserver.videoDrivers = [ "nvidia" ]; hardware.nvidia.open = true;   (open = false before Turing)',
      debian: 'sudo apt install nvidia-driver   (Debian: from non-free)',
      fedora: 'enable RPM Fusion, then: sudo dnf install akmod-nvidia',
      arch: 'sudo pacman -S nvidia-open   (Turing or newer)',
      other: "install NVIDIA's proprietary driver",
    });
    return result(
      'gpu-driver',
      title,
      'warn',
      `${describe(nvidia)}: nouveau is slow for games; use the NVIDIA driver`,
      fix,
    );
  }
  const oldAmd = cards.find((c) => c.driver === 'radeon');
  if (oldAmd) {
    const params = 'radeon.si_support=0 amdgpu.si_support=1 radeon.cik_support=0 amdgpu.cik_support=1';
    const fix = pickFix(ctx.family, {
      nixos: `boot.kernelParams = [ ${params
        .split(' ')
        .map((p) => `"${p}"`)
        .join(' ')} ];`,
      other: `add to the kernel command line: ${params}`,
    });
    return result(
      'gpu-driver',
      title,
      'warn',
      `${describe(oldAmd)}: the radeon driver has no Vulkan; use amdgpu`,
      fix,
    );
  }
  const fix: Fix = { kind: 'manual', text: 'games need a GPU with a graphics driver on this machine' };
  if (cards.length > 0)
    return result(
      'gpu-driver',
      title,
      'warn',
      `no gaming GPU driver: ${cards.map(describe).join(', ')}`,
      fix,
    );
  return result(
    'gpu-driver',
    title,
    'fail',
    'no GPU with a graphics driver under /sys/class/drm (a GPU bound to vfio-pci for passthrough has none)',
    fix,
  );
}
