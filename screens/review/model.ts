// What the review screen shows, as plain data: one row per step (risk tags, title, the diff or the command), the
// summary line, the disks, the typed confirmations. Pure, so it is tested without a terminal.
import { diffStat } from '../../src/files/diff';
import { formatBytes } from '../../src/host/sizes';
import type { BuiltPlan } from '../../src/plan/build';
import { RISK_LEGEND, RISK_ORDER } from '../../src/plan/risk';
import { quoteArgv, riskTags, stepDiff } from '../../src/plan/render-text';
import type { Plan, Step } from '../../src/plan/types';

export type LineKind = 'add' | 'del' | 'hunk' | 'head' | 'text';

export interface ViewLine {
  text: string;
  kind: LineKind;
}

export interface StepRow {
  step: Step;
  /** `[KRF]`, `[-]` when the step has no risk tag. */
  tags: string;
  /** What the list shows after the tags. */
  label: string;
  /** The detail view: the unified diff of a write, or the command with its checks. */
  detail: ViewLine[];
}

function kindOf(line: string): LineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'head';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'text';
}

function writeDetail(step: Step, current: Map<string, string | null>): { label: string; lines: ViewLine[] } {
  const w = step.write!;
  const diff = stepDiff(step, current);
  const { added, removed } = diffStat(diff);
  const isNew = (current.get(w.path) ?? null) === null;
  const label = `${step.title}  (${isNew ? 'new, ' : ''}+${added} -${removed})`;
  const lines: ViewLine[] = [
    { text: `${w.path}  mode ${w.mode.toString(8).padStart(4, '0')}  owner ${w.owner}`, kind: 'text' },
    ...diff
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => ({ text: l, kind: kindOf(l) })),
  ];
  return { label, lines };
}

function commandDetail(step: Step): ViewLine[] {
  const out: ViewLine[] = [{ text: `$ ${quoteArgv(step.argv ?? [])}`, kind: 'text' }];
  if (step.risk.length > 0)
    out.push({ text: `risk: ${step.risk.map((r) => `${r} ${RISK_LEGEND[r]}`).join(', ')}`, kind: 'text' });
  out.push({
    text: `runs as root: ${step.root ? 'yes' : 'no'}; stops after ${Math.round(step.timeoutMs / 60_000) || 1} min`,
    kind: 'text',
  });
  if (step.skipIf)
    out.push({ text: `skipped when this succeeds: ${quoteArgv(step.skipIf.argv)}`, kind: 'text' });
  if (step.undo) out.push({ text: `undone with: ${quoteArgv(step.undo)}`, kind: 'text' });
  if (step.confirm)
    out.push({ text: `destructive: you type "${step.confirm}" before it runs`, kind: 'text' });
  return out;
}

export function reviewRows(built: BuiltPlan): StepRow[] {
  return built.plan.steps.map((step) => {
    if (step.write) {
      const w = writeDetail(step, built.current);
      return { step, tags: riskTags(step), label: w.label, detail: w.lines };
    }
    return { step, tags: riskTags(step), label: step.title, detail: commandDetail(step) };
  });
}

export function summaryLine(plan: Plan): string {
  const writes = plan.steps.filter((s) => s.write).length;
  const parts = [
    `${plan.steps.length} steps`,
    `${writes} files`,
    `${plan.steps.length - writes} commands`,
    plan.rebootNeeded ? 'reboot needed' : 'no reboot',
  ];
  if (plan.disksTouched.length > 0) parts.push(`${plan.disksTouched.length} disks erased`);
  return parts.join(' · ');
}

export function diskLines(plan: Plan): string[] {
  if (plan.disksTouched.length === 0) return ['No disk is written: no new pool.'];
  const width = Math.max(...plan.disksTouched.map((d) => d.byId.length));
  return plan.disksTouched.map(
    (d) => `${d.byId.padEnd(width)}  ${d.model ?? 'unknown model'}  ${formatBytes(d.sizeBytes)}`,
  );
}

export function rebootLine(plan: Plan): string {
  return plan.rebootNeeded
    ? 'Reboot needed after the run: the kernel command line, initramfs or drivers change.'
    : 'No reboot needed.';
}

export const LEGEND = `${RISK_ORDER.map((r) => `${r} ${RISK_LEGEND[r]}`).join('  ')}  - none`;

/** The steps that need a typed name before anything runs, in plan order. */
export function typedConfirmations(plan: Plan): { stepId: string; name: string; title: string }[] {
  return plan.steps
    .filter((s) => s.confirm !== undefined)
    .map((s) => ({ stepId: s.id, name: s.confirm!, title: s.title }));
}

/** The first index to show so that `cursor` stays inside a window of `height` rows. */
export function scrollTop(cursor: number, top: number, height: number): number {
  if (cursor < top) return cursor;
  if (cursor >= top + height) return cursor - height + 1;
  return top;
}
