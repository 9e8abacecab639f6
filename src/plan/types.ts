import type { FileEntry } from '../generate/types';

/** D disks, K kernel/boot, S systemd services, F files, P package manager, N network, R reboot needed. */
export type Risk = 'D' | 'K' | 'S' | 'F' | 'P' | 'N' | 'R';

export interface StepCheck {
  /** A read-only command; exit 0 means the step is already done and is skipped. */
  argv: string[];
}

export interface Step {
  id: string;
  title: string;
  argv?: string[];
  write?: FileEntry;
  env?: Record<string, string>;
  root: boolean;
  risk: Risk[];
  timeoutMs: number;
  skipIf?: StepCheck;
  undo?: string[];
  /** Typed confirmation required before a destructive step (a disk or pool name). */
  confirm?: string;
}

export interface Plan {
  steps: Step[];
  rebootNeeded: boolean;
  /** Disks a step will write, by-id path, for the review screen. */
  disksTouched: { byId: string; model: string | null; sizeBytes: number | null }[];
  /** What the user must know or do by hand: rollback, installs, warnings (one sentence or two each). */
  notes?: string[];
}
