// The per-guest update of the NixOS guests, run from the Proxmox host (issue 10): what a target is, how nix-mox
// reaches into it, what each guest ended as, and the events the panes and the plain printer read.
import type { RunEvent } from '../run/types';

export type GuestKind = 'lxc' | 'vm';

/** How commands reach the guest: `pct exec`/`pct push` for a container, SSH or the QEMU guest agent for a VM. */
export type Transport =
  | { kind: 'pct'; vmid: number }
  | { kind: 'ssh'; destination: string }
  | { kind: 'agent'; vmid: number; node: string };

export interface GuestTarget {
  /** nixosConfigurations.<name> in the flake; also the colmena node name. */
  name: string;
  vmid: number;
  kind: GuestKind;
  transport: Transport;
  /** The ZFS datasets (zvols, subvols) that hold the guest's disks; snapshotted together before the switch. */
  datasets: string[];
  /** Why there are no datasets to snapshot (the disk is not on ZFS): said in the pane instead of a snapshot. */
  noSnapshotReason?: string;
  /** Set when the guest cannot be updated now (stopped, unreachable): it is reported as skipped with this reason. */
  skipReason?: string;
}

export interface UpdateSettings {
  /** The flake on the host (FLAKE_DIR), packed and pushed into each guest. */
  hostFlakeDir: string;
  /** Where the flake is unpacked inside a guest. */
  guestFlakeDir: string;
  /** `update`: nix flake update in the guest; `pinned`: build with the lock file as pushed. */
  inputs: 'update' | 'pinned';
  /** Pre-update snapshots kept per dataset after a successful update (older ones are destroyed). */
  snapshotKeep: number;
  now: Date;
  /** A scratch directory on the host for the packed flake. */
  workDir: string;
}

export type GuestStatus = 'updated' | 'rolled-back' | 'failed' | 'rollback-failed' | 'skipped';

export interface GuestOutcome {
  name: string;
  vmid: number;
  status: GuestStatus;
  /** One sentence: what happened, and for anything but `updated` what to do next. */
  reason: string;
  /** The snapshot taken before the switch (`dataset@name` of the first dataset), or null. */
  snapshot: string | null;
  rollback: 'generation' | 'snapshot' | null;
  /** Units that failed after the switch and not before it. */
  newFailedUnits: string[];
  /** The step that failed first, for its log. */
  failedStepId: string | null;
  logPaths: Record<string, string>;
}

export interface StepInfo {
  id: string;
  title: string;
}

export type RolloutEvent =
  /** A guest (or the colmena deployment) begins; `steps` are the ones planned for it. */
  | { type: 'guest-start'; name: string; title: string; steps: StepInfo[] }
  /** A step that was not planned (the rollback) joins a guest's list. */
  | { type: 'step-added'; name: string; step: StepInfo }
  | { type: 'run'; name: string; event: RunEvent }
  | { type: 'guest-end'; outcome: GuestOutcome }
  | { type: 'note'; text: string };

export type RolloutListener = (event: RolloutEvent) => void;

export interface RolloutResult {
  strategy: 'sequential' | 'colmena';
  /** Why this strategy (e.g. "3 targets and colmena is on PATH"). */
  why: string;
  outcomes: GuestOutcome[];
  cancelled: boolean;
}
