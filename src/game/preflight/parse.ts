// Parsers for the tools' own output formats (wine --version, winetricks --version, vulkaninfo --summary,
// /proc/<pid>/limits). Each returns null when the text is not what the tool prints.

/** "wine-8.0 (Debian 8.0~repack-4)", "wine-9.0 (Staging)", "wine-10.12" -> "8.0" | "9.0" | "10.12". */
export function parseWineVersion(stdout: string): string | null {
  const m = /^wine-(\d+(?:\.\d+)*(?:-rc\d+)?)/m.exec(stdout.trim());
  return m ? m[1]! : null;
}

export function majorOf(version: string): number {
  return Number.parseInt(version, 10);
}

/** "20250102 - sha256sum: 1f2e..." (older: "sha1sum") -> "20250102". */
export function parseWinetricksVersion(stdout: string): string | null {
  const m = /^(\d{8})(?:-next)?\b/m.exec(stdout.trim());
  return m ? m[1]! : null;
}

export type VulkanDeviceType = 'discrete' | 'integrated' | 'virtual' | 'cpu' | 'other';

export interface VulkanDevice {
  name: string;
  apiVersion: string;
  driverName: string | null;
  type: VulkanDeviceType;
}

export interface VulkanSummary {
  instanceVersion: string | null;
  devices: VulkanDevice[];
}

const deviceTypes: Record<string, VulkanDeviceType> = {
  PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: 'discrete',
  PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: 'integrated',
  PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: 'virtual',
  PHYSICAL_DEVICE_TYPE_CPU: 'cpu',
};

/** The `Devices:` section of `vulkaninfo --summary`: GPUn: blocks of `key = value` lines. */
export function parseVulkanSummary(stdout: string): VulkanSummary | null {
  if (!stdout.includes('VULKANINFO')) return null;
  const instanceVersion = /^Vulkan Instance Version:\s*(\S+)/m.exec(stdout)?.[1] ?? null;
  const devicesAt = stdout.search(/^Devices:\s*$/m);
  const devices: VulkanDevice[] = [];
  if (devicesAt >= 0) {
    let current: Record<string, string> | null = null;
    const flush = () => {
      if (current?.['deviceName'] && current['apiVersion']) {
        devices.push({
          name: current['deviceName'],
          apiVersion: current['apiVersion'],
          driverName: current['driverName'] ?? null,
          type: deviceTypes[current['deviceType'] ?? ''] ?? 'other',
        });
      }
    };
    for (const line of stdout.slice(devicesAt).split('\n')) {
      if (/^GPU\d+:\s*$/.test(line.trim())) {
        flush();
        current = {};
        continue;
      }
      const kv = /^\s+(\w+)\s*=\s*(.*?)\s*$/.exec(line);
      if (kv && current) current[kv[1]!] = kv[2]!;
    }
    flush();
  }
  return { instanceVersion, devices };
}

/** "1.3.274" >= "1.3"? Compares dotted numbers part by part. */
export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const b = min.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The "Max open files" row of /proc/<pid>/limits: soft and hard ("unlimited" is Infinity). */
export function parseOpenFileLimit(text: string): { soft: number; hard: number } | null {
  const m = /^Max open files\s+(\S+)\s+(\S+)\s+files/m.exec(text);
  if (!m) return null;
  const num = (s: string) => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number.parseInt(s, 10));
  const soft = num(m[1]!);
  const hard = num(m[2]!);
  return Number.isNaN(soft) || Number.isNaN(hard) ? null : { soft, hard };
}
