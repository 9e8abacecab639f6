// What proxmox-boot-tool, update-initramfs and update-grub print, from platform.json's boot facts
// (real runs quoted in test/shims/README.md), and boot.json where they record what they did.
import { readPlatform } from './pve-state.mjs';
import { now, readState, writeState } from './shim-runtime.mjs';

/** Kernel versions, newest first (version-aware). */
export function kernelsNewestFirst() {
  return [...readPlatform().kernels].sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
}

export const REEXEC_HOOK =
  "Running hook script 'zz-proxmox-boot'..\nRe-executing '/etc/kernel/postinst.d/zz-proxmox-boot' in new private mount namespace..\n";

/** grub-mkconfig's report (stderr) for the installed kernels. */
export function grubConfigLines() {
  const p = readPlatform();
  const found = kernelsNewestFirst()
    .map((k) => `Found linux image: /boot/vmlinuz-${k}\nFound initrd image: /boot/initrd.img-${k}\n`)
    .join('');
  return `Generating grub configuration file ...\n${found}${p.bootMode === 'uefi' ? 'Adding boot menu entry for UEFI Firmware Settings ...\n' : ''}done\n`;
}

/** The ESP sync the zz-proxmox-boot hook does (or its skip line when no ESP is configured). */
export function espSyncLines() {
  const p = readPlatform();
  if (!p.proxmoxBootTool) return 'No /etc/kernel/proxmox-boot-uuids found, skipping ESP sync.\n';
  const kernels = [...p.kernels].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return p.espUuids
    .map((uuid) => {
      const head = `Copying and configuring kernels on /dev/disk/by-uuid/${uuid}\n`;
      if (p.bootTool === 'systemd-boot') {
        return head + kernels.map((k) => `\tCopying kernel and creating boot-entry for ${k}\n`).join('');
      }
      return head + kernels.map((k) => `\tCopying kernel ${k}\n`).join('') + grubConfigLines();
    })
    .join('');
}

/** Appends to boot.json { "events": [{ "tool", "action", "kernels"?, "time" }] }. */
export function recordBootEvent(
  /** @type {string} */ tool,
  /** @type {string} */ action,
  /** @type {string[]} */ kernels = [],
) {
  /** @type {{ events: Record<string, unknown>[] }} */
  const state = readState('boot', { events: [] });
  state.events.push({ tool, action, ...(kernels.length ? { kernels } : {}), time: now().toISOString() });
  writeState('boot', state);
}
