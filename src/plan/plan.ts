// plan(answers, report, files, current) -> Plan: the ordered steps that take the machine from what is on it now
// to what the answers describe. Only what changed gets a step, so a reconfigure runs only what it needs. Risky
// steps (disks, kernel and boot) get a restore point before them; destructive ones a typed confirmation.
import type { Answers } from '../answers/schema';
import { resolveContent } from '../generate/edits';
import { fragmentClosure } from '../generate/nixos';
import { type GuestDef, type HostState, desiredHostState, parseHostState } from '../generate/host-state';
import { type NixosMachine, nixosMachines, systemPool } from '../generate/machines';
import { passthroughModel } from '../generate/passthrough';
import { FLAKE_DIR, STATE_FILE, UNIT_DIR } from '../generate/paths';
import { GRUB_DEFAULT, KERNEL_CMDLINE } from '../generate/proxmox';
import type { FileEntry, FileSet } from '../generate/types';
import type { HostReport } from '../host/types';
import { plannedNotes } from './notes';
import { RISKY, fileRisks, isBootFile } from './risk';
import * as S from './steps';
import { type NetworkFiles, networkSteps } from '../network/index';
import type { Plan, Step } from './types';

export interface PlanOptions {
  /** Names the restore-point snapshot (defaults to now). */
  now?: Date;
  /** The bridges change (src/network), applied with its confirm-or-revert countdown after the file writes. */
  network?: NetworkFiles;
  /** Staging root (--root) the files are written under; the network step reads its staging area there. */
  root?: string;
}

/** What changed on disk, for the commands that follow file writes. */
export interface FileChanges {
  changed: Set<string>;
  created: Set<string>;
}

function writeTitle(f: FileEntry, isNew: boolean): string {
  if (f.edit?.kind === 'kernel-cmdline' || f.edit?.kind === 'grub-cmdline') {
    return `Edit ${f.path}: nix-mox's kernel arguments only`;
  }
  if (f.edit?.kind === 'marked-block' && !isNew) return `Edit ${f.path}: nix-mox's block only`;
  return `${isNew ? 'Create' : 'Update'} ${f.path}`;
}

/** Kernel arguments an earlier apply added that the answers no longer want: removed, and only those. */
function withStaleArgs(f: FileEntry, prev: HostState): FileEntry {
  const edit = f.edit;
  if (edit?.kind !== 'kernel-cmdline' && edit?.kind !== 'grub-cmdline') return f;
  const stale = prev.kernelArgs.filter((a) => !edit.ensure.includes(a));
  return stale.length === 0 ? f : { ...f, edit: { ...edit, remove: [...edit.remove, ...stale] } };
}

function writeSteps(
  files: FileSet,
  current: Map<string, string | null>,
  prev: HostState,
): { steps: Step[]; state: Step | null; changes: FileChanges } {
  const steps: Step[] = [];
  let state: Step | null = null;
  const changes: FileChanges = { changed: new Set(), created: new Set() };
  for (const f of files) {
    const cur = current.get(f.path) ?? null;
    const next = resolveContent(withStaleArgs(f, prev), cur);
    if (next === null || next === cur) continue;
    changes.changed.add(f.path);
    if (cur === null) changes.created.add(f.path);
    const { edit: _edit, ...plain } = f;
    const step: Step = {
      id: `write-${S.slug(f.path)}`,
      title: writeTitle(f, cur === null),
      write: { ...plain, content: next },
      root: true,
      risk: fileRisks(f.path),
      timeoutMs: 30_000,
    };
    if (f.path === STATE_FILE) state = step;
    else steps.push(step);
  }
  return { steps, state, changes };
}

/** The dataset / boots from, as the kernel command line names it (root=ZFS=rpool/ROOT/pve-1). */
function rootDataset(current: Map<string, string | null>): string | null {
  for (const path of [KERNEL_CMDLINE, GRUB_DEFAULT]) {
    const m = /(?:^|[\s"'])root=ZFS=([^\s"']+)/.exec(current.get(path) ?? '');
    if (m) return m[1]!;
  }
  return null;
}

function restorePointStep(
  answers: Answers,
  report: HostReport,
  current: Map<string, string | null>,
  now: Date,
): Step | null {
  const pool = systemPool(report);
  if (pool === null) return null;
  const dataset = rootDataset(current);
  if (dataset) return S.restorePoint(dataset, false, now);
  return answers.machine.role === 'proxmox-host'
    ? S.restorePoint(`${pool}/ROOT`, true, now)
    : S.restorePoint(pool, true, now);
}

function machineFiles(m: NixosMachine): (path: string) => boolean {
  const fragments = new Set(fragmentClosure(m.fragments).map((f) => `${FLAKE_DIR}/fragments/${f}.nix`));
  return (path) =>
    path === `${FLAKE_DIR}/flake.nix` ||
    path.startsWith(`${FLAKE_DIR}/hosts/${m.name}/`) ||
    fragments.has(path);
}

const sameGuest = (a: GuestDef, b: GuestDef) => a.cores === b.cores && a.memoryMiB === b.memoryMiB;

interface ProxmoxContext {
  answers: Answers;
  report: HostReport;
  desired: HostState;
  prev: HostState;
  changes: FileChanges;
}

function bootSteps(report: HostReport, changes: FileChanges): Step[] {
  const changed = [...changes.changed];
  const initramfs = changed.some((p) => isBootFile(p) && p !== KERNEL_CMDLINE && p !== GRUB_DEFAULT);
  const cmdline = changes.changed.has(KERNEL_CMDLINE) || changes.changed.has(GRUB_DEFAULT);
  const steps: Step[] = [];
  if (initramfs) steps.push(S.updateInitramfs());
  const bl = report.platform.bootloader;
  if (bl === 'systemd-boot' && (initramfs || cmdline)) steps.push(S.refreshBoot('systemd-boot'));
  if (bl === 'grub' && changes.changed.has(GRUB_DEFAULT)) steps.push(S.refreshBoot('grub'));
  return steps;
}

function storageSteps({ report, desired, prev }: ProxmoxContext, disks: Plan['disksTouched']): Step[] {
  const steps: Step[] = [];
  const pools = new Set((report.zfs?.pools ?? []).map((p) => p.name));
  if (desired.pool && !pools.has(desired.pool.name)) {
    steps.push(S.zpoolCreate(desired.pool.name, desired.pool.layout, desired.pool.disks));
    for (const byId of desired.pool.disks) {
      const d = report.disks.find((x) => x.byId === byId);
      disks.push({ byId, model: d?.model ?? null, sizeBytes: d?.sizeBytes ?? null });
    }
  }
  for (const ds of desired.datasets) if (!prev.datasets.includes(ds)) steps.push(S.zfsCreate(ds));
  for (const s of desired.storages) {
    if (!prev.storages.some((p) => JSON.stringify(p) === JSON.stringify(s))) steps.push(S.storageAdd(s));
  }
  return steps;
}

function nodeName(ctx: ProxmoxContext): string {
  return (ctx.report.hostname ?? ctx.answers.machine.hostname).split('.')[0]!;
}

function guestSteps(ctx: ProxmoxContext, backedUp: Set<number>): { steps: Step[]; created: Set<number> } {
  const { report, desired, prev, answers } = ctx;
  const steps: Step[] = [];
  const created = new Set<number>();
  const exists = (vmid: number) => report.guests.some((g) => g.vmid === vmid);
  const ptVmid = desired.passthrough?.vmid ?? null;
  const newGuests = desired.guests.filter((g) => !exists(g.vmid));
  if (newGuests.some((g) => g.kind === 'lxc')) steps.push(S.downloadTemplate(nodeName(ctx)));
  for (const g of newGuests) {
    created.add(g.vmid);
    if (g.kind === 'lxc') steps.push(S.pctCreate(g), S.pctStart(g.vmid));
    else {
      const windows = g.role === 'windowsVm';
      steps.push(S.qmCreate(g, { ovmf: windows || g.vmid === ptVmid, windows }));
    }
  }
  for (const g of desired.guests) {
    if (created.has(g.vmid)) continue;
    const before = prev.guests.find((p) => p.vmid === g.vmid);
    if (before && !sameGuest(before, g)) {
      steps.push(...backupOnce(g.vmid, answers, backedUp), S.guestResize(g));
    }
  }
  return { steps, created };
}

function backupOnce(vmid: number, answers: Answers, backedUp: Set<number>): Step[] {
  if (backedUp.has(vmid)) return [];
  backedUp.add(vmid);
  return [S.guestBackup(vmid, answers.maintenance.backup.storage)];
}

function passthroughSteps(ctx: ProxmoxContext, created: Set<number>, backedUp: Set<number>): Step[] {
  const { desired, prev, report, answers } = ctx;
  const a = desired.passthrough;
  const b = prev.passthrough;
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const existed = (vmid: number) => report.guests.some((g) => g.vmid === vmid);
  const steps: Step[] = [];
  const slots = (n: number, from: number) =>
    Array.from({ length: Math.max(0, n - from) }, (_, i) => `hostpci${from + i}`);
  if (b && (!a || a.vmid !== b.vmid) && existed(b.vmid)) {
    steps.push(
      ...backupOnce(b.vmid, answers, backedUp),
      S.qmSetHostpci(b.vmid, [], slots(b.hostpci.length, 0)),
    );
  }
  if (a && (existed(a.vmid) || created.has(a.vmid))) {
    const stale = b && b.vmid === a.vmid ? slots(b.hostpci.length, a.hostpci.length) : [];
    if (existed(a.vmid)) steps.push(...backupOnce(a.vmid, answers, backedUp));
    steps.push(S.qmSetHostpci(a.vmid, a.hostpci, stale));
  }
  return steps;
}

function backupJobSteps({ desired, prev }: ProxmoxContext): Step[] {
  const a = desired.backupJob;
  const b = prev.backupJob;
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && !b) return [S.backupJobCreate(a)];
  if (a && b) return [S.backupJobUpdate(a)];
  return b ? [S.backupJobDelete(b.id)] : [];
}

function timerSteps({ desired, prev, changes }: ProxmoxContext): Step[] {
  const unitChanged = [...changes.changed].some((p) => p.startsWith(`${UNIT_DIR}/`));
  const stopped = prev.timers.filter((t) => !desired.timers.includes(t));
  const steps: Step[] = [];
  for (const t of desired.timers) {
    const timer = `${UNIT_DIR}/${t}`;
    const service = `${UNIT_DIR}/${t.replace(/\.timer$/, '.service')}`;
    if (changes.created.has(timer)) steps.push(S.timerStart(t, true));
    else if (changes.changed.has(timer) || changes.changed.has(service) || !prev.timers.includes(t)) {
      steps.push(S.timerStart(t, !prev.timers.includes(t)));
    }
  }
  for (const t of stopped) steps.push(S.timerStop(t));
  return unitChanged || steps.length > 0 ? [S.daemonReload(), ...steps] : [];
}

function containerSteps(ctx: ProxmoxContext, created: Set<number>, backedUp: Set<number>): Step[] {
  const { answers, report, changes } = ctx;
  const steps: Step[] = [];
  for (const m of nixosMachines(answers, report)) {
    if (m.kind !== 'lxc' || !m.guest) continue;
    const touches = machineFiles(m);
    const isNew = created.has(m.guest.vmid);
    if (!isNew && ![...changes.changed].some(touches)) continue;
    if (!isNew) steps.push(...backupOnce(m.guest.vmid, answers, backedUp));
    steps.push(S.containerDryBuild(m.guest.vmid, m.name), S.containerSwitch(m.guest.vmid, m.name));
  }
  return steps;
}

// Settings of a NixOS host that take effect only at the next boot: kernel parameters and modules, the initrd,
// the GPU driver (a kernel module swap), vfio and ZFS.
const BOOT_TIME =
  /\bboot\.(kernelParams|kernelModules|initrd|extraModprobeConfig|blacklistedKernelModules|kernelPackages|supportedFilesystems)|videoDrivers|hardware\.nvidia|nix-mox\.vfio|fragments\/(vfio|zfs)\.nix/;

function bootLines(text: string | null): string {
  return (text ?? '')
    .split('\n')
    .filter((l) => BOOT_TIME.test(l))
    .join('\n');
}

function metalSteps(
  answers: Answers,
  files: FileSet,
  current: Map<string, string | null>,
  changes: FileChanges,
): { steps: Step[]; reboot: boolean } {
  const host = answers.machine.hostname;
  const flakeChanged = [...changes.changed].some((p) => p.startsWith(`${FLAKE_DIR}/`));
  if (!flakeChanged) return { steps: [], reboot: false };
  const hostFiles = files.filter(
    (f) => f.path.startsWith(`${FLAKE_DIR}/hosts/${host}/`) || f.path === `${FLAKE_DIR}/fragments/vfio.nix`,
  );
  const reboot = hostFiles.some((f) => bootLines(f.content) !== bootLines(current.get(f.path) ?? null));
  return { steps: [S.nixosGenerateConfig(host), S.nixosDryBuild(host), S.nixosSwitch(host)], reboot };
}

/** The kernel command line file nix-mox must add arguments to, when it does not exist. */
function missingCmdline(files: FileSet, current: Map<string, string | null>): string | null {
  const f = files.find((x) => x.edit?.kind === 'kernel-cmdline' || x.edit?.kind === 'grub-cmdline');
  if (!f || f.content === '' || (current.get(f.path) ?? null) !== null) return null;
  return f.path;
}

function withRestorePoint(steps: Step[], restore: Step | null): Step[] {
  const first = steps.findIndex(
    (s) => !s.id.startsWith('backup-guest-') && s.risk.some((r) => RISKY.includes(r)),
  );
  if (first === -1 || restore === null) return steps;
  return [...steps.slice(0, first), restore, ...steps.slice(first)];
}

/**
 * Under --root the machine's files are below the root: a "skip when this file exists" check (`test -e PATH`)
 * must look there, not at the machine nix-mox runs on.
 */
export function stagedFileChecks(steps: Step[], root: string): Step[] {
  if (root === '/') return steps;
  return steps.map((s) => {
    const [cmd, flag, path, ...rest] = s.skipIf?.argv ?? [];
    if (cmd !== 'test' || flag !== '-e' || !path?.startsWith('/') || rest.length > 0) return s;
    return { ...s, skipIf: { argv: ['test', '-e', `${root.replace(/\/+$/, '')}${path}`] } };
  });
}

export function plan(
  answers: Answers,
  report: HostReport,
  files: FileSet,
  current: Map<string, string | null>,
  opts: PlanOptions = {},
): Plan {
  const now = opts.now ?? new Date();
  const prevState = parseHostState(current.get(STATE_FILE));
  const { steps: writes, state, changes } = writeSteps(files, current, prevState.state);
  const disksTouched: Plan['disksTouched'] = [];
  let steps: Step[];
  let rebootNeeded = [...changes.changed].some(isBootFile);
  const pt = passthroughModel(answers, report);

  if (answers.machine.role === 'proxmox-host') {
    const ctx: ProxmoxContext = {
      answers,
      report,
      desired: desiredHostState(answers, report, pt),
      prev: prevState.state,
      changes,
    };
    const backedUp = new Set<number>();
    const guests = guestSteps(ctx, backedUp);
    steps = [
      ...writes,
      ...(opts.network ? networkSteps(opts.network, { root: opts.root ?? '/' }) : []),
      ...bootSteps(report, changes),
      ...storageSteps(ctx, disksTouched),
      ...guests.steps,
      ...passthroughSteps(ctx, guests.created, backedUp),
      ...backupJobSteps(ctx),
      ...timerSteps(ctx),
      ...containerSteps(ctx, guests.created, backedUp),
    ];
  } else {
    const metal = metalSteps(answers, files, current, changes);
    rebootNeeded ||= metal.reboot;
    steps = [...writes, ...metal.steps];
  }
  const restore = restorePointStep(answers, report, current, now);
  steps = withRestorePoint(steps, restore);
  // The record of what is set up is written last, so a run that stops halfway is planned again next time.
  if (state) steps.push(state);
  return {
    steps: stagedFileChecks(steps, opts.root ?? '/'),
    rebootNeeded,
    disksTouched,
    notes: plannedNotes({
      answers,
      report,
      files,
      steps,
      pt,
      restore,
      stateProblem: prevState.problem,
      cmdlineMissing: missingCmdline(files, current),
    }),
  };
}
