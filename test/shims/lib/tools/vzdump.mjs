// vzdump (pve-manager PVE/VZDump.pm, PVE/CLI/vzdump.pm): backs up guests from guests.json into
// backups.json, with the task log vzdump prints on stderr and its prune step.
import { cFixed } from '../cfmt.mjs';
import { splitList } from '../pve-check.mjs';
import { readGuests, readPlatform, readStorage, storageContent, writeGuests } from '../pve-state.mjs';
import { localTimestamp, param, validatedOrExit } from '../pve-tool.mjs';
import { pruneMark } from '../prune.mjs';
import { ShimExit, now, readState, runShim, writeState } from '../shim-runtime.mjs';

/**
 * @typedef {{ volid: string, storage: string, vmid: number, kind: 'qemu' | 'lxc', ctime: number,
 *   size: number, path: string, notes?: string, protected?: boolean }} Backup
 */

/** PVE::VZDump::format_size */
function formatSize(/** @type {number} */ size) {
  const kb = size / 1024;
  if (kb < 1024) return `${Math.floor(kb)}KB`;
  const mb = size / 1024 ** 2;
  if (mb < 1024) return `${Math.floor(mb)}MB`;
  const gb = mb / 1024;
  if (gb < 1024) return `${cFixed(gb, 2)}GB`;
  return `${cFixed(gb / 1024, 2)}TB`;
}

/** PVE::Tools::shellquote */
const shellquote = (/** @type {string} */ s) =>
  /^[-\w.,:=/@+]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;

const usageLine = 'vzdump {<vmid>} [OPTIONS]\n';
const paramExc = (/** @type {string} */ key, /** @type {string} */ msg) =>
  new ShimExit(255, `400 Parameter verification failed.\n${key}: ${msg}\n${usageLine}`);

/** print_property_string of prune-backups: keys sorted. */
function keepString(/** @type {Record<string, number>} */ keep) {
  return Object.keys(keep)
    .sort()
    .map((k) => `${k}=${keep[k]}`)
    .join(',');
}

runShim('vzdump', ({ argv, err }) => {
  const res = validatedOrExit('vzdump', argv);
  const p = res.params;
  const vmidList = splitList(param(p, 'vmid'));
  // PVE::VZDump::verify_vzdump_parameters
  if (param(p, 'all') === '1' && vmidList.length)
    throw paramExc('all', "option conflicts with option 'vmid'");
  if (p['exclude'] && vmidList.length) throw paramExc('exclude', "option conflicts with option 'vmid'");
  if (p['pool'] && vmidList.length) throw paramExc('pool', "option conflicts with option 'vmid'");
  const all = param(p, 'all') === '1' || (p['exclude'] !== undefined && !p['pool']);
  if (!(all || param(p, 'stop') === '1' || p['pool']) && vmidList.length === 0)
    throw paramExc('vmid', 'property is missing');

  // PVE::VZDump->new: the target storage
  const storeid = param(p, 'storage') || (p['dumpdir'] ? '' : 'local');
  let dumpdir = param(p, 'dumpdir');
  /** @type {Record<string, number>} */
  let keep = { 'keep-all': 1 };
  if (storeid) {
    const storage = readStorage().find((s) => s.id === storeid);
    if (!storage) {
      throw new ShimExit(
        255,
        `could not activate storage '${storeid}': storage '${storeid}' does not exist\ncould not get storage information for '${storeid}': storage '${storeid}' does not exist\n`,
      );
    }
    if (!storageContent(storage).includes('backup')) {
      throw new ShimExit(
        255,
        `could not get storage information for '${storeid}': can't use storage '${storeid}' for backups - wrong content type\n`,
      );
    }
    dumpdir = `${storage.path ?? `/mnt/pve/${storeid}`}/dump`;
    if (storage['prune-backups']) keep = parseKeep(String(storage['prune-backups']));
  }
  if (p['prune-backups']) keep = parseKeep(param(p, 'prune-backups'));
  const remove = param(p, 'remove') !== '0' && !keep['keep-all'];

  const node = readPlatform().node;
  const guests = readGuests();
  const excluded = new Set(splitList(param(p, 'exclude')).map(Number));
  const vmids = (
    all ? guests.filter((g) => (g.node ?? node) === node).map((g) => g.vmid) : vmidList.map(Number)
  )
    .filter((v) => !excluded.has(v))
    .sort((a, b) => a - b);

  const log = (/** @type {string} */ level, /** @type {string} */ msg) => err(`${level}: ${msg}\n`);
  // PVE::VZDump::Common::command_line: the guests, then each option as given.
  const cmdline = ['vzdump', ...vmidList];
  for (const key of Object.keys(p)) {
    if (key === 'vmid' || key === 'node') continue;
    cmdline.push(`--${key}`, shellquote(key === 'prune-backups' ? keepString(keep) : param(p, key)));
  }
  log('INFO', `starting new backup job: ${cmdline.join(' ')}`);

  /** @type {Backup[]} */
  let backups = readState('backups', []);
  const mode = param(p, 'mode') || 'snapshot';
  const compress = param(p, 'compress') || '0';
  const compExt = { 0: '', 1: '.lzo', lzo: '.lzo', gzip: '.gz', zstd: '.zst' }[compress] ?? '';
  let errors = 0;
  for (const vmid of vmids) {
    const g = guests.find((x) => x.vmid === vmid);
    if (!g) {
      errors++;
      log('ERROR', `Backup of VM ${vmid} failed - unable to find VM '${vmid}'`);
      log('INFO', `Failed at ${localTimestamp(now())}`);
      continue;
    }
    const start = now();
    const ctime = Math.floor(start.getTime() / 1000);
    const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
    const stamp = `${start.getFullYear()}_${pad(start.getMonth() + 1)}_${pad(start.getDate())}-${pad(start.getHours())}_${pad(start.getMinutes())}_${pad(start.getSeconds())}`;
    const file = `vzdump-${g.kind}-${vmid}-${stamp}${g.kind === 'qemu' ? '.vma' : '.tar'}${compExt}`;
    const target = `${dumpdir}/${file}`;
    const running = g.status === 'running';
    const effective = running ? mode : 'stop';
    const prepare = () => {
      if (g.kind === 'qemu') {
        log('INFO', `VM Name: ${g.name}`);
        for (const key of Object.keys(g.config).sort()) {
          if (!/^(efidisk0|tpmstate0|(scsi|virtio|sata|ide)\d+)$/.test(key)) continue;
          const value = String(g.config[key]);
          if (/media=cdrom/.test(value)) continue;
          const volid = value.split(',')[0];
          const size = /(?:^|,)size=([^,]+)/.exec(value)?.[1] ?? '';
          log('INFO', `include disk '${key}' '${volid}'${size ? ` ${size}` : ''}`);
        }
      } else {
        log('INFO', `CT Name: ${g.name}`);
        log('INFO', "including mount point rootfs ('/') in backup");
      }
    };
    log('INFO', `Starting Backup of VM ${vmid} (${g.kind})`);
    log('INFO', `Backup started at ${localTimestamp(start)}`);
    log('INFO', `status = ${running ? 'running' : 'stopped'}`);
    if (effective === 'snapshot') prepare();
    log('INFO', `backup mode: ${effective}`);
    log('INFO', `ionice priority: ${param(p, 'ionice') || '7'}`);
    if (effective !== 'snapshot') prepare();
    if (effective === 'stop' && running) log('INFO', 'stopping virtual guest');
    log('INFO', `creating vzdump archive '${target}'`);
    const size = g.backupSizeBytes ?? 1073741824;
    log('INFO', `archive file size: ${formatSize(size)}`);
    backups.push({
      volid: `${storeid}:backup/${file}`,
      storage: storeid,
      vmid,
      kind: g.kind,
      ctime,
      size,
      path: target,
    });
    if (remove) {
      log(
        'INFO',
        `prune older backups with retention: ${Object.keys(keep)
          .sort()
          .map((k) => `${k}=${keep[k]}`)
          .join(', ')}`,
      );
      const group = backups.filter((b) => b.storage === storeid && b.vmid === vmid && b.kind === g.kind);
      /** @type {(Backup & { mark?: 'keep' | 'remove' | 'protected' })[]} */
      const marked = group.map((b) => ({ ...b, ...(b.protected ? { mark: 'protected' } : {}) }));
      pruneMark(marked, keep);
      const doomed = new Set(marked.filter((b) => b.mark === 'remove').map((b) => b.volid));
      backups = backups.filter((b) => !doomed.has(b.volid));
      log(
        'INFO',
        `pruned ${doomed.size} backup(s)${doomed.size > 0 ? ' not covered by keep-retention policy' : ''}`,
      );
    }
    if (effective === 'stop' && running) {
      log('INFO', 'restarting vm');
      log('INFO', 'guest is online again after <1 seconds');
    }
    log('INFO', `Finished Backup of VM ${vmid} (00:00:00)`);
    log('INFO', `Backup finished at ${localTimestamp(now())}`);
  }
  writeState('backups', backups);
  writeGuests(guests);
  if (errors > 0) {
    log('INFO', 'Backup job finished with errors');
    err('job errors\n');
    return 255;
  }
  log('INFO', 'Backup job finished successfully');
  return 0;
});

/** @param {string} value */
function parseKeep(value) {
  /** @type {Record<string, number>} */
  const keep = {};
  for (const part of value.split(',')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) keep[k] = Number(v);
  }
  return keep;
}
