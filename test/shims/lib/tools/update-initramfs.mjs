// update-initramfs (initramfs-tools) -u|-c|-d [-k all|VERSION], with the zz-proxmox-boot hook.
import { REEXEC_HOOK, espSyncLines, kernelsNewestFirst, recordBootEvent } from '../boot.mjs';
import { GetoptError, getopt } from '../posix-getopt.mjs';
import { ShimExit, runShim } from '../shim-runtime.mjs';

const USAGE = 'Usage: update-initramfs {-c|-d|-u} [-k version] [-v] [-b directory]\n';

runShim('update-initramfs', ({ argv, out }) => {
  /** @type {[string, string][]} */
  let opts;
  try {
    opts = getopt(argv, 'k:cdub:tvh').opts;
  } catch (error) {
    if (error instanceof GetoptError) throw new ShimExit(1, USAGE);
    throw error;
  }
  const mode = opts.find(([o]) => o === 'c' || o === 'd' || o === 'u')?.[0];
  if (!mode) throw new ShimExit(1, USAGE);
  const all = kernelsNewestFirst();
  const wanted = opts.find(([o]) => o === 'k')?.[1] ?? (mode === 'u' ? all[0] : undefined);
  if (!wanted) throw new ShimExit(1, USAGE);
  const kernels = wanted === 'all' ? all : [wanted];
  const unknown = kernels.find((k) => !all.includes(k));
  if (unknown) throw new ShimExit(1, `nix-mox shim: kernel ${unknown} is not among platform.json kernels\n`);
  if (mode === 'd') {
    for (const k of kernels) out(`update-initramfs: Deleting /boot/initrd.img-${k}\n`);
    return 0;
  }
  for (const k of kernels) {
    out(`update-initramfs: Generating /boot/initrd.img-${k}\n`);
    out(REEXEC_HOOK);
    out(espSyncLines());
  }
  recordBootEvent('update-initramfs', mode === 'c' ? 'create' : 'update', kernels);
  return 0;
});
