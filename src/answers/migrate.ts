// Older answers files migrate forward by pure functions, one version step at a time.
// The result is a partial version-1 object: keys version 0 did not have take their defaults when it is parsed.
import { legacyMessagingIds } from '../catalog/messaging';
import { formatIssues, expectedForm } from './format';
import { isPlainObject } from './merge';
import { ANSWERS_SCHEMA_VERSION } from './schema';
import { AnswersV0 } from './v0';

export type MigrateResult =
  | { ok: true; value: Record<string, unknown>; from: number; notes: string[] }
  | { ok: false; errors: string[] };

const withDomain = (address: string) =>
  (/^[0-9a-f]{4}:/i.test(address) ? address : `0000:${address}`).toLowerCase();
const list = (csv: string | undefined) =>
  (csv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const counts = (text: string) => text.split('/').map(Number);

/** v0 kept one switch for gaming; v1 lists the pieces that switch turned on. */
export const V0_GAMING_STACK = ['steam', 'wine', 'lutris', 'gamemode', 'mangohud'];
/** v0 service names that were renamed. */
const V0_SERVICES: Record<string, string> = {
  nginx: 'web-server',
  postgresql: 'database',
  haproxy: 'load-balancer',
};

export function migrateV0(v0: AnswersV0): { value: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const out: Record<string, unknown> = { schemaVersion: 1 };
  const set = (path: string[], value: unknown) => {
    if (value === undefined) return;
    let cur = out;
    for (const step of path.slice(0, -1)) {
      cur[step] = isPlainObject(cur[step]) ? cur[step] : {};
      cur = cur[step] as Record<string, unknown>;
    }
    cur[path[path.length - 1] as string] = value;
  };

  set(['machine', 'role'], v0.role === 'proxmox' ? 'proxmox-host' : 'nixos');
  set(['machine', 'hostname'], v0.hostname);
  set(['machine', 'timezone'], v0.timezone);
  set(['machine', 'adminUser'], v0.admin_user);
  if (v0.ssh_keys !== undefined) set(['machine', 'sshKeyFiles'], list(v0.ssh_keys));

  if (v0.gpu !== undefined) {
    const gpu = v0.gpu === null ? null : withDomain(v0.gpu);
    set(['passthrough', 'gpu'], gpu);
    // v0 stored only the first function; the others at the same bus:device are added from detection.
    set(['passthrough', 'functions'], gpu ? [gpu] : []);
    if (gpu)
      notes.push(
        `passthrough.functions: version 0 kept only ${gpu}; the GPU's other functions come from detection`,
      );
  }
  if (v0.usb_controllers) set(['passthrough', 'usbControllers'], v0.usb_controllers.map(withDomain));
  set(['passthrough', 'targetVmid'], v0.passthrough_vmid);
  set(['passthrough', 'acsOverride'], v0.acs_override);

  if (v0.pool !== undefined) {
    set(
      ['storage', 'newPool'],
      v0.pool === null
        ? null
        : {
            name: v0.pool.name,
            layout: v0.pool.type === 'raidz' ? 'raidz1' : v0.pool.type,
            disks: v0.pool.disks,
          },
    );
  }
  set(['storage', 'datasetPool'], v0.dataset_pool);

  set(['guests', 'nixosLxc', 'vmid'], v0.lxc_vmid);
  set(['guests', 'windowsVm', 'vmid'], v0.windows_vmid);
  set(['guests', 'nixosVm', 'vmid'], v0.nixos_vmid);
  set(['guests', 'windowsVm', 'cores'], v0.windows_cores);
  set(['guests', 'windowsVm', 'memoryMiB'], v0.windows_memory_mb);
  set(['guests', 'windowsVm', 'diskGiB'], v0.windows_disk_gb);

  if (v0.shells !== undefined) set(['shells'], list(v0.shells));
  if (v0.messaging) {
    const apps: string[] = [];
    for (const name of v0.messaging) {
      const mapped = name in legacyMessagingIds ? legacyMessagingIds[name] : name;
      if (mapped === null || mapped === undefined) {
        notes.push(
          `messaging: ${name} was dropped: Skype was shut down in May 2025; choose Microsoft Teams instead`,
        );
      } else if (!apps.includes(mapped)) {
        if (mapped !== name) notes.push(`messaging: ${name} is now ${mapped}`);
        apps.push(mapped);
      }
    }
    set(['messaging'], apps);
  }
  if (v0.gaming !== undefined) set(['gaming'], v0.gaming ? [...V0_GAMING_STACK] : []);
  if (v0.services)
    set(
      ['services'],
      v0.services.map((s) => V0_SERVICES[s] ?? s),
    );

  if (v0.tailscale_auth_key_file !== undefined) {
    set(['security', 'tailscale'], {
      enabled: v0.tailscale_auth_key_file !== null,
      authKeyFile: v0.tailscale_auth_key_file,
    });
  }
  if (v0.infisical_token_file !== undefined) {
    set(['security', 'infisical'], {
      enabled: v0.infisical_token_file !== null,
      tokenFile: v0.infisical_token_file,
    });
  }
  set(['security', 'sshHardening'], v0.ssh_hardening);
  set(['security', 'firewall'], v0.firewall);

  if (v0.snapshot_keep) {
    const [hourly, daily, weekly, monthly] = counts(v0.snapshot_keep);
    set(['maintenance', 'snapshots', 'keep'], { hourly, daily, weekly, monthly });
  }
  set(['maintenance', 'backup', 'schedule'], v0.backup_time);
  set(['maintenance', 'backup', 'storage'], v0.backup_storage);
  if (v0.backup_keep) {
    const [keepDaily, keepWeekly, keepMonthly] = counts(v0.backup_keep);
    set(['maintenance', 'backup', 'keepDaily'], keepDaily);
    set(['maintenance', 'backup', 'keepWeekly'], keepWeekly);
    set(['maintenance', 'backup', 'keepMonthly'], keepMonthly);
  }
  return { value: out, notes };
}

function versionOf(raw: Record<string, unknown>): unknown {
  if ('schemaVersion' in raw) return raw['schemaVersion'];
  if ('version' in raw) return raw['version'];
  return undefined;
}

/** Brings any known version up to the current one. Errors name the key path in the file as it was written. */
export function migrate(raw: unknown): MigrateResult {
  if (!isPlainObject(raw)) {
    return {
      ok: false,
      errors: [
        `(top level): expected a JSON object of answers, got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
      ],
    };
  }
  const version = versionOf(raw);
  if (version === ANSWERS_SCHEMA_VERSION)
    return { ok: true, value: raw, from: ANSWERS_SCHEMA_VERSION, notes: [] };
  if (version === 0) {
    const v0 = AnswersV0.safeParse(
      'schemaVersion' in raw
        ? { ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'schemaVersion')), version: 0 }
        : raw,
      { reportInput: true, error: (iss) => expectedForm(iss) },
    );
    if (!v0.success) {
      return { ok: false, errors: formatIssues(v0.error.issues, () => Object.keys(AnswersV0.shape)) };
    }
    const { value, notes } = migrateV0(v0.data);
    return { ok: true, value, from: 0, notes };
  }
  if (version === undefined) {
    return {
      ok: false,
      errors: [
        `schemaVersion: missing; expected ${ANSWERS_SCHEMA_VERSION} (or "version": 0 for a version-0 file)`,
      ],
    };
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > ANSWERS_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        `schemaVersion: expected ${ANSWERS_SCHEMA_VERSION} or lower (the file was written by a newer nix-mox), got ${version}`,
      ],
    };
  }
  return {
    ok: false,
    errors: [`schemaVersion: expected ${ANSWERS_SCHEMA_VERSION} or 0, got ${JSON.stringify(version)}`],
  };
}
