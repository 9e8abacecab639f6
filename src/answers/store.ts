// The wizard's saved state: the answers as last confirmed, and as they were at the last apply (so the hub can show
// what changed). Kept with conf in $XDG_CONFIG_HOME/nix-mox/answers.json, mode 0600; never a secret inside.
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import Conf from 'conf';
import type { Answers } from './schema';
import { parseAnswers, validateAnswers } from './validate';

interface StoreShape {
  answers?: unknown;
  appliedAnswers?: unknown;
  savedAt?: string;
  appliedAt?: string;
}

export interface AnswersStore {
  /** The file on disk. */
  readonly path: string;
  /** The saved answers, or null when there are none or they are unusable (see problems()). */
  load(): Answers | null;
  /** The answers at the last apply, or null before the first apply. */
  loadApplied(): Answers | null;
  /** What went wrong reading the store (the unusable file is kept beside it). */
  problems(): string[];
  /** Validates, then writes at once. Throws with key-path messages when the answers are invalid. */
  save(answers: Answers): void;
  /** Records the answers that were just applied. */
  saveApplied(answers: Answers): void;
}

/** $XDG_CONFIG_HOME/nix-mox, or ~/.config/nix-mox (a relative XDG_CONFIG_HOME is ignored, as the spec says). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(env['HOME'] || homedir(), '.config');
  return join(base, 'nix-mox');
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

export function openAnswersStore(opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): AnswersStore {
  const cwd = opts.cwd ?? configDir(opts.env);
  mkdirSync(cwd, { recursive: true, mode: 0o700 });
  const problems: string[] = [];
  const make = () =>
    new Conf<StoreShape>({
      projectName: 'nix-mox',
      projectSuffix: '',
      configName: 'answers',
      cwd,
      configFileMode: 0o600,
      clearInvalidConfig: false,
    });

  let conf: Conf<StoreShape>;
  try {
    conf = make();
  } catch (err) {
    const path = join(cwd, 'answers.json');
    const aside = `${path}.unreadable-${stamp()}`;
    if (existsSync(path)) renameSync(path, aside);
    problems.push(`${path} could not be read (${(err as Error).message}); it was moved to ${aside}`);
    conf = make();
  }

  const keepAside = (what: string, errors: string[]) => {
    const aside = `${conf.path}.invalid-${stamp()}`;
    copyFileSync(conf.path, aside);
    problems.push(`${what} in ${conf.path} are not valid (${errors.join('; ')}); a copy is kept at ${aside}`);
  };

  const read = (key: 'answers' | 'appliedAnswers', what: string): Answers | null => {
    const raw = conf.get(key);
    if (raw === undefined || raw === null) return null;
    const parsed = parseAnswers(raw);
    if (parsed.ok) return parsed.answers;
    keepAside(what, parsed.errors);
    return null;
  };

  const write = (key: 'answers' | 'appliedAnswers', at: 'savedAt' | 'appliedAt', answers: Answers) => {
    const checked = validateAnswers(answers);
    if (!checked.ok) throw new Error(`answers not saved: ${checked.errors.join('; ')}`);
    conf.store = { ...conf.store, [key]: checked.answers, [at]: new Date().toISOString() };
  };

  return {
    path: conf.path,
    load: () => read('answers', 'the saved answers'),
    loadApplied: () => read('appliedAnswers', 'the answers of the last apply'),
    problems: () => [...problems],
    save: (answers) => write('answers', 'savedAt', answers),
    saveApplied: (answers) => write('appliedAnswers', 'appliedAt', answers),
  };
}
