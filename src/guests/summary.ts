// The summary at the end of a rollout: one line per guest, what to do next, and the exit code.
import type { GuestOutcome, GuestStatus, RolloutResult } from './types';

const WORDS: Record<GuestStatus, string> = {
  updated: 'updated',
  'rolled-back': 'ROLLED BACK',
  failed: 'FAILED',
  'rollback-failed': 'ROLLBACK FAILED',
  skipped: 'skipped',
};

export function statusWord(s: GuestStatus): string {
  return WORDS[s];
}

export function counts(outcomes: GuestOutcome[]): Record<GuestStatus, number> {
  const c: Record<GuestStatus, number> = {
    updated: 0,
    'rolled-back': 0,
    failed: 0,
    'rollback-failed': 0,
    skipped: 0,
  };
  for (const o of outcomes) c[o.status]++;
  return c;
}

export function headline(result: RolloutResult): string {
  const c = counts(result.outcomes);
  const parts = [
    `${c.updated} updated`,
    c['rolled-back'] ? `${c['rolled-back']} rolled back` : '',
    c.failed ? `${c.failed} failed` : '',
    c['rollback-failed'] ? `${c['rollback-failed']} need attention` : '',
    c.skipped ? `${c.skipped} skipped` : '',
  ].filter(Boolean);
  return `${result.cancelled ? 'Stopped: ' : ''}${parts.join(', ')} (of ${result.outcomes.length} guest${result.outcomes.length === 1 ? '' : 's'}; NixOS ${result.strategy === 'colmena' ? 'deployed by colmena' : 'one at a time'})`;
}

export function summaryLines(result: RolloutResult): string[] {
  const width = Math.max(0, ...result.outcomes.map((o) => o.name.length));
  return [
    headline(result),
    ...result.outcomes.map(
      (o) => `  ${o.name.padEnd(width)}  ${statusWord(o.status).padEnd(15)} ${o.reason}`,
    ),
  ];
}

/** 0 when every guest that could be reached was updated; 1 when any failed or was rolled back; 130 when stopped. */
export function rolloutExitCode(result: RolloutResult): number {
  if (result.cancelled) return 130;
  return result.outcomes.some(
    (o) => o.status === 'failed' || o.status === 'rolled-back' || o.status === 'rollback-failed',
  )
    ? 1
    : 0;
}
