// pvesh (pve-manager PVE/CLI/pvesh.pm): the API paths nix-mox reads or writes, over the state files.
// Output formats are CLIFormatter's json / json-pretty; text tables are not reproduced.
import { splitList } from '../pve-check.mjs';
import { perlJsonCompact, perlJsonPretty } from '../perl-json.mjs';
import { findHandler } from '../pve-schema.mjs';
import { parseSize, readGuests, readPlatform, readStorage } from '../pve-state.mjs';
import { param, validatedOrExit } from '../pve-tool.mjs';
import { ShimExit, readState, runShim, writeState } from '../shim-runtime.mjs';
import { storageUsage } from '../storage-status.mjs';
import { agentFileWrite } from '../guest-files.mjs';
import { readAgents } from '../guest-agent.mjs';

/** @typedef {Record<string, unknown>} Obj */

const usage = (/** @type {string} */ sub) => `pvesh ${sub} <api_path> [OPTIONS]\n`;

/** maxmem/maxdisk of a guest from its config, in bytes. */
function guestSizes(/** @type {import('../pve-state.mjs').Guest} */ g) {
  const mem =
    Number(
      String(g.config['memory'] ?? 512)
        .split(',')[0]
        ?.replace(/^current=/, '') ?? 512,
    ) *
    1024 ** 2;
  const diskKey =
    g.kind === 'lxc' ? 'rootfs' : ['scsi0', 'virtio0', 'sata0', 'ide0'].find((k) => g.config[k]);
  const size = diskKey ? /(?:^|,)size=([^,]+)/.exec(String(g.config[diskKey] ?? ''))?.[1] : undefined;
  return { maxmem: mem, maxdisk: size ? (parseSize(size) ?? 0) : 0, maxcpu: Number(g.config['cores'] ?? 1) };
}

/** GET /cluster/resources */
function resources(/** @type {string} */ type) {
  const node = readPlatform().node;
  /** @type {Obj[]} */
  const res = [];
  if (!type || type === 'vm') {
    for (const g of readGuests()) {
      res.push({
        id: `${g.kind}/${g.vmid}`,
        type: g.kind,
        vmid: g.vmid,
        name: g.name,
        node: g.node ?? node,
        status: g.status,
        template: 0,
        cpu: 0,
        mem: 0,
        disk: 0,
        uptime: 0,
        netin: 0,
        netout: 0,
        diskread: 0,
        diskwrite: 0,
        ...guestSizes(g),
      });
    }
  }
  if (!type || type === 'node') {
    res.push({
      id: `node/${node}`,
      type: 'node',
      node,
      status: 'online',
      level: '',
      cpu: 0,
      maxcpu: 1,
      mem: 0,
      maxmem: 0,
      disk: 0,
      maxdisk: 0,
      uptime: 0,
    });
  }
  if (!type || type === 'storage') {
    for (const s of readStorage()) {
      const u = storageUsage(s);
      res.push({
        id: `storage/${node}/${s.id}`,
        type: 'storage',
        storage: s.id,
        node,
        status: 'available',
        plugintype: s.type,
        content: s.content ?? '',
        shared: 0,
        disk: u.used,
        maxdisk: u.total,
      });
    }
  }
  return res;
}

/** @typedef {Record<string, string | number>} Job */
/** @returns {Job[]} */
const readJobs = () => readState('backup-jobs', []);

/** PVE::VZDump::verify_vzdump_parameters with $check_missing, as /cluster/backup create runs it. */
function verifyJob(/** @type {Job} */ job, /** @type {string} */ sub, /** @type {boolean} */ checkMissing) {
  const exc = (/** @type {string} */ k, /** @type {string} */ m) =>
    new ShimExit(255, `400 Parameter verification failed.\n${k}: ${m}\n${usage(sub)}`);
  if (String(job['all']) === '1' && job['vmid']) throw exc('all', "option conflicts with option 'vmid'");
  if (job['exclude'] && job['vmid']) throw exc('exclude', "option conflicts with option 'vmid'");
  if (job['pool'] && job['vmid']) throw exc('pool', "option conflicts with option 'vmid'");
  if (checkMissing && !(String(job['all']) === '1' || job['exclude'] || job['pool'] || job['vmid'])) {
    throw exc('vmid', 'property is missing');
  }
}

/**
 * @param {string} sub @param {string} template @param {Record<string, string | string[]>} params
 * @returns {unknown} the API result (undefined for null)
 */
function call(sub, template, params) {
  const local = readPlatform().node;
  const node = typeof params['node'] === 'string' ? params['node'] : undefined;
  if (node && node !== local && node !== 'localhost') {
    throw new ShimExit(
      255,
      `hostname lookup '${node}' failed - failed to get address info for: ${node}: Name or service not known\n`,
    );
  }
  // The API returns booleans and integers as numbers, so stored jobs keep them as numbers.
  const props =
    findHandler(
      sub === 'get' ? 'GET' : sub === 'set' ? 'PUT' : sub === 'create' ? 'POST' : 'DELETE',
      template,
    )?.info.parameters?.properties ?? {};
  /** @type {Job} */
  const body = {};
  for (const [k, v] of Object.entries(params)) {
    if (
      ['node', 'id', 'output-format', 'noheader', 'noborder', 'quiet', 'human-readable'].includes(k) ||
      typeof v !== 'string'
    ) {
      continue;
    }
    const type = props[k]?.['type'];
    body[k] = (type === 'boolean' || type === 'integer') && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  const key = `${sub} ${template}`;
  switch (key) {
    case 'get /cluster/resources':
      return resources(String(params['type'] ?? ''));
    case 'get /nodes':
      return [{ node: local, status: 'online', type: 'node', id: `node/${local}`, level: '' }];
    case 'get /version': {
      const v = readPlatform().pveversion;
      return {
        release: v.split('.').slice(0, 2).join('.'),
        repoid: readPlatform().pveManagerHash,
        version: v,
      };
    }
    case 'get /nodes/{node}/qemu':
    case 'get /nodes/{node}/lxc': {
      const kind = template.endsWith('qemu') ? 'qemu' : 'lxc';
      return readGuests()
        .filter((g) => g.kind === kind)
        .map((g) => ({ vmid: g.vmid, name: g.name, status: g.status, ...guestSizes(g) }));
    }
    case 'get /storage':
      return readStorage().map(({ id, ...rest }) => ({ storage: id, ...rest }));
    case 'get /nodes/{node}/storage':
      return readStorage().map((s) => {
        const u = storageUsage(s);
        return {
          storage: s.id,
          type: s.type,
          content: s.content ?? '',
          active: 1,
          enabled: 1,
          shared: 0,
          total: u.total,
          used: u.used,
          avail: u.avail,
        };
      });
    case 'create /nodes/{node}/qemu/{vmid}/agent/file-write':
      return agentFileWrite(params, readGuests(), readAgents());
    case 'get /cluster/backup':
      return readJobs();
    case 'get /cluster/backup/{id}': {
      const job = readJobs().find((j) => j['id'] === params['id']);
      if (!job) throw new ShimExit(255, `job '${params['id']}' does not exist\n`);
      return job;
    }
    case 'create /cluster/backup': {
      verifyJob(body, sub, true);
      const jobs = readJobs();
      const id =
        typeof params['id'] === 'string'
          ? params['id']
          : `backup-${(jobs.length + 1).toString(16).padStart(8, '0')}-0000`;
      if (jobs.some((j) => j['id'] === id)) throw new ShimExit(255, `Job ID '${id}' already exists\n`);
      writeState('backup-jobs', [
        ...jobs,
        {
          id,
          type: 'vzdump',
          enabled: 1,
          ...body,
          ...(body['vmid'] ? { vmid: splitList(String(body['vmid'])).join(',') } : {}),
        },
      ]);
      return undefined;
    }
    case 'set /cluster/backup/{id}': {
      const jobs = readJobs();
      const job = jobs.find((j) => j['id'] === params['id']);
      if (!job) throw new ShimExit(255, `job '${params['id']}' does not exist\n`);
      const { delete: del, ...changes } = body;
      Object.assign(job, changes);
      for (const k of String(del ?? '')
        .split(/[,;\s]+/)
        .filter(Boolean))
        delete job[k];
      verifyJob(job, sub, true);
      writeState('backup-jobs', jobs);
      return undefined;
    }
    case 'delete /cluster/backup/{id}': {
      const jobs = readJobs();
      if (!jobs.some((j) => j['id'] === params['id']))
        throw new ShimExit(255, `job '${params['id']}' does not exist\n`);
      writeState(
        'backup-jobs',
        jobs.filter((j) => j['id'] !== params['id']),
      );
      return undefined;
    }
    default:
      throw new ShimExit(70, `nix-mox shim: 'pvesh ${sub} ${template}' is validated but not simulated\n`);
  }
}

runShim('pvesh', ({ argv, out }) => {
  const res = validatedOrExit('pvesh', argv);
  const template = findHandler(res.method, res.path)?.template ?? res.path;
  const data = call(res.command, template, res.params);
  if (data === undefined || param(res.params, 'quiet') === '1') return 0;
  const format = param(res.params, 'output-format') || 'text';
  if (format === 'json') out(`${perlJsonCompact(data)}\n`);
  else if (format === 'json-pretty') out(perlJsonPretty(data));
  else if (typeof data !== 'object' || data === null) out(`${String(data)}\n`);
  else
    throw new ShimExit(
      70,
      `nix-mox shim: pvesh ${format} tables are not reproduced; use --output-format json\n`,
    );
  return 0;
});
