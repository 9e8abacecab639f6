// What a section shows in the hub's status column; the same shape as screens' SectionStatus (src/ cannot import it).
export type WizardStatus =
  | { kind: 'done'; summary: string }
  | { kind: 'missing'; summary: string }
  | { kind: 'optional'; summary: string }
  | { kind: 'info'; summary: string };

/** "missing: a; b · <summary>" when there are problems, else the given status. */
export function missingOr(problems: string[], otherwise: WizardStatus): WizardStatus {
  if (problems.length === 0) return otherwise;
  return { kind: 'missing', summary: `missing: ${problems.join('; ')} · ${otherwise.summary}` };
}

export const gib = (bytes: number): number => bytes / 2 ** 30;

/** Sizes as people read disk labels: decimal TB/GB. */
export function humanSize(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  if (bytes >= 1e12) return `${trim(bytes / 1e12)} TB`;
  if (bytes >= 1e9) return `${trim(bytes / 1e9)} GB`;
  return `${trim(bytes / 1e6)} MB`;
}

const trim = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, ''));
