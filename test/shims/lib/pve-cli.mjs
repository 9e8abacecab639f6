// How each Proxmox CLI command maps to an API method, copied from the tools' $cmddef tables:
// qemu-server src/PVE/CLI/qm.pm, pve-container src/PVE/CLI/pct.pm, pve-manager PVE/CLI/vzdump.pm,
// PVE/CLI/pvesh.pm, PVE/CLI/pveam.pm, pve-storage src/PVE/CLI/pvesm.pm. Methods that exist only in
// the CLI module (qm status, qm guest exec, pct exec, pveam update...) carry their schema here.

/** @typedef {Record<string, any>} PropSchema */
/**
 * @typedef {object} CliCommand
 * @property {string} method HTTP method of the API call (or of the nearest API equivalent)
 * @property {string} path API path template
 * @property {string[] | string} args positional parameters, or the name of a list parameter
 * @property {boolean} [fixedNode] the CLI fills in `node` with the local node name
 * @property {Record<string, PropSchema>} [schema] the CLI-only method's parameters
 */

const vmid = { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999999999 };
const node = { type: 'string', format: 'pve-node' };
const extraArgs = { type: 'array', items: { type: 'string' }, optional: 1 };

/** @type {Record<string, Record<string, CliCommand>>} */
export const CLI_COMMANDS = {
  qm: {
    create: { method: 'POST', path: '/nodes/{node}/qemu', args: ['vmid'], fixedNode: true },
    set: { method: 'PUT', path: '/nodes/{node}/qemu/{vmid}/config', args: ['vmid'], fixedNode: true },
    start: {
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/status/start',
      args: ['vmid'],
      fixedNode: true,
    },
    stop: { method: 'POST', path: '/nodes/{node}/qemu/{vmid}/status/stop', args: ['vmid'], fixedNode: true },
    shutdown: {
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/status/shutdown',
      args: ['vmid'],
      fixedNode: true,
    },
    destroy: { method: 'DELETE', path: '/nodes/{node}/qemu/{vmid}', args: ['vmid'], fixedNode: true },
    snapshot: {
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/snapshot',
      args: ['vmid', 'snapname'],
      fixedNode: true,
    },
    rollback: {
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/snapshot/{snapname}/rollback',
      args: ['vmid', 'snapname'],
      fixedNode: true,
    },
    list: { method: 'GET', path: '/nodes/{node}/qemu', args: [], fixedNode: true },
    config: { method: 'GET', path: '/nodes/{node}/qemu/{vmid}/config', args: ['vmid'], fixedNode: true },
    status: {
      method: 'GET',
      path: '/nodes/{node}/qemu/{vmid}/status/current',
      args: ['vmid'],
      schema: { vmid, verbose: { type: 'boolean', optional: 1 } },
    },
    'guest exec': {
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/agent/exec',
      args: ['vmid', 'extra-args'],
      fixedNode: true,
      schema: {
        node,
        vmid,
        synchronous: { type: 'boolean', optional: 1, default: 1 },
        timeout: { type: 'integer', minimum: 0, optional: 1, default: 30 },
        'pass-stdin': { type: 'boolean', optional: 1, default: 0 },
        'extra-args': extraArgs,
      },
    },
    'guest exec-status': {
      method: 'GET',
      path: '/nodes/{node}/qemu/{vmid}/agent/exec-status',
      args: ['vmid', 'pid'],
      fixedNode: true,
    },
    'guest cmd': {
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/agent',
      args: ['vmid', 'command'],
      fixedNode: true,
    },
  },
  pct: {
    create: { method: 'POST', path: '/nodes/{node}/lxc', args: ['vmid', 'ostemplate'], fixedNode: true },
    set: { method: 'PUT', path: '/nodes/{node}/lxc/{vmid}/config', args: ['vmid'], fixedNode: true },
    start: { method: 'POST', path: '/nodes/{node}/lxc/{vmid}/status/start', args: ['vmid'], fixedNode: true },
    stop: { method: 'POST', path: '/nodes/{node}/lxc/{vmid}/status/stop', args: ['vmid'], fixedNode: true },
    shutdown: {
      method: 'POST',
      path: '/nodes/{node}/lxc/{vmid}/status/shutdown',
      args: ['vmid'],
      fixedNode: true,
    },
    destroy: { method: 'DELETE', path: '/nodes/{node}/lxc/{vmid}', args: ['vmid'], fixedNode: true },
    snapshot: {
      method: 'POST',
      path: '/nodes/{node}/lxc/{vmid}/snapshot',
      args: ['vmid', 'snapname'],
      fixedNode: true,
    },
    rollback: {
      method: 'POST',
      path: '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback',
      args: ['vmid', 'snapname'],
      fixedNode: true,
    },
    list: { method: 'GET', path: '/nodes/{node}/lxc', args: [], fixedNode: true },
    config: { method: 'GET', path: '/nodes/{node}/lxc/{vmid}/config', args: ['vmid'], fixedNode: true },
    status: {
      method: 'GET',
      path: '/nodes/{node}/lxc/{vmid}/status/current',
      args: ['vmid'],
      schema: { vmid, verbose: { type: 'boolean', optional: 1 } },
    },
    exec: {
      method: 'GET',
      path: '/nodes/{node}/lxc/{vmid}/exec',
      args: ['vmid', 'extra-args'],
      schema: { vmid, 'extra-args': extraArgs },
    },
    // pct.pm: push <vmid> <file> <destination> [--group] [--perms] [--user] (runs locally, no API path).
    push: {
      method: 'POST',
      path: '/nodes/{node}/lxc/{vmid}/push',
      args: ['vmid', 'file', 'destination'],
      schema: {
        vmid,
        file: { type: 'string' },
        destination: { type: 'string' },
        user: { type: 'string', optional: 1 },
        group: { type: 'string', optional: 1 },
        perms: { type: 'string', optional: 1 },
      },
    },
  },
  vzdump: {
    '': { method: 'POST', path: '/nodes/{node}/vzdump', args: 'vmid' },
  },
  pvesm: {
    add: { method: 'POST', path: '/storage', args: ['type', 'storage'] },
    set: { method: 'PUT', path: '/storage/{storage}', args: ['storage'] },
    remove: { method: 'DELETE', path: '/storage/{storage}', args: ['storage'] },
    status: { method: 'GET', path: '/nodes/{node}/storage', args: [], fixedNode: true },
  },
  pveam: {
    update: { method: 'PUT', path: '/nodes/{node}/aplinfo', args: [], schema: {} },
    available: {
      method: 'GET',
      path: '/nodes/{node}/aplinfo',
      args: [],
      schema: { section: { type: 'string', enum: ['system', 'mail', 'turnkeylinux'], optional: 1 } },
    },
    download: {
      method: 'POST',
      path: '/nodes/{node}/aplinfo',
      args: ['storage', 'template'],
      fixedNode: true,
    },
    list: {
      method: 'GET',
      path: '/nodes/{node}/storage/{storage}/content',
      args: ['storage'],
      fixedNode: true,
      schema: { node, storage: { type: 'string', format: 'pve-storage-id' } },
    },
  },
};

// Every command the real tools know, so that a real but unmodelled command is told apart from
// a typo (which the real tool answers with "unknown command").
/** @type {Record<string, string[]>} */
export const REAL_COMMANDS = {
  qm: (
    'list create destroy clone migrate remote-migrate set config pending showcmd status snapshot delsnapshot ' +
    'listsnapshot rollback template start stop reset shutdown reboot suspend resume sendkey vncproxy wait unlock ' +
    'importdisk move-disk move_disk rescan resize unlink disk monitor agent guest mtunnel nbdstop terminal ' +
    'importovf cleanup cloudinit import help'
  ).split(' '),
  'qm guest': ['cmd', 'passwd', 'exec', 'exec-status'],
  pct: (
    'list config pending set resize create restore start suspend resume shutdown stop reboot clone migrate ' +
    'move_volume move-volume remote-migrate status console enter unlock exec fsck mount unmount push pull df ' +
    'rescan destroy snapshot delsnapshot listsnapshot rollback template cpusets fstrim help'
  ).split(' '),
  pvesm: (
    'add set remove status list alloc free scan nfsscan cifsscan glusterfsscan iscsiscan lvmscan lvmthinscan ' +
    'zfsscan path extractconfig export import apiinfo prune-backups help'
  ).split(' '),
  pveam: 'update download available list remove help'.split(' '),
  pvesh: 'usage get ls set create delete help'.split(' '),
};

// pve-common PVE/RESTHandler.pm $standard_output_options, added to pvesh's get/set/create/delete.
/** @type {Record<string, PropSchema>} */
export const STANDARD_OUTPUT_OPTIONS = {
  'output-format': {
    type: 'string',
    enum: ['text', 'json', 'json-pretty', 'yaml'],
    optional: 1,
    default: 'text',
  },
  noheader: { type: 'boolean', optional: 1 },
  noborder: { type: 'boolean', optional: 1 },
  quiet: { type: 'boolean', optional: 1 },
  'human-readable': { type: 'boolean', optional: 1 },
};

export const PVESH_METHODS = /** @type {Record<string, string>} */ ({
  create: 'POST',
  set: 'PUT',
  get: 'GET',
  delete: 'DELETE',
});
