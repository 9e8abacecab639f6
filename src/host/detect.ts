// Detection: every probe at once, then one HostReport (the `detect --json` v1 contract). Never throws.
import { bootPoolFrom, parseZpoolList, parseZpoolStatus, ZPOOL_LIST_ARGS, ZPOOL_STATUS_ARGS } from './zfs';
import { kernelNameOf } from './by-id';
import { cpuinfoHasFlags, parseCpuinfo, unknownCpu } from './cpu';
import { buildDisks } from './disks';
import { emptyReport } from './empty-report';
import { exists } from './files';
import { parsePctList, parseQmList } from './guests';
import { grubCmdline, iommuKernelArgs } from './iommu';
import { parseMeminfo } from './memory';
import { IP_LINK_ARGS, parseIpBridges } from './network';
import { findGpus, findUsbControllers } from './passthrough';
import {
  decideBootloader,
  decidePlatform,
  parseBootToolStatus,
  parseOsRelease,
  parsePveversion,
} from './platform';
import {
  commandWarning,
  probeBlockDevices,
  probeBootVga,
  probeById,
  probeDir,
  probeFile,
  probeHostname,
  probeIommu,
  probePci,
  readOptional,
} from './probes';
import type { CommandResult, GuestReport, Host, HostReport, Warning } from './types';
import { machineWarnings } from './warnings';
import { warning } from './warning';

export { emptyReport };

const PVE_INSTALL =
  'This is a Proxmox VE host (/etc/pve exists) but its tools are missing: reinstall pve-manager.';

async function proxmoxTools(host: Host) {
  const [pveversion, bootTool, qm, pct] = await Promise.all([
    host.run('pveversion', []),
    host.run('proxmox-boot-tool', ['status']),
    host.run('qm', ['list']),
    host.run('pct', ['list']),
  ]);
  return { pveversion, bootTool, qm, pct };
}

function guestsFrom(
  tools: { qm: CommandResult; pct: CommandResult } | null,
  warnings: Warning[],
): GuestReport[] {
  if (!tools) return [];
  const guests: GuestReport[] = [];
  if (tools.qm.code === 0) guests.push(...parseQmList(tools.qm.stdout));
  else warnings.push(commandWarning('qm', ['list'], tools.qm, 'virtual machines are', PVE_INSTALL));
  if (tools.pct.code === 0) guests.push(...parsePctList(tools.pct.stdout));
  else warnings.push(commandWarning('pct', ['list'], tools.pct, 'containers are', PVE_INSTALL));
  return guests.sort((a, b) => a.vmid - b.vmid);
}

async function detectAll(host: Host): Promise<HostReport> {
  // Commands first: each starts its process at once, and the file probes run while they work.
  const pciP = probePci(host);
  const blocksP = probeBlockDevices(host);
  const ipP = host.run('ip', IP_LINK_ARGS);
  const zpoolListP = host.run('zpool', ZPOOL_LIST_ARGS);
  const zpoolStatusP = host.run('zpool', ZPOOL_STATUS_ARGS);
  const pveDirP = probeDir(host, '/etc/pve');
  const pveToolsP = pveDirP.then((isPve) => (isPve ? proxmoxTools(host) : null));
  const [
    iommu,
    bootVga,
    byId,
    hostname,
    cpuinfo,
    meminfo,
    cmdline,
    osRelease,
    mounts,
    kernelCmdline,
    grubDefaults,
    nixos,
    loaderConf,
  ] = await Promise.all([
    probeIommu(host),
    probeBootVga(host),
    probeById(host),
    probeHostname(host),
    probeFile(
      host,
      '/proc/cpuinfo',
      'cpuinfo-unreadable',
      'the CPU model, threads and virtualization support are',
    ),
    probeFile(host, '/proc/meminfo', 'meminfo-unreadable', 'the installed memory is'),
    probeFile(host, '/proc/cmdline', 'cmdline-unreadable', 'the running kernel arguments are'),
    readOptional(host, '/etc/os-release'),
    readOptional(host, '/proc/mounts'),
    readOptional(host, '/etc/kernel/cmdline'),
    readOptional(host, '/etc/default/grub'),
    exists(host.root, '/etc/NIXOS'),
    exists(host.root, '/boot/loader/loader.conf'),
  ]);
  const [pci, blocks, ip, zpoolList, zpoolStatus, pveDir, pveTools] = await Promise.all([
    pciP,
    blocksP,
    ipP,
    zpoolListP,
    zpoolStatusP,
    pveDirP,
    pveToolsP,
  ]);

  const warnings: Warning[] = [
    ...pci.warnings,
    ...iommu.warnings,
    ...blocks.warnings,
    ...cpuinfo.warnings,
    ...meminfo.warnings,
    ...cmdline.warnings,
  ];

  const pveVersion =
    pveTools && pveTools.pveversion.code === 0 ? parsePveversion(pveTools.pveversion.stdout) : null;
  if (pveTools && pveVersion === null) {
    warnings.push(
      pveTools.pveversion.code === 0
        ? warning(
            'pveversion-unparsed',
            'pveversion printed no pve-manager version, so the Proxmox VE version is unknown.',
            'Run pveversion yourself; reinstall pve-manager if it prints nothing useful.',
          )
        : commandWarning('pveversion', [], pveTools.pveversion, 'the Proxmox VE version is', PVE_INSTALL),
    );
  }
  const platformKind = decidePlatform({
    pveDir,
    nixos,
    osRelease: osRelease === null ? null : parseOsRelease(osRelease),
    pveVersion,
  });
  const bootloader = decideBootloader({
    kind: platformKind.kind,
    bootTool: pveTools ? parseBootToolStatus(pveTools.bootTool.stdout, pveTools.bootTool.code) : null,
    kernelCmdlineFile: kernelCmdline !== null,
    grubDefaults: grubDefaults !== null,
    nixosSystemdBoot: loaderConf,
  });
  const platform = { ...platformKind, bootloader };

  const pciDevices = (pci.value?.devices ?? []).map((d) => ({
    ...d,
    iommuGroup: iommu.value.groups?.groupOf.get(d.address) ?? null,
  }));
  const groups = iommu.value.groups;
  const enabled = iommu.value.state === 'on' ? true : iommu.value.state === 'unreadable' ? null : false;
  const kernelArgs = iommuKernelArgs(cmdline.value ?? '');

  let zfs: HostReport['zfs'] = null;
  const zfsMembers = new Map<string, string>();
  const zfsSeen = (blocks.value ?? []).some(function hasZfs(n): boolean {
    return n.fstype === 'zfs_member' || n.children.some(hasZfs);
  });
  if (zpoolList.code === 0) {
    zfs = { pools: parseZpoolList(zpoolList.stdout) };
    if (zpoolStatus.code === 0) {
      for (const [path, pool] of parseZpoolStatus(zpoolStatus.stdout)) {
        const name = kernelNameOf(path, byId);
        if (name) zfsMembers.set(name, pool);
      }
    }
  } else if (zpoolList.code !== 127 || pveDir || zfsSeen) {
    const install = 'Install the ZFS tools (apt-get install zfsutils-linux), then run nix-mox detect again.';
    warnings.push(commandWarning('zpool', ZPOOL_LIST_ARGS, zpoolList, 'ZFS pools are', install));
  }

  const disks = buildDisks(blocks.value ?? [], {
    byId,
    zfsMembers,
    bootPool: bootPoolFrom(mounts, cmdline.value),
  });

  let bridges: string[] = [];
  const parsedBridges = ip.code === 0 ? parseIpBridges(ip.stdout) : null;
  if (parsedBridges) bridges = parsedBridges;
  else if (ip.code === 0) {
    warnings.push(
      warning(
        'ip-unparsed',
        'ip -j -d link show did not print JSON, so the network bridges are unknown.',
        'Update iproute2 (ip -j needs iproute2 4.14 or later).',
      ),
    );
  } else {
    const install = 'Install iproute2 (it provides ip), then run nix-mox detect again.';
    warnings.push(commandWarning('ip', IP_LINK_ARGS, ip, 'network bridges are', install));
  }

  const guests = guestsFrom(pveTools, warnings);
  const cpu = cpuinfo.value === null ? unknownCpu() : parseCpuinfo(cpuinfo.value);
  const configured =
    bootloader === 'systemd-boot' && kernelCmdline !== null
      ? iommuKernelArgs(kernelCmdline)
      : bootloader === 'grub' && grubDefaults !== null
        ? iommuKernelArgs(grubCmdline(grubDefaults) ?? '')
        : null;

  const report: Omit<HostReport, 'warnings'> = {
    schemaVersion: 1,
    hostname,
    platform,
    cpu,
    memoryBytes: meminfo.value === null ? null : parseMeminfo(meminfo.value),
    iommu: { enabled, groupCount: groups?.count ?? 0, kernelArgs },
    pci: pciDevices,
    gpus: findGpus(pciDevices, groups, bootVga),
    usbControllers: findUsbControllers(pciDevices, groups),
    disks,
    zfs,
    bridges,
    guests,
  };
  const machine = machineWarnings({
    report,
    iommuState: iommu.value.state,
    cpuFlagsKnown: cpuinfo.value !== null && cpuinfoHasFlags(cpuinfo.value),
    configuredArgs: cmdline.value === null ? null : configured,
  });
  return { ...report, warnings: [...warnings, ...machine] };
}

/** A Host whose run cannot reject: a broken runner costs one probe, never the others. */
function guarded(host: Host): Host {
  const failed = (cmd: string, err: unknown) => ({
    stdout: '',
    stderr: `${cmd}: ${err instanceof Error ? err.message : String(err)}\n`,
    code: 1,
  });
  return {
    root: host.root,
    run(cmd, args, opts) {
      try {
        return host.run(cmd, args, opts).catch((err: unknown) => failed(cmd, err));
      } catch (err) {
        return Promise.resolve(failed(cmd, err));
      }
    },
  };
}

export async function detect(host: Host): Promise<HostReport> {
  try {
    return await detectAll(guarded(host));
  } catch (err) {
    const report = emptyReport();
    report.warnings.push(
      warning(
        'detect-failed',
        `Detection stopped on an unexpected error (${err instanceof Error ? err.message : String(err)}); everything is unknown.`,
        'Run nix-mox detect --json and report the output together with this message.',
      ),
    );
    return report;
  }
}
