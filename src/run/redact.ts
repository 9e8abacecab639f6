// Secrets never reach a log or the terminal: values of secret-looking environment variables and any string
// the caller registers are replaced before a line is shown or written.

const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD/i;
/** Shorter values ("1", "no") would shred ordinary output without protecting anything. */
const MIN_SECRET_LENGTH = 3;
export const REDACTED = '***';

export type Redact = (text: string) => string;

export function secretValuesFromEnv(env: Record<string, string | undefined>): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && SECRET_NAME.test(name)) values.push(value);
  }
  return values;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function makeRedactor(secrets: Iterable<string>): Redact {
  const unique = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH))];
  if (unique.length === 0) return (text) => text;
  // Longest first, so a secret that contains another is replaced whole.
  unique.sort((a, b) => b.length - a.length);
  const re = new RegExp(unique.map(escapeRegExp).join('|'), 'g');
  return (text) => (text.length >= MIN_SECRET_LENGTH ? text.replace(re, REDACTED) : text);
}
