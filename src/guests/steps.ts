// Every step of one guest's update, as data: id, title, argv (through the guest's transport where it runs in the
// guest), risk tags and timeout. Pure; the rollout decides which of them run.
import type { GuestStep } from './exec';
import { guestCommands } from './guest-commands';
import { destroyArgv, listSnapshotsArgv, rollbackArgv, snapshotArgv } from './snapshots';
import { execArgv, pushArgv, transportLabel } from './transport';
import type { GuestTarget, StepInfo, UpdateSettings } from './types';

const SEC = 1000;
const MIN = 60 * SEC;

/** Where the packed flake lands in the guest before it is unpacked. */
export const REMOTE_TARBALL = '/tmp/nix-mox-flake.tar.gz';

export function localTarball(settings: UpdateSettings, target: GuestTarget): string {
  return `${settings.workDir}/${target.name}-flake.tar.gz`;
}

export function stepId(target: GuestTarget, phase: string): string {
  return `${target.name}.${phase}`;
}

function inGuest(
  t: GuestTarget,
  phase: string,
  title: string,
  argv: string[],
  timeoutMs: number,
  extra: Partial<GuestStep> = {},
): GuestStep {
  return {
    id: stepId(t, phase),
    title,
    argv: execArgv(t.transport, argv),
    timeoutMs,
    risk: [],
    root: t.transport.kind !== 'ssh',
    agent: t.transport.kind === 'agent',
    ...extra,
  };
}

function onHost(
  t: GuestTarget,
  phase: string,
  title: string,
  argv: string[],
  timeoutMs: number,
  extra: Partial<GuestStep> = {},
): GuestStep {
  return { id: stepId(t, phase), title, argv, timeoutMs, risk: [], root: true, ...extra };
}

function pushTitle(t: GuestTarget): string {
  const how =
    t.transport.kind === 'pct' ? 'pct push' : t.transport.kind === 'ssh' ? 'scp' : 'guest agent file-write';
  return `Copy the flake into the guest (${how})`;
}

function guestCtl(t: GuestTarget, action: 'stop' | 'start'): string[] {
  return [t.kind === 'lxc' ? 'pct' : 'qm', action, String(t.vmid)];
}

export function guestSteps(t: GuestTarget, s: UpdateSettings) {
  const dir = s.guestFlakeDir;
  const ref = `${dir}#${t.name}`;
  const how = transportLabel(t.transport);
  return {
    reach: inGuest(t, 'reach', `Check that ${t.name} answers (${how})`, guestCommands.answers(), 30 * SEC),
    unitsBefore: inGuest(
      t,
      'units-before',
      'Record the failed systemd units before the update',
      guestCommands.failedUnits(),
      MIN,
      {
        capture: true,
      },
    ),
    generationBefore: inGuest(
      t,
      'generation-before',
      'Record the current system generation',
      guestCommands.generation(),
      30 * SEC,
      {
        capture: true,
      },
    ),
    pack: {
      id: stepId(t, 'pack'),
      title: `Pack the flake (${s.hostFlakeDir})`,
      argv: [
        'tar',
        '--create',
        '--gzip',
        '--file',
        localTarball(s, t),
        '--directory',
        s.hostFlakeDir,
        '--exclude=./.git',
        '.',
      ],
      timeoutMs: MIN,
      risk: [],
      root: false,
    } satisfies GuestStep,
    mkdir: inGuest(t, 'mkdir', `Create ${dir} in the guest`, guestCommands.mkdir(dir), MIN, { risk: ['F'] }),
    push: (base64?: string): GuestStep => ({
      id: stepId(t, 'push'),
      title: pushTitle(t),
      argv: pushArgv(t.transport, localTarball(s, t), REMOTE_TARBALL, base64),
      timeoutMs: 5 * MIN,
      risk: ['F'],
      root: t.transport.kind !== 'ssh',
      ...(base64 ? { hide: [base64] } : {}),
    }),
    unpack: inGuest(
      t,
      'unpack',
      `Unpack the flake into ${dir}`,
      guestCommands.unpack(REMOTE_TARBALL, dir),
      2 * MIN,
      {
        risk: ['F'],
      },
    ),
    lock: inGuest(
      t,
      'lock',
      'Update the flake inputs (nix flake update)',
      guestCommands.lockUpdate(dir),
      15 * MIN,
      {
        risk: ['F', 'N'],
      },
    ),
    dryBuild: inGuest(
      t,
      'dry-build',
      `Check that ${ref} builds (nixos-rebuild dry-build)`,
      guestCommands.dryBuild(dir, t.name),
      60 * MIN,
      {
        risk: ['N'],
      },
    ),
    snapshot: (snapshots: string[]): GuestStep =>
      onHost(
        t,
        'snapshot',
        `Snapshot the guest's disks on the host: ${snapshots.join(', ')}`,
        snapshotArgv(snapshots),
        2 * MIN,
        {
          risk: ['D'],
        },
      ),
    switch: inGuest(
      t,
      'switch',
      `Switch ${t.name} to the new configuration (nixos-rebuild switch)`,
      guestCommands.switch(dir, t.name),
      60 * MIN,
      {
        risk: ['S'],
      },
    ),
    answersAfter: inGuest(
      t,
      'answers-after',
      `Check that ${t.name} still answers`,
      guestCommands.answers(),
      30 * SEC,
    ),
    unitsAfter: inGuest(
      t,
      'units-after',
      'Compare the failed systemd units with before',
      guestCommands.failedUnits(),
      MIN,
      {
        capture: true,
      },
    ),
    listSnapshots: onHost(
      t,
      'snapshots',
      'List the pre-update snapshots kept on the host',
      listSnapshotsArgv(t.datasets),
      MIN,
      {
        capture: true,
        root: true,
      },
    ),
    prune: (i: number, snapshots: string[]): GuestStep =>
      onHost(
        t,
        `prune-${i + 1}`,
        `Destroy ${snapshots.length} older pre-update snapshot(s) of ${snapshots[0]!.split('@')[0]}`,
        destroyArgv(snapshots),
        2 * MIN,
        {
          risk: ['D'],
        },
      ),
    generationNow: inGuest(
      t,
      'generation-now',
      'Which generation is active now',
      guestCommands.generation(),
      30 * SEC,
      { capture: true },
    ),
    rollbackGeneration: (generation: number): GuestStep =>
      inGuest(
        t,
        'rollback-generation',
        `Roll back: make generation ${generation} the system profile again`,
        guestCommands.switchGeneration(generation),
        5 * MIN,
        {
          risk: ['S'],
        },
      ),
    rollbackActivate: inGuest(
      t,
      'rollback-activate',
      'Roll back: activate that generation (switch-to-configuration switch)',
      guestCommands.activateProfile(),
      10 * MIN,
      {
        risk: ['S'],
      },
    ),
    recheckAnswers: inGuest(
      t,
      'recheck-answers',
      `Check that ${t.name} answers after the rollback`,
      guestCommands.answers(),
      30 * SEC,
    ),
    recheckUnits: inGuest(
      t,
      'recheck-units',
      'Compare the failed systemd units with before, after the rollback',
      guestCommands.failedUnits(),
      MIN,
      {
        capture: true,
      },
    ),
    stop: onHost(
      t,
      'stop',
      `Roll back: stop ${t.name} (${t.kind === 'lxc' ? 'CT' : 'VM'} ${t.vmid})`,
      guestCtl(t, 'stop'),
      5 * MIN,
      { risk: ['S'] },
    ),
    zfsRollback: (i: number, snapshot: string): GuestStep =>
      onHost(t, `zfs-rollback-${i + 1}`, `Roll back: ${snapshot}`, rollbackArgv(snapshot), 5 * MIN, {
        risk: ['D'],
      }),
    start: onHost(t, 'start', `Roll back: start ${t.name} again`, guestCtl(t, 'start'), 5 * MIN, {
      risk: ['S'],
    }),
    bootAnswers: inGuest(
      t,
      'boot-answers',
      `Check that ${t.name} answers after the restore`,
      guestCommands.answers(),
      30 * SEC,
    ),
  };
}

export type GuestSteps = ReturnType<typeof guestSteps>;

/** The steps shown when a guest starts, in order (the rollback joins only when it is needed). */
export function plannedSteps(t: GuestTarget, steps: GuestSteps, snapshots: string[]): StepInfo[] {
  const info = (st: { id: string; title: string }): StepInfo => ({ id: st.id, title: st.title });
  return [
    info(steps.reach),
    info(steps.unitsBefore),
    info(steps.generationBefore),
    info(steps.pack),
    info(steps.mkdir),
    { id: stepId(t, 'push'), title: pushTitle(t) },
    info(steps.unpack),
    info(steps.lock),
    info(steps.dryBuild),
    snapshots.length > 0
      ? info(steps.snapshot(snapshots))
      : { id: stepId(t, 'snapshot'), title: "Snapshot the guest's disks on the host" },
    info(steps.switch),
    info(steps.answersAfter),
    info(steps.unitsAfter),
    ...(t.datasets.length > 0 ? [info(steps.listSnapshots)] : []),
  ];
}
