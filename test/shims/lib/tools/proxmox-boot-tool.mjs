// proxmox-boot-tool (proxmox-kernel-helper): status, refresh, kernel list.
import { espSyncLines, recordBootEvent } from '../boot.mjs';
import { readPlatform } from '../pve-state.mjs';
import { ShimExit, runShim } from '../shim-runtime.mjs';

const REEXEC = "Re-executing '/usr/sbin/proxmox-boot-tool' in new private mount namespace..\n";

runShim('proxmox-boot-tool', ({ argv, out, err }) => {
  const p = readPlatform();
  const [sub, ...rest] = argv;
  if (sub === 'status') {
    out(REEXEC);
    if (!p.proxmoxBootTool) {
      err('E: /etc/kernel/proxmox-boot-uuids does not exist.\n');
      return 2;
    }
    const quiet = rest.includes('--quiet');
    if (quiet) return 0;
    out(`System currently booted with ${p.bootMode}\n`);
    const versions = [...p.kernels]
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .join(', ');
    const mode = p.bootTool === 'systemd-boot' ? 'uefi' : 'grub';
    for (const uuid of p.espUuids) out(`${uuid} is configured with: ${mode} (versions: ${versions})\n`);
    return 0;
  }
  if (sub === 'refresh') {
    out(REEXEC);
    out("Running hook script 'proxmox-auto-removal'..\nRunning hook script 'zz-proxmox-boot'..\n");
    out(espSyncLines());
    recordBootEvent('proxmox-boot-tool', 'refresh', p.kernels);
    return 0;
  }
  if (sub === 'kernel' && rest[0] === 'list') {
    out(REEXEC);
    out(`Manually selected kernels:\nNone.\n\nAutomatically selected kernels:\n${p.kernels.join('\n')}\n`);
    return 0;
  }
  throw new ShimExit(
    70,
    `nix-mox shim: 'proxmox-boot-tool ${argv.join(' ')}' is not simulated (status, refresh, kernel list)\n`,
  );
});
