// Answers files for export, import and replay (`setup --save`, `setup --answers`, `plan --answers`).
// The same reader the wizard's store uses: migrate, defaults, strict validation, messages by key path.
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import type { HostReport } from '../host/types';
import type { Answers } from './schema';
import { type ParseResult, parseAnswers, validateAnswers } from './validate';

export type LoadResult = ParseResult;

/** Where in the text a JSON.parse error points, as "line L, column C". */
function jsonPosition(text: string, message: string): string {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return 'unknown position';
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export function parseAnswersText(text: string, opts: { report?: HostReport } = {}): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      errors: [`(file): expected JSON, which it is not at ${jsonPosition(text, message)}`],
    };
  }
  return parseAnswers(raw, opts);
}

/** Reads and validates an answers file. With a report, the answers are also checked against this machine. */
export function loadAnswersFile(path: string, opts: { report?: HostReport } = {}): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? err);
    return { ok: false, errors: [`(file): cannot read ${path}: ${why}`] };
  }
  return parseAnswersText(text, opts);
}

export function answersJson(answers: Answers): string {
  return `${JSON.stringify(answers, null, 2)}\n`;
}

/** Writes answers as JSON, atomically (temp file, fsync, rename) and readable by the owner only. */
export function saveAnswersFile(path: string, answers: Answers): void {
  const checked = validateAnswers(answers);
  if (!checked.ok) throw new Error(`refusing to write invalid answers: ${checked.errors.join('; ')}`);
  writeFileAtomic.sync(path, answersJson(checked.answers), { mode: 0o600 });
}
