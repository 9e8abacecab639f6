// update-grub (grub2 / Proxmox's wrapper): grub-mkconfig's report on stderr, or the redirect to
// proxmox-boot-tool refresh on systems it manages.
import { espSyncLines, grubConfigLines, recordBootEvent } from '../boot.mjs';
import { readPlatform } from '../pve-state.mjs';
import { runShim } from '../shim-runtime.mjs';

runShim('update-grub', ({ err }) => {
  const p = readPlatform();
  if (p.proxmoxBootTool) {
    err(
      "Generating grub configuration file ...\nW: This system is booted via proxmox-boot-tool:\nW: Executing 'update-grub' directly does not update the correct configs!\nW: Running: 'proxmox-boot-tool refresh'\n\n",
    );
    err(espSyncLines());
    err(grubConfigLines().replace(/^Generating grub configuration file \.\.\.\n/, ''));
    recordBootEvent('update-grub', 'proxmox-boot-tool refresh', p.kernels);
    return 0;
  }
  err(grubConfigLines());
  recordBootEvent('update-grub', 'grub-mkconfig', p.kernels);
  return 0;
});
