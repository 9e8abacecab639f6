// The plan as text, for `nix-mox plan` and logs: each step in order with its risk tags, files with a unified
// diff against what is on disk now (new files whole), commands as a person would type them, the disks that will
// be written, whether a reboot is needed, and the notes.
import { diffStat, unifiedDiff } from '../files/diff';
import { isNetworkStagePath } from '../network/index';
import { formatBytes } from '../host/sizes';
import { RISK_LEGEND, RISK_ORDER } from './risk';
import type { Plan, Step } from './types';

/** argv as a person would type it: plain words as they are, anything else in single quotes. */
export function quoteArgv(argv: string[]): string {
  return argv
    .map((a) => (/^[A-Za-z0-9_@%+=:,./#-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

export function riskTags(step: Step): string {
  return step.risk.length > 0 ? `[${step.risk.join('')}]` : '[-]';
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');
}

export function stepDiff(step: Step, current: Map<string, string | null>): string {
  if (!step.write) return '';
  // Staging copies of the interfaces files may hold secrets (Wi-Fi keys); the bridges step shows what changes.
  if (isNetworkStagePath(step.write.path)) return '(staged for the bridges step; contents not shown)\n';
  return unifiedDiff(step.write.path, current.get(step.write.path) ?? null, step.write.content);
}

export interface RenderOptions {
  /** A one-line stand-in for a write's diff (e.g. a file copied unchanged from the package), or null. */
  summarize?: (step: Step) => string | null;
}

function renderStep(step: Step, n: number, current: Map<string, string | null>, opts: RenderOptions): string {
  const lines = [`${String(n).padStart(2)}. ${riskTags(step).padEnd(6)} ${step.title}`];
  if (step.write) {
    const mode = `      mode ${step.write.mode.toString(8).padStart(4, '0')} ${step.write.owner}`;
    const summary = opts.summarize?.(step) ?? null;
    if (summary !== null) lines.push(mode, `      ${summary}`);
    else {
      const diff = stepDiff(step, current);
      const { added, removed } = diffStat(diff);
      lines.push(`${mode}, +${added} -${removed}`, indent(diff.replace(/\n$/, ''), '      '));
    }
  }
  if (step.argv) lines.push(`      $ ${quoteArgv(step.argv)}`);
  if (step.skipIf) lines.push(`      skipped when this succeeds: ${quoteArgv(step.skipIf.argv)}`);
  if (step.confirm) lines.push(`      destructive: you type "${step.confirm}" to go ahead`);
  return lines.join('\n');
}

export function renderPlanText(
  plan: Plan,
  current: Map<string, string | null>,
  heading: string,
  opts: RenderOptions = {},
): string {
  const out: string[] = [heading, ''];
  if (plan.steps.length === 0) {
    out.push('Nothing to do: the machine already matches the answers.');
    return `${out.join('\n')}\n`;
  }
  const writes = plan.steps.filter((s) => s.write).length;
  out.push(`${plan.steps.length} steps: ${writes} file writes, ${plan.steps.length - writes} commands.`, '');
  plan.steps.forEach((s, i) => {
    out.push(renderStep(s, i + 1, current, opts));
  });
  out.push('');
  out.push('Disks that will be written:');
  if (plan.disksTouched.length === 0) out.push('  none');
  for (const d of plan.disksTouched)
    out.push(`  ${d.byId}  ${d.model ?? 'unknown model'}  ${formatBytes(d.sizeBytes)}`);
  out.push('');
  out.push(
    `Reboot needed: ${plan.rebootNeeded ? 'yes, after the run (kernel, initramfs or driver settings change)' : 'no'}`,
  );
  if (plan.notes && plan.notes.length > 0) {
    out.push('', 'Notes:');
    for (const n of plan.notes) out.push(`  - ${n}`);
  }
  out.push('', `Risk tags: ${RISK_ORDER.map((r) => `${r} ${RISK_LEGEND[r]}`).join(', ')}; [-] none.`);
  return `${out.join('\n')}\n`;
}
