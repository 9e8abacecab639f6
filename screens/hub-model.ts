// Pure: what each hub line shows, and whether Review & apply can open.
import { changedSections } from '../src/answers/changed';
import type { HostReport } from '../src/host/types';
import type { Section, SectionStatus } from './sections';
import type { WizardState } from './state';
import { symbols, type Tone } from './theme';

export interface HubEntry {
  section: Section;
  /** Differs from the answers at the last apply (reconfigure). */
  changed: boolean;
  status: SectionStatus;
  marker: string;
  tone: Tone;
  summary: string;
  enabled: boolean;
}

const look: Record<SectionStatus['kind'], { marker: string; tone: Tone }> = {
  done: { marker: symbols.ok, tone: 'ok' },
  missing: { marker: symbols.warn, tone: 'warn' },
  optional: { marker: symbols.todo, tone: 'muted' },
  info: { marker: 'i', tone: 'muted' },
};

export const REVIEW_ID = 'review';

export function hubEntries(state: WizardState, list: Section[]): HubEntry[] {
  const changed = new Set(state.appliedAnswers ? changedSections(state.answers, state.appliedAnswers) : []);
  const rows = list.map((section) => {
    const status = section.status(state);
    return {
      section,
      status,
      ...look[status.kind],
      summary: status.summary,
      enabled: true,
      changed: changed.has(section.id),
    };
  });
  const missing = rows.filter(
    (r) => r.section.required && r.status.kind === 'missing' && r.section.id !== REVIEW_ID,
  );
  return rows.map((r) => {
    if (r.section.id !== REVIEW_ID || missing.length === 0) return r;
    return {
      ...r,
      marker: symbols.bad,
      tone: 'bad' as Tone,
      summary: `blocked: complete ${missing.map((m) => m.section.title).join(', ')}`,
      enabled: false,
    };
  });
}

export function machineLabel(report: HostReport): string {
  const p = report.platform;
  if (p.kind === 'proxmox') return `Proxmox VE ${p.version ?? ''}`.trim() + ` · ${p.bootloader}`;
  if (p.kind === 'nixos') return `NixOS ${p.version ?? ''}`.trim();
  return p.version ? `${p.version} (not Proxmox)` : 'Linux (not Proxmox)';
}
