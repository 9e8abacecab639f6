// What a first install on the demo host must leave behind, whichever way it ran (the wizard in a terminal, or
// `apply --yes` without one): the files under the root copy, the answers recorded as applied, and the commands
// the Proxmox, ZFS and boot tools received, in a safe order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type Answers, AnswersSchema } from '../../src/answers/schema';
import { configDir } from '../../src/answers/store';
import { demoRoot } from '../helpers/demo.mjs';
import { repoRoot } from '../helpers/shared';
import { type DemoJourney, callLine } from './demo-journey';

export const firstInstallAnswersFile = join(repoRoot, 'test/journeys/answers/first-install.json');

/** The answers the first install uses; with bridges, the Windows VM goes on vmbr1 as the topology draws it. */
export function firstInstallAnswers(bridges: boolean): Answers {
  const a = AnswersSchema.parse(JSON.parse(readFileSync(firstInstallAnswersFile, 'utf8')));
  if (!bridges) return a;
  return {
    ...a,
    guests: { ...a.guests, windowsVm: { ...a.guests.windowsVm, bridge: 'vmbr1' } },
    network: {
      vmbr1: { ...a.network.vmbr1, enabled: true },
      vmbr2: { ...a.network.vmbr2, enabled: true },
    },
  };
}

/** The store the wizard and `apply` keep under $XDG_CONFIG_HOME/nix-mox. */
export function storedAnswers(j: DemoJourney): { answers: Answers | null; applied: Answers | null } {
  const file = join(configDir(j.env), 'answers.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { answers?: unknown; appliedAnswers?: unknown };
  return {
    answers: raw.answers === undefined ? null : AnswersSchema.parse(raw.answers),
    applied: raw.appliedAnswers === undefined ? null : AnswersSchema.parse(raw.appliedAnswers),
  };
}

const DISKS = ['e4', 'e5', 'e6', 'e7'].map((s) => `/dev/disk/by-id/wwn-0x50014ee2b1c2d3${s}`);

/** Index of the first recorded call whose line starts with `prefix`; fails the test when there is none. */
function at(lines: string[], prefix: string): number {
  const i = lines.findIndex((l) => l.startsWith(prefix));
  expect(i, `a call starting with: ${prefix}\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  return i;
}

export function expectFirstInstallDone(j: DemoJourney, opts: { bridges: boolean }): void {
  const windowsBridge = opts.bridges ? 'vmbr1' : 'vmbr0';

  // The kernel command line keeps the installer's arguments and gains nix-mox's; the old file is backed up.
  const original = readFileSync(join(demoRoot, 'etc/kernel/cmdline'), 'utf8');
  expect(j.read('/etc/kernel/cmdline')).toBe(`${original.trimEnd()} iommu=pt\n`);
  const backups = readdirSync(join(j.root, 'var/lib/nix-mox/backups'));
  expect(backups).toHaveLength(1);
  expect(
    readFileSync(join(j.root, 'var/lib/nix-mox/backups', backups[0]!, 'etc/kernel/cmdline'), 'utf8'),
  ).toBe(original);

  // vfio: identical USB controllers share ids, so every passed function binds by address.
  const modprobe = j.read('/etc/modprobe.d/vfio.conf');
  expect(modprobe).toContain('# 0000:01:00.0 0000:01:00.1 0000:03:00.0 0000:0d:00.3');
  expect(modprobe).toContain('install vfio-pci /usr/local/lib/nix-mox/vfio-driver-override');
  expect(j.read('/etc/modules-load.d/vfio.conf')).toContain('vfio\nvfio_iommu_type1\nvfio_pci\n');

  // The flake carries the chosen suites.
  expect(j.read('/etc/nix-mox/flake/flake.nix')).toContain('nixosConfigurations');
  const vmHost = j.read('/etc/nix-mox/flake/hosts/nixos-vm/default.nix');
  expect(vmHost).toContain('nix-mox.messaging.apps = [ "signal" "element" ];');
  expect(vmHost).toContain('nix-mox.gaming.items = [ "steam" ];');
  expect(vmHost).toContain('../../fragments/gaming.nix');
  expect(j.read('/etc/nix-mox/flake/hosts/nixos-lxc/default.nix')).toContain(
    '../../fragments/services/monitoring.nix',
  );
  expect(existsSync(join(j.root, 'etc/nix-mox/flake/fragments/gaming.nix'))).toBe(true);
  expect(existsSync(join(j.root, 'etc/nix-mox/flake/fragments/shells/development.nix'))).toBe(true);

  // Maintenance: the scripts and the timers that run them.
  expect(j.read('/etc/systemd/system/nix-mox-snapshot-hourly.service')).toContain(
    'ExecStart=/usr/local/lib/nix-mox/zfs-snapshot --pool rpool --pool tank --label hourly --keep 24',
  );
  expect(j.read('/etc/systemd/system/nix-mox-update.timer')).toContain('OnCalendar=Sun *-*-* 04:00:00');
  expect(existsSync(join(j.root, 'usr/local/lib/nix-mox/zfs-snapshot'))).toBe(true);

  // The record the next plan compares against.
  const state = JSON.parse(j.read('/etc/nix-mox/state.json')) as Record<string, unknown>;
  expect(state).toMatchObject({
    pool: { name: 'tank', layout: 'raidz1', disks: DISKS },
    datasets: ['tank/vm-disks', 'tank/containers', 'tank/backups', 'tank/shared', 'tank/messaging'],
    passthrough: {
      vmid: 101,
      hostpci: ['0000:01:00,pcie=1,x-vga=1', '0000:03:00.0,pcie=1', '0000:0d:00.3,pcie=1'],
    },
    backupJob: { id: 'nix-mox', storage: 'tank-backups' },
    timers: [
      'nix-mox-update.timer',
      'nix-mox-snapshot-hourly.timer',
      'nix-mox-snapshot-daily.timer',
      'nix-mox-snapshot-weekly.timer',
      'nix-mox-snapshot-monthly.timer',
    ],
    kernelArgs: ['iommu=pt'],
  });
  expect(state['guests']).toContainEqual(
    expect.objectContaining({ vmid: 101, memoryMiB: 32768, bridge: windowsBridge, storage: 'tank-vm-disks' }),
  );

  // The bridges: a marked file of their own, or nothing at all.
  const bridgesFile = join(j.root, 'etc/network/interfaces.d/nix-mox');
  if (opts.bridges) {
    const bridges = readFileSync(bridgesFile, 'utf8');
    expect(bridges).toMatch(/^auto vmbr1\niface vmbr1 inet manual\n/m);
    expect(bridges).toMatch(/^auto vmbr2\niface vmbr2 inet manual\n/m);
  } else {
    expect(existsSync(bridgesFile)).toBe(false);
  }

  // The commands, in a safe order: restore point first, the pool before its datasets and storages, guests on
  // them, passthrough attached to the created VM, timers enabled after their units are loaded.
  const calls = j.calls().map(callLine);
  const restore = at(calls, 'zfs snapshot rpool/ROOT/pve-1@nix-mox_pre-apply_');
  const initramfs = at(calls, 'update-initramfs -u -k all');
  const refresh = at(calls, 'proxmox-boot-tool refresh');
  const pool = at(calls, `zpool create -o ashift=12 tank raidz1 ${DISKS.join(' ')}`);
  const dataset = at(calls, 'zfs create -o compression=zstd tank/vm-disks');
  const storage = at(calls, 'pvesm add zfspool tank-vm-disks --pool tank/vm-disks --content images');
  const lxc = at(calls, 'pct create 100 local:vztmpl/nixos-26.05-x86_64-linux.tar.xz --hostname nixos-lxc');
  const windows = at(calls, 'qm create 101 --name windows --machine q35 --bios ovmf');
  const pass = at(
    calls,
    'qm set 101 --hostpci0 0000:01:00,pcie=1,x-vga=1 --hostpci1 0000:03:00.0,pcie=1 --hostpci2 0000:0d:00.3,pcie=1',
  );
  const backup = at(
    calls,
    'pvesh create /cluster/backup --id nix-mox --schedule 03:00 --storage tank-backups',
  );
  const reload = at(calls, 'systemctl daemon-reload');
  const timer = at(calls, 'systemctl enable --now nix-mox-snapshot-hourly.timer');
  const build = at(calls, 'pct exec 100 -- /run/current-system/sw/bin/nixos-rebuild dry-build');
  const switched = at(calls, 'pct exec 100 -- /run/current-system/sw/bin/nixos-rebuild switch');
  expect(restore).toBeLessThan(initramfs);
  expect(initramfs).toBeLessThan(refresh);
  expect(restore).toBeLessThan(pool);
  expect(pool).toBeLessThan(dataset);
  expect(dataset).toBeLessThan(storage);
  expect(storage).toBeLessThan(lxc);
  expect(storage).toBeLessThan(windows);
  expect(windows).toBeLessThan(pass);
  expect(pass).toBeLessThan(backup);
  expect(reload).toBeLessThan(timer);
  expect(build).toBeLessThan(switched);
  expect(calls[windows]).toContain(`--memory 32768`);
  expect(calls[windows]).toContain(`--net0 virtio,bridge=${windowsBridge}`);
  for (const p of ['hourly', 'daily', 'weekly', 'monthly', 'update'].map(
    (l) => `nix-mox-${l === 'update' ? l : `snapshot-${l}`}.timer`,
  )) {
    expect(calls).toContain(`systemctl enable --now ${p}`);
  }
  // Exactly one pool was created, on exactly the four blank disks, and no system disk was touched.
  expect(calls.filter((c) => c.startsWith('zpool create'))).toHaveLength(1);
  expect(calls.filter((c) => /nvme|\/dev\/sd/.test(c))).toEqual([]);
  if (opts.bridges) {
    // Checked first, the revert armed (a transient timer that survives this session), applied, then kept: the
    // person's "y" stopped the revert timer.
    const syntax = at(calls, 'ifup -a --syntax-check -i ');
    const armed = at(calls, 'systemd-run --on-active=65s --unit=nix-mox-net-revert');
    const reloadCheck = at(calls, 'ifreload -a --syntax-check');
    const apply = calls.indexOf('ifreload -a');
    const kept = at(calls, 'systemctl stop nix-mox-net-revert.timer');
    expect(syntax).toBeLessThan(armed);
    expect(armed).toBeLessThan(reloadCheck);
    expect(reloadCheck).toBeLessThan(apply);
    expect(apply).toBeLessThan(kept);
    expect(calls.filter((c) => c === 'ifreload -a')).toHaveLength(1);
  } else {
    expect(calls.filter((c) => c.startsWith('ifreload') || c.startsWith('systemd-run'))).toEqual([]);
  }
}
