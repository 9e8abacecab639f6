// The Plan step that applies the network change: risk N, the countdown in its title, the script's argv.
import type { Step } from '../plan/types';
import { DEFAULT_COUNTDOWN_S, NETWORK_APPLY_STEP_ID, networkApplyArgv, REVERT_GRACE_S } from './apply';
import type { NetworkFiles } from './generate';

export interface NetworkStepOptions {
  countdownS?: number;
  /** Staging root (--root) the FileSet was written under; '/' for the live system. */
  root?: string;
  script?: string;
}

export function networkStepTitle(files: NetworkFiles, countdownS: number): string {
  const add = files.bridges.length > 0 ? `Apply bridges ${files.bridges.join(', ')}` : '';
  const drop =
    files.removed.length > 0 ? `${add ? ', remove' : 'Remove bridges'} ${files.removed.join(', ')}` : '';
  return `${add || drop ? add + drop : 'Apply the network configuration'}: confirm within ${countdownS} s or it reverts`;
}

/**
 * Runs after the FileSet's writes (which put files.stage in place). Empty when nothing changes. The step's own
 * timeout covers the countdown, the grace, and two reloads.
 */
export function networkSteps(files: NetworkFiles, opts: NetworkStepOptions = {}): Step[] {
  if (!files.changed) return [];
  const countdownS = opts.countdownS ?? DEFAULT_COUNTDOWN_S;
  const common = { stageDir: files.stageDir, root: opts.root, script: opts.script };
  return [
    {
      id: NETWORK_APPLY_STEP_ID,
      title: networkStepTitle(files, countdownS),
      argv: networkApplyArgv({ ...common, countdownS, graceS: REVERT_GRACE_S }),
      root: true,
      risk: ['N'],
      timeoutMs: (countdownS + REVERT_GRACE_S + 180) * 1000,
    },
  ];
}

/** For the countdown view: the staging dir and root of a network apply step, read back from its argv. */
export function networkStepStage(step: Step): { stageDir: string; root: string | undefined } | null {
  if (step.id !== NETWORK_APPLY_STEP_ID || !step.argv || step.argv[1] !== 'apply') return null;
  const i = step.argv.indexOf('--root');
  return { stageDir: step.argv[step.argv.length - 1]!, root: i > 0 ? step.argv[i + 1] : undefined };
}
