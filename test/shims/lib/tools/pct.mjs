// pct: pve-container's CLI (src/PVE/CLI/pct.pm) over guests.json / templates.json / agent.json.
import { readAgents, runInGuest } from '../guest-agent.mjs';
import { allocateDisks } from '../guest-disks.mjs';
import {
  freeGuestVolumes,
  readGuests,
  readPlatform,
  requireGuest,
  requireStorage,
  writeGuests,
} from '../pve-state.mjs';
import { readTemplates } from '../templates.mjs';
import { param, validatedOrExit } from '../pve-tool.mjs';
import { ShimExit, now, runShim } from '../shim-runtime.mjs';
import { pctPush } from '../guest-files.mjs';

// Never stored: secrets (password, ssh-public-keys) and parameters that are not configuration.
const NOT_CONFIG = new Set([
  'vmid',
  'node',
  'ostemplate',
  'password',
  'ssh-public-keys',
  'storage',
  'force',
  'restore',
  'unique',
  'ignore-unpack-errors',
  'start',
  'pool',
  'bwlimit',
  'delete',
  'revert',
  'digest',
]);

/** @param {Record<string, string | string[]>} params */
function configChanges(params) {
  /** @type {Record<string, string>} */
  const changes = {};
  for (const [k, v] of Object.entries(params))
    if (!NOT_CONFIG.has(k) && typeof v === 'string') changes[k] = v;
  return changes;
}

/** The template's path on a directory storage, as `pct create` names it while extracting. */
function templatePath(/** @type {string} */ volid) {
  if (volid.startsWith('/')) return volid;
  const [sid, vol] = volid.split(':');
  const storage = requireStorage(/** @type {string} */ (sid));
  const name = (vol ?? '').replace(/^vztmpl\//, '');
  if (!readTemplates().stored.some((t) => t.storage === sid && t.template === name)) {
    return undefined;
  }
  return `${storage.path ?? `/mnt/pve/${sid}`}/template/cache/${name}`;
}

runShim('pct', ({ argv, out, err }) => {
  const res = validatedOrExit('pct', argv);
  const p = res.params;
  const node = readPlatform().node;
  const guests = readGuests();
  const vmid = Number(param(p, 'vmid'));

  switch (res.command) {
    case 'create': {
      const existing = guests.find((g) => g.vmid === vmid);
      if (existing) {
        throw new ShimExit(
          255,
          `${existing.kind === 'qemu' ? 'VM' : 'CT'} ${vmid} already exists on node '${node}'\n`,
        );
      }
      const volid = param(p, 'ostemplate');
      const path = templatePath(volid);
      if (!path) throw new ShimExit(255, `unable to create CT ${vmid} - volume '${volid}' does not exist\n`);
      const config = configChanges(p);
      config['rootfs'] ??= `${param(p, 'storage') || 'local'}:4`;
      allocateDisks('lxc', vmid, config, guests);
      config['arch'] ??= 'amd64';
      config['hostname'] ??= `CT${vmid}`;
      config['memory'] ??= '512';
      config['swap'] ??= '512';
      out(`extracting archive '${path}'\n`);
      out('Total bytes read: 536870912 (512MiB, 256MiB/s)\n');
      out(`Detected container architecture: ${config['arch']}\n`);
      writeGuests([
        ...guests,
        {
          vmid,
          kind: 'lxc',
          name: config['hostname'],
          status: param(p, 'start') === '1' ? 'running' : 'stopped',
          node,
          config,
        },
      ]);
      return 0;
    }
    case 'set': {
      const g = requireGuest(guests, vmid, 'lxc');
      const changes = configChanges(p);
      allocateDisks('lxc', vmid, changes, guests);
      Object.assign(g.config, changes);
      for (const key of param(p, 'delete')
        .split(/[,;\s]+/)
        .filter(Boolean))
        delete g.config[key];
      if (changes['hostname']) g.name = changes['hostname'];
      writeGuests(guests);
      return 0;
    }
    case 'start': {
      const g = requireGuest(guests, vmid, 'lxc');
      if (g.status === 'running') throw new ShimExit(255, `CT ${vmid} already running\n`);
      g.status = 'running';
      writeGuests(guests);
      return 0;
    }
    case 'stop':
    case 'shutdown': {
      const g = requireGuest(guests, vmid, 'lxc');
      if (g.status !== 'running') throw new ShimExit(255, `CT ${vmid} not running\n`);
      g.status = 'stopped';
      writeGuests(guests);
      return 0;
    }
    case 'destroy': {
      const g = requireGuest(guests, vmid, 'lxc');
      if (g.status === 'running') throw new ShimExit(255, `CT ${vmid} is running - destroy failed\n`);
      freeGuestVolumes(g);
      writeGuests(guests.filter((x) => x !== g));
      return 0;
    }
    case 'snapshot': {
      const g = requireGuest(guests, vmid, 'lxc');
      const name = param(p, 'snapname');
      if ((g.snapshots ?? []).some((s) => s.name === name)) {
        throw new ShimExit(255, `snapshot name '${name}' already used\n`);
      }
      g.snapshots = [...(g.snapshots ?? []), { name, snaptime: Math.floor(now().getTime() / 1000) }];
      writeGuests(guests);
      return 0;
    }
    case 'rollback': {
      const g = requireGuest(guests, vmid, 'lxc');
      const name = param(p, 'snapname');
      if (!(g.snapshots ?? []).some((s) => s.name === name)) {
        throw new ShimExit(255, `snapshot '${name}' does not exist\n`);
      }
      if (param(p, 'start') === '1') g.status = 'running';
      writeGuests(guests);
      return 0;
    }
    case 'list': {
      const cts = guests.filter((g) => g.kind === 'lxc').sort((a, b) => a.vmid - b.vmid);
      if (cts.length === 0) return 0;
      const row = (/** @type {string[]} */ c) =>
        `${c[0]?.padEnd(10)} ${c[1]?.padEnd(10)} ${c[2]?.padEnd(12)} ${c[3]?.padEnd(20)}\n`;
      out(row(['VMID', 'Status', 'Lock', 'Name']));
      for (const g of cts) out(row([String(g.vmid), g.status, String(g.config['lock'] ?? ''), g.name]));
      return 0;
    }
    case 'config': {
      const g = requireGuest(guests, vmid, 'lxc');
      for (const k of Object.keys(g.config).sort()) if (k !== 'digest') out(`${k}: ${g.config[k]}\n`);
      return 0;
    }
    case 'status': {
      const g = requireGuest(guests, vmid, 'lxc');
      out(`status: ${g.status}\n`);
      return 0;
    }
    case 'exec': {
      const g = requireGuest(guests, vmid, 'lxc');
      const args = /** @type {string[]} */ (Array.isArray(p['extra-args']) ? p['extra-args'] : []);
      if (args.length === 0)
        throw new ShimExit(255, 'missing command at /usr/share/perl5/PVE/CLI/pct.pm line 241.\n');
      if (g.status !== 'running') throw new ShimExit(255, `Error: container '${vmid}' not running!\n`);
      const result = runInGuest(readAgents()[String(vmid)], args);
      if (result['out-data']) out(String(result['out-data']));
      if (result['err-data']) err(String(result['err-data']));
      return Number(result['exitcode'] ?? 0);
    }
    case 'push':
      return pctPush(requireGuest(guests, vmid, 'lxc'), param(p, 'file'), param(p, 'destination'));
    default:
      throw new ShimExit(70, `nix-mox shim: pct ${res.command} is validated but not simulated\n`);
  }
});
