// qm: qemu-server's CLI (src/PVE/CLI/qm.pm) over guests.json / agent.json.
import { cFixed } from '../cfmt.mjs';
import { allocateDisks } from '../guest-disks.mjs';
import { readAgents, runInGuest, startExec } from '../guest-agent.mjs';
import { perlJsonPretty } from '../perl-json.mjs';
import {
  freeGuestVolumes,
  parseSize,
  readGuests,
  readPlatform,
  requireGuest,
  writeGuests,
} from '../pve-state.mjs';
import { param, splitPropertyString, validatedOrExit } from '../pve-tool.mjs';
import { ShimExit, now, runShim } from '../shim-runtime.mjs';

const NOT_CONFIG = new Set([
  'vmid',
  'node',
  'skiplock',
  'digest',
  'start',
  'delete',
  'revert',
  'force',
  'archive',
  'pool',
  'storage',
  'unique',
  'live-restore',
  'import-working-storage',
  'background_delay',
]);

/** @param {Record<string, string | string[]>} params */
function configChanges(params) {
  /** @type {Record<string, string>} */
  const changes = {};
  for (const [k, v] of Object.entries(params))
    if (!NOT_CONFIG.has(k) && typeof v === 'string') changes[k] = v;
  return changes;
}

/** qemu-server PCI.pm: pcie=1 on a machine that is not q35 fails at start. */
function checkQ35(/** @type {Record<string, string>} */ config) {
  const machine = splitPropertyString(config['machine'] ?? '', 'type')['type'] ?? '';
  const q35 = /q35/.test(machine);
  for (let i = 0; i < 16; i++) {
    const hp = config[`hostpci${i}`];
    if (hp && splitPropertyString(hp, 'host')['pcie'] === '1' && !q35) {
      throw new ShimExit(
        255,
        'q35 machine model is not enabled at /usr/share/perl5/PVE/QemuServer/PCI.pm line 514.\n',
      );
    }
  }
}

/** Size of the boot disk in bytes, from its size= key. */
function bootDiskBytes(/** @type {Record<string, string>} */ config) {
  const key = ['scsi0', 'virtio0', 'sata0', 'ide0'].find(
    (k) => config[k] && !/media=cdrom/.test(String(config[k])),
  );
  const size = key ? splitPropertyString(String(config[key]), 'file')['size'] : undefined;
  return size ? (parseSize(size) ?? 0) : 0;
}

const memoryMiB = (/** @type {Record<string, string>} */ config) =>
  Number(splitPropertyString(config['memory'] ?? '512', 'current')['current'] ?? 512);

/** @param {import('../pve-state.mjs').Guest} g */
function assertAgent(g) {
  if (splitPropertyString(g.config['agent'] ?? '', 'enabled')['enabled'] !== '1') {
    throw new ShimExit(255, 'No QEMU guest agent configured\n');
  }
  if (g.status !== 'running') throw new ShimExit(255, `VM ${g.vmid} is not running\n`);
  if (!readAgents()[String(g.vmid)]?.running) throw new ShimExit(255, 'QEMU guest agent is not running\n');
}

runShim('qm', ({ argv, out }) => {
  const res = validatedOrExit('qm', argv);
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
      const config = configChanges(p);
      out(allocateDisks('qemu', vmid, config, guests));
      const guest = /** @type {import('../pve-state.mjs').Guest} */ ({
        vmid,
        kind: 'qemu',
        name: config['name'] ?? `VM ${vmid}`,
        status: 'stopped',
        node,
        config,
      });
      if (param(p, 'start') === '1') {
        checkQ35(config);
        guest.status = 'running';
      }
      writeGuests([...guests, guest]);
      return 0;
    }
    case 'set': {
      const g = requireGuest(guests, vmid, 'qemu');
      const shown = Object.keys(p)
        .filter((k) => k !== 'vmid' && k !== 'node')
        .sort()
        .map((k) => `-${k} ${k === 'cipassword' ? '<hidden>' : param(p, k)}`);
      out(`update VM ${vmid}: ${shown.join(' ')}\n`);
      const changes = configChanges(p);
      out(allocateDisks('qemu', vmid, changes, guests));
      Object.assign(g.config, changes);
      for (const key of param(p, 'delete')
        .split(/[,;\s]+/)
        .filter(Boolean))
        delete g.config[key];
      if (changes['name']) g.name = changes['name'];
      writeGuests(guests);
      return 0;
    }
    case 'start': {
      const g = requireGuest(guests, vmid, 'qemu');
      if (g.status === 'running') throw new ShimExit(255, `VM ${vmid} already running\n`);
      checkQ35(g.config);
      g.status = 'running';
      writeGuests(guests);
      return 0;
    }
    case 'stop': {
      const g = requireGuest(guests, vmid, 'qemu');
      g.status = 'stopped';
      writeGuests(guests);
      return 0;
    }
    case 'shutdown': {
      const g = requireGuest(guests, vmid, 'qemu');
      if (g.status !== 'running') throw new ShimExit(255, `VM ${vmid} not running\n`);
      g.status = 'stopped';
      writeGuests(guests);
      return 0;
    }
    case 'destroy': {
      const g = requireGuest(guests, vmid, 'qemu');
      if (g.status === 'running') throw new ShimExit(255, `VM ${vmid} is running - destroy failed\n`);
      freeGuestVolumes(g);
      writeGuests(guests.filter((x) => x !== g));
      return 0;
    }
    case 'snapshot': {
      const g = requireGuest(guests, vmid, 'qemu');
      const name = param(p, 'snapname');
      if ((g.snapshots ?? []).some((s) => s.name === name)) {
        throw new ShimExit(255, `snapshot name '${name}' already used\n`);
      }
      const snap = { name, snaptime: Math.floor(now().getTime() / 1000) };
      g.snapshots = [
        ...(g.snapshots ?? []),
        p['description'] ? { ...snap, description: param(p, 'description') } : snap,
      ];
      writeGuests(guests);
      return 0;
    }
    case 'rollback': {
      const g = requireGuest(guests, vmid, 'qemu');
      const name = param(p, 'snapname');
      if (!(g.snapshots ?? []).some((s) => s.name === name)) {
        throw new ShimExit(255, `snapshot '${name}' does not exist\n`);
      }
      if (param(p, 'start') === '1') g.status = 'running';
      writeGuests(guests);
      return 0;
    }
    case 'list': {
      const vms = guests.filter((g) => g.kind === 'qemu').sort((a, b) => a.vmid - b.vmid);
      if (vms.length === 0) return 0;
      const row = (/** @type {string[]} */ c) =>
        `${c[0]?.padStart(10)} ${c[1]?.padEnd(20)} ${c[2]?.padEnd(10)} ${c[3]?.padEnd(10)} ${c[4]?.padStart(12)} ${c[5]?.padEnd(10)}\n`;
      out(row(['VMID', 'NAME', 'STATUS', 'MEM(MB)', 'BOOTDISK(GB)', 'PID']));
      for (const g of vms) {
        const pid = g.status === 'running' ? (g.pid ?? 10000 + g.vmid) : 0;
        const disk = cFixed(bootDiskBytes(g.config) / 1024 ** 3, 2);
        out(row([String(g.vmid), g.name, g.status, String(memoryMiB(g.config)), disk, String(pid)]));
      }
      return 0;
    }
    case 'config': {
      const g = requireGuest(guests, vmid, 'qemu');
      for (const k of Object.keys(g.config).sort()) out(`${k}: ${g.config[k]}\n`);
      return 0;
    }
    case 'status': {
      const g = requireGuest(guests, vmid, 'qemu');
      out(`status: ${g.status}\n`);
      return 0;
    }
    case 'guest exec': {
      const g = requireGuest(guests, vmid, 'qemu');
      const sync = param(p, 'synchronous') !== '0';
      if (p['timeout'] !== undefined && !sync) {
        throw new ShimExit(
          255,
          `400 Parameter verification failed.\nsynchronous: needs to be set for 'timeout'\nqm guest exec <vmid> [<extra-args>] [OPTIONS]\n`,
        );
      }
      assertAgent(g);
      const args = /** @type {string[]} */ (Array.isArray(p['extra-args']) ? p['extra-args'] : []);
      const result = runInGuest(readAgents()[String(vmid)], args);
      out(perlJsonPretty(sync ? result : { pid: startExec(vmid, result) }));
      return 0;
    }
    case 'guest exec-status': {
      const g = requireGuest(guests, vmid, 'qemu');
      assertAgent(g);
      const result = readAgents()[String(vmid)]?.execs?.[param(p, 'pid')];
      if (!result) throw new ShimExit(255, "Agent error: Invalid parameter 'pid'\n");
      out(perlJsonPretty(result));
      return 0;
    }
    case 'guest cmd': {
      const g = requireGuest(guests, vmid, 'qemu');
      assertAgent(g);
      const result = readAgents()[String(vmid)]?.results?.[param(p, 'command')];
      if (result && typeof result === 'object' && Object.keys(result).length > 0) out(perlJsonPretty(result));
      else if (typeof result === 'string' && result.trim() !== '') out(`${result.replace(/\n$/, '')}\n`);
      return 0;
    }
    default:
      throw new ShimExit(70, `nix-mox shim: qm ${res.command} is validated but not simulated\n`);
  }
});
