// Zod issues as one line each: "<key path>: expected <form>, got <value>". The form comes from the schema's own
// message where it has one, else from the issue itself (per-parse error map below).
import type { z } from 'zod';
import { closest } from '../suggest';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out === '' ? String(step) : `.${String(step)}`;
  }
  return out === '' ? '(top level)' : out;
}

export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

const typeWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function sizeWords(origin: string, n: number | bigint, atLeast: boolean): string {
  const bound = atLeast ? 'at least' : 'at most';
  if (origin === 'array') return `${bound} ${n} ${n === 1 ? 'entry' : 'entries'}`;
  if (origin === 'string') return `${bound} ${n} characters`;
  return `${bound} ${n}`;
}

/** Per-parse error map: the expected form for issues whose schema gave no message of its own. */
export function expectedForm(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeWords[issue.expected] ?? `a ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? showValue(issue.values[0])
        : `one of ${issue.values.map((v) => showValue(v)).join(', ')}`;
    case 'too_small':
      return sizeWords(issue.origin, issue.minimum, true);
    case 'too_big':
      return sizeWords(issue.origin, issue.maximum, false);
    case 'invalid_format':
      return issue.pattern ? `a string matching ${issue.pattern}` : `a ${issue.format}`;
    case 'unrecognized_keys':
      return 'only known keys';
    default:
      return 'a valid value';
  }
}

/** Keys that hold the path of a secret: a wrong value there may be the secret itself, so it is never echoed. */
export const isSecretPathKey = (path: readonly PropertyKey[]): boolean =>
  path.some((step) => typeof step === 'string' && /Files?$/.test(step));

/** One message per issue; unknown keys get one line each, with the keys allowed there. */
export function formatIssues(
  issues: readonly Issue[],
  knownKeysAt: (path: PropertyKey[]) => string[],
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        const best = closest(key, known);
        const hint = best ? ` (did you mean ${keyPath([...path, best])}?)` : '';
        lines.push(`${keyPath([...path, key])}: unknown key${hint}; expected one of ${known.join(', ')}`);
      }
      continue;
    }
    if (issue.input === undefined && issue.code === 'invalid_type') {
      lines.push(`${keyPath(path)}: missing; expected ${issue.message}`);
      continue;
    }
    const got = isSecretPathKey(path)
      ? 'something else (not shown: it may be a secret)'
      : showValue(issue.input);
    lines.push(`${keyPath(path)}: expected ${issue.message}, got ${got}`);
  }
  return lines;
}
