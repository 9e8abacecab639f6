// The maintenance jobs on a Proxmox host: nix-mox's scripts (from scripts/ of the package) under
// /usr/local/lib/nix-mox, and systemd services and timers that run them. The unit names match what
// scripts/install writes. Backups are Proxmox's own scheduled job (pvesh /cluster/backup), so no timer runs
// vzdump-backup; the script is installed for `nix-mox backup` and runs by hand.
import type { Answers } from '../answers/schema';
import { packageFile } from './package-files';
import { ROOT_OWNER, SCRIPTS_DIR, UNIT_DIR } from './paths';
import type { FileEntry } from './types';

export const HOST_SCRIPTS = ['proxmox-update', 'vzdump-backup', 'zfs-snapshot'] as const;
export const SCRIPT_LIB = 'lib/nix-mox.sh';
export const SNAPSHOT_LABELS = ['hourly', 'daily', 'weekly', 'monthly'] as const;

// OnCalendar values are one line of systemd calendar syntax; anything else could smuggle in unit directives.
const CALENDAR = /^[A-Za-z0-9*:,.~/ -]+$/;

const DATASET = /^[A-Za-z][A-Za-z0-9_.:-]*(\/[A-Za-z0-9_.:-]+)*$/;

export function checkCalendar(field: string, value: string): string {
  if (!CALENDAR.test(value) || value.trim() === '') {
    throw new Error(`${field}: '${value}' is not a systemd calendar expression (e.g. "Sun *-*-* 04:00:00")`);
  }
  return value;
}

/** The scripts and their shared library, copied byte for byte from the package. */
export function scriptEntries(names: readonly string[], dir: string): FileEntry[] {
  return [
    ...names.map((n) => ({
      path: `${dir}/${n}`,
      content: packageFile(`scripts/${n}`),
      mode: 0o755,
      owner: ROOT_OWNER,
    })),
    {
      path: `${dir}/${SCRIPT_LIB}`,
      content: packageFile(`scripts/${SCRIPT_LIB}`),
      mode: 0o644,
      owner: ROOT_OWNER,
    },
  ];
}

const unit = (name: string, content: string): FileEntry => ({
  path: `${UNIT_DIR}/${name}`,
  content,
  mode: 0o644,
  owner: ROOT_OWNER,
});

/** The timers the answers ask for, by unit name (what the plan enables). */
export function maintenanceTimers(answers: Answers): string[] {
  return maintenanceUnits(answers)
    .map((e) => e.path.slice(UNIT_DIR.length + 1))
    .filter((n) => n.endsWith('.timer'));
}

export function maintenanceUnits(answers: Answers): FileEntry[] {
  const m = answers.maintenance;
  const out: FileEntry[] = [];
  if (m.updateSchedule !== null) {
    const when = checkCalendar('maintenance.updateSchedule', m.updateSchedule);
    out.push(
      unit(
        'nix-mox-update.service',
        `[Unit]
Description=nix-mox: update the Proxmox host (apt-get dist-upgrade, templates)
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=${SCRIPTS_DIR}/proxmox-update
Nice=10
`,
      ),
      unit(
        'nix-mox-update.timer',
        `[Unit]
Description=nix-mox: update the Proxmox host on a schedule

[Timer]
OnCalendar=${when}
Persistent=true
RandomizedDelaySec=30min

[Install]
WantedBy=timers.target
`,
      ),
    );
  }
  if (m.snapshots.enabled && m.snapshots.pools.length > 0) {
    m.snapshots.pools.forEach((p, i) => {
      if (!DATASET.test(p))
        throw new Error(`maintenance.snapshots.pools[${i}]: '${p}' is not a ZFS pool or dataset name`);
    });
    const pools = m.snapshots.pools.map((p) => ` --pool ${p}`).join('');
    for (const label of SNAPSHOT_LABELS) {
      const keep = m.snapshots.keep[label];
      if (keep < 1) continue;
      out.push(
        unit(
          `nix-mox-snapshot-${label}.service`,
          `[Unit]
Description=nix-mox: ${label} ZFS snapshots (keep ${keep})

[Service]
Type=oneshot
ExecStart=${SCRIPTS_DIR}/zfs-snapshot${pools} --label ${label} --keep ${keep}
`,
        ),
        unit(
          `nix-mox-snapshot-${label}.timer`,
          `[Unit]
Description=nix-mox: ${label} ZFS snapshots

[Timer]
OnCalendar=${label}
Persistent=true

[Install]
WantedBy=timers.target
`,
        ),
      );
    }
  }
  return out;
}
