import type { Warning } from './types';

export function warning(code: string, message: string, fix: string): Warning {
  return { code, message, fix };
}

/** The first non-empty line of a tool's stderr, for messages that quote why it failed. */
export function firstLine(text: string, max = 160): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}
