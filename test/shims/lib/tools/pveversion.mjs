// pveversion (pve-manager bin/pveversion): "pve-manager/<version>/<hash> (running kernel: <kernel>)".
import { readPlatform } from '../pve-state.mjs';
import { ShimExit, readState, runShim } from '../shim-runtime.mjs';

runShim('pveversion', ({ argv, out }) => {
  const p = readPlatform();
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  const unknown = argv.find((a) => !['-v', '--verbose'].includes(a));
  if (unknown)
    throw new ShimExit(255, `Unknown option: ${unknown.replace(/^-+/, '')}\nUSAGE: pveversion [--verbose]\n`);
  if (!verbose) {
    out(`pve-manager/${p.pveversion}/${p.pveManagerHash} (running kernel: ${p.kernel})\n`);
    return 0;
  }
  const [major, minor] = p.pveversion.split('.');
  out(`proxmox-ve: ${major}.${minor}.0 (running kernel: ${p.kernel})\n`);
  out(`pve-manager: ${p.pveversion} (running version: ${p.pveversion}/${p.pveManagerHash})\n`);
  /** @type {Record<string, string>} */
  const packages =
    readState('platform', /** @type {{ packages?: Record<string, string> }} */ ({})).packages ?? {};
  for (const [name, version] of Object.entries(packages)) out(`${name}: ${version}\n`);
  return 0;
});
