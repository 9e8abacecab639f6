// The commands a plan runs, as argv arrays (never a shell string), each with its risk tags, timeout and the
// read-only check that shows it is already done. Every qm/pct/vzdump/pvesh/pvesm argv here is checked against
// the Proxmox VE API schema by the tests.
import type { BackupJobDef, GuestDef, StorageDef } from '../generate/host-state';
import { FLAKE_DIR, NIXOS_RELEASE, TEMPLATE_CACHE } from '../generate/paths';
import type { Risk, Step } from './types';

const MIN = 60_000;

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function cmd(
  id: string,
  title: string,
  argv: string[],
  risk: Risk[],
  timeoutMs: number,
  extra: Partial<Step> = {},
): Step {
  return { id, title, argv, root: true, risk, timeoutMs, ...extra };
}

/** Snapshot name as scripts/zfs-snapshot makes them: <dataset>@nix-mox_<label>_<UTC yyyy-mm-ddThh:mm>. */
export function snapshotName(dataset: string, label: string, now: Date): string {
  return `${dataset}@nix-mox_${label}_${now.toISOString().slice(0, 16)}`;
}

export function restorePoint(dataset: string, recursive: boolean, now: Date): Step {
  const name = snapshotName(dataset, 'pre-apply', now);
  return cmd(
    'restore-point',
    `Restore point: ZFS snapshot ${name}`,
    ['zfs', 'snapshot', ...(recursive ? ['-r'] : []), name],
    ['D'],
    2 * MIN,
    {
      skipIf: { argv: ['zfs', 'list', '-H', '-t', 'snapshot', '-o', 'name', name] },
    },
  );
}

export function guestBackup(vmid: number, storage: string): Step {
  return cmd(
    `backup-guest-${vmid}`,
    `Restore point: back up guest ${vmid} before changing it`,
    ['vzdump', String(vmid), '--mode', 'snapshot', '--compress', 'zstd', '--storage', storage],
    ['D'],
    120 * MIN,
  );
}

export function updateInitramfs(): Step {
  return cmd(
    'update-initramfs',
    'Rebuild the initramfs of every kernel (vfio modules and options)',
    ['update-initramfs', '-u', '-k', 'all'],
    ['K'],
    20 * MIN,
  );
}

export function refreshBoot(bootloader: 'systemd-boot' | 'grub'): Step {
  return bootloader === 'systemd-boot'
    ? cmd(
        'refresh-boot',
        'Copy the kernel command line and initramfs to the boot partitions',
        ['proxmox-boot-tool', 'refresh'],
        ['K'],
        10 * MIN,
      )
    : cmd(
        'refresh-boot',
        'Regenerate the GRUB configuration with the new kernel command line',
        ['update-grub'],
        ['K'],
        10 * MIN,
      );
}

export function zpoolCreate(name: string, layout: string, disks: string[]): Step {
  return cmd(
    `zpool-create-${slug(name)}`,
    `Create ZFS pool ${name} (${layout}) on ${disks.length} disks: everything on them is erased`,
    ['zpool', 'create', '-o', 'ashift=12', name, layout, ...disks],
    ['D'],
    5 * MIN,
    { skipIf: { argv: ['zpool', 'list', '-H', '-o', 'name', name] }, confirm: name },
  );
}

export function zfsCreate(dataset: string): Step {
  return cmd(
    `zfs-create-${slug(dataset)}`,
    `Create dataset ${dataset} (zstd compression)`,
    ['zfs', 'create', '-o', 'compression=zstd', dataset],
    ['D'],
    2 * MIN,
    { skipIf: { argv: ['zfs', 'list', '-H', '-o', 'name', dataset] } },
  );
}

export function storageAdd(s: StorageDef): Step {
  const argv =
    s.type === 'zfspool'
      ? ['pvesm', 'add', 'zfspool', s.id, '--pool', s.target, '--content', s.content, '--sparse', '1']
      : ['pvesm', 'add', 'dir', s.id, '--path', s.target, '--content', s.content, '--is_mountpoint', 'yes'];
  return cmd(
    `storage-add-${slug(s.id)}`,
    `Register ${s.target} as Proxmox storage ${s.id} (${s.content})`,
    argv,
    ['F'],
    2 * MIN,
    {
      skipIf: { argv: ['pvesm', 'status', '--storage', s.id] },
      undo: ['pvesm', 'remove', s.id],
    },
  );
}

export const LXC_TEMPLATE = `nixos-${NIXOS_RELEASE}-x86_64-linux.tar.xz`;
export const LXC_TEMPLATE_URL = `https://hydra.nixos.org/job/nixos/release-${NIXOS_RELEASE}/nixos.proxmoxLXC.x86_64-linux/latest/download-by-type/file/system-tarball`;

export function downloadTemplate(node: string): Step {
  return cmd(
    'download-nixos-template',
    `Download the NixOS ${NIXOS_RELEASE} container template from Hydra`,
    [
      'pvesh',
      'create',
      `/nodes/${node}/storage/local/download-url`,
      '--content',
      'vztmpl',
      '--filename',
      LXC_TEMPLATE,
      '--url',
      LXC_TEMPLATE_URL,
    ],
    ['N', 'F'],
    30 * MIN,
    { skipIf: { argv: ['test', '-e', `${TEMPLATE_CACHE}/${LXC_TEMPLATE}`] } },
  );
}

export function pctCreate(g: GuestDef): Step {
  return cmd(
    `create-guest-${g.vmid}`,
    `Create NixOS container ${g.vmid} (${g.name}): ${g.cores} cores, ${g.memoryMiB} MiB, ${g.diskGiB} GiB on ${g.storage}`,
    [
      'pct',
      'create',
      String(g.vmid),
      `local:vztmpl/${LXC_TEMPLATE}`,
      '--hostname',
      g.name,
      '--ostype',
      'nixos',
      '--unprivileged',
      '1',
      '--features',
      'nesting=1',
      '--cores',
      String(g.cores),
      '--memory',
      String(g.memoryMiB),
      '--rootfs',
      `${g.storage}:${g.diskGiB}`,
      '--net0',
      `name=eth0,bridge=${g.bridge},ip=dhcp`,
      '--mp0',
      `${FLAKE_DIR},mp=${FLAKE_DIR},ro=1`,
      '--cmode',
      'console',
      '--onboot',
      '1',
    ],
    ['D'],
    10 * MIN,
    { skipIf: { argv: ['pct', 'status', String(g.vmid)] } },
  );
}

export function pctStart(vmid: number): Step {
  return cmd(`start-guest-${vmid}`, `Start container ${vmid}`, ['pct', 'start', String(vmid)], [], 2 * MIN);
}

export function qmCreate(g: GuestDef, opts: { ovmf: boolean; windows: boolean }): Step {
  const argv = [
    'qm',
    'create',
    String(g.vmid),
    '--name',
    g.name,
    '--machine',
    'q35',
    ...(opts.ovmf ? ['--bios', 'ovmf', '--efidisk0', `${g.storage}:1,efitype=4m,pre-enrolled-keys=1`] : []),
    ...(opts.windows ? ['--tpmstate0', `${g.storage}:1,version=v2.0`] : []),
    '--cpu',
    'host',
    '--cores',
    String(g.cores),
    '--memory',
    String(g.memoryMiB),
    // Passed-through devices need all guest memory pinned: ballooning cannot work with VFIO.
    ...(opts.ovmf ? ['--balloon', '0'] : []),
    '--scsihw',
    'virtio-scsi-single',
    '--scsi0',
    `${g.storage}:${g.diskGiB},iothread=1,discard=on`,
    '--net0',
    `virtio,bridge=${g.bridge}`,
    '--ostype',
    opts.windows ? 'win11' : 'l26',
    '--agent',
    'enabled=1',
    '--onboot',
    '1',
  ];
  return cmd(
    `create-guest-${g.vmid}`,
    `Create VM ${g.vmid} (${g.name}): ${g.cores} cores, ${g.memoryMiB} MiB, ${g.diskGiB} GiB on ${g.storage}`,
    argv,
    ['D'],
    10 * MIN,
    { skipIf: { argv: ['qm', 'status', String(g.vmid)] } },
  );
}

/** Attaches the passthrough devices; `remove` lists hostpciN slots a previous apply used that are now free. */
export function qmSetHostpci(vmid: number, hostpci: string[], remove: string[]): Step {
  const argv = ['qm', 'set', String(vmid), ...hostpci.flatMap((v, i) => [`--hostpci${i}`, v])];
  if (remove.length > 0) argv.push('--delete', remove.join(','));
  const what =
    hostpci.length > 0
      ? `Pass ${hostpci.map((h) => h.split(',')[0]).join(', ')} to VM ${vmid}`
      : `Detach passthrough devices from VM ${vmid}`;
  return cmd(`passthrough-${vmid}`, what, argv, [], 2 * MIN);
}

export function guestResize(g: GuestDef): Step {
  const tool = g.kind === 'lxc' ? 'pct' : 'qm';
  return cmd(
    `resources-guest-${g.vmid}`,
    `Give guest ${g.vmid} (${g.name}) ${g.cores} cores and ${g.memoryMiB} MiB`,
    [tool, 'set', String(g.vmid), '--cores', String(g.cores), '--memory', String(g.memoryMiB)],
    [],
    2 * MIN,
  );
}

function backupJobOptions(b: BackupJobDef): string[] {
  return [
    '--schedule',
    b.schedule,
    '--storage',
    b.storage,
    '--all',
    '1',
    '--mode',
    'snapshot',
    '--compress',
    'zstd',
    '--prune-backups',
    `keep-daily=${b.keepDaily},keep-weekly=${b.keepWeekly},keep-monthly=${b.keepMonthly}`,
    '--enabled',
    '1',
    '--comment',
    'nix-mox: back up every guest',
  ];
}

export function backupJobCreate(b: BackupJobDef): Step {
  return cmd(
    'backup-job',
    `Schedule Proxmox backups of every guest (${b.schedule}, to ${b.storage})`,
    ['pvesh', 'create', '/cluster/backup', '--id', b.id, ...backupJobOptions(b)],
    ['S'],
    MIN,
    {
      skipIf: { argv: ['pvesh', 'get', `/cluster/backup/${b.id}`] },
      undo: ['pvesh', 'delete', `/cluster/backup/${b.id}`],
    },
  );
}

export function backupJobUpdate(b: BackupJobDef): Step {
  return cmd(
    'backup-job',
    `Change the backup schedule (${b.schedule}, to ${b.storage})`,
    ['pvesh', 'set', `/cluster/backup/${b.id}`, ...backupJobOptions(b)],
    ['S'],
    MIN,
  );
}

export function backupJobDelete(id: string): Step {
  return cmd(
    'backup-job',
    'Remove the backup schedule nix-mox set up',
    ['pvesh', 'delete', `/cluster/backup/${id}`],
    ['S'],
    MIN,
  );
}

export function daemonReload(): Step {
  return cmd('systemd-reload', 'Reload systemd units', ['systemctl', 'daemon-reload'], ['S'], MIN);
}

export function timerStart(unit: string, isNew: boolean): Step {
  return isNew
    ? cmd(
        `timer-${slug(unit)}`,
        `Enable and start ${unit}`,
        ['systemctl', 'enable', '--now', unit],
        ['S'],
        MIN,
        {
          undo: ['systemctl', 'disable', '--now', unit],
        },
      )
    : cmd(
        `timer-${slug(unit)}`,
        `Restart ${unit} with its new schedule`,
        ['systemctl', 'restart', unit],
        ['S'],
        MIN,
      );
}

export function timerStop(unit: string): Step {
  return cmd(
    `timer-${slug(unit)}`,
    `Disable ${unit} (no longer chosen)`,
    ['systemctl', 'disable', '--now', unit],
    ['S'],
    MIN,
  );
}

const NIX_LOG = ['--log-format', 'internal-json', '-v'];
// The stock NixOS images and fresh installs may not have flakes switched on yet.
const FLAKES_ON = ['--option', 'experimental-features', 'nix-command flakes'];

export function nixosGenerateConfig(host: string): Step {
  const dir = `${FLAKE_DIR}/hosts/${host}`;
  return cmd(
    `hardware-config-${slug(host)}`,
    `Describe this machine's disks and drivers (hosts/${host}/hardware-configuration.nix)`,
    ['nixos-generate-config', '--dir', dir],
    ['F'],
    2 * MIN,
    { skipIf: { argv: ['test', '-e', `${dir}/hardware-configuration.nix`] } },
  );
}

function rebuild(action: 'dry-build' | 'switch', host: string, extra: string[]): string[] {
  return ['nixos-rebuild', action, '--flake', `${FLAKE_DIR}#${host}`, ...extra, ...FLAKES_ON, ...NIX_LOG];
}

export function nixosDryBuild(host: string): Step {
  return cmd(
    `dry-build-${slug(host)}`,
    `Check that ${host} evaluates and builds (nixos-rebuild dry-build)`,
    rebuild('dry-build', host, []),
    ['P', 'N'],
    120 * MIN,
  );
}

export function nixosSwitch(host: string): Step {
  return cmd(
    `switch-${slug(host)}`,
    `Switch ${host} to the new configuration (nixos-rebuild switch)`,
    rebuild('switch', host, []),
    ['K', 'S', 'P', 'N'],
    120 * MIN,
  );
}

/** The same inside a container, where the flake is bind-mounted read-only (so no lock file is written). */
function inContainer(vmid: number, argv: string[]): string[] {
  return ['pct', 'exec', String(vmid), '--', `/run/current-system/sw/bin/${argv[0]}`, ...argv.slice(1)];
}

export function containerDryBuild(vmid: number, host: string): Step {
  return cmd(
    `dry-build-${slug(host)}`,
    `Check that ${host} evaluates and builds, inside container ${vmid}`,
    inContainer(vmid, rebuild('dry-build', host, ['--no-write-lock-file'])),
    ['P', 'N'],
    120 * MIN,
  );
}

export function containerSwitch(vmid: number, host: string): Step {
  return cmd(
    `switch-${slug(host)}`,
    `Switch container ${vmid} (${host}) to its configuration`,
    inContainer(vmid, rebuild('switch', host, ['--no-write-lock-file'])),
    ['S', 'P', 'N'],
    120 * MIN,
  );
}
