// `nix-mox setup --save FILE` and `--answers FILE` without a terminal: export the store (or the detected defaults)
// and import a file into the store. The report comes from a function so detection runs only when needed.
import type { HostReport } from '../host/types';
import { defaultAnswers } from './defaults';
import { answersJson, loadAnswersFile, saveAnswersFile } from './load';
import type { Answers } from './schema';
import type { AnswersStore } from './store';

export type ExportResult = { source: 'saved' | 'defaults'; answers: Answers; warnings: string[] };

/** The answers to export: the saved ones, or the defaults from detection when nothing (usable) is saved. */
export async function answersToExport(
  store: AnswersStore,
  detect: () => Promise<HostReport>,
): Promise<ExportResult> {
  const saved = store.load();
  const warnings = store.problems();
  if (saved) return { source: 'saved', answers: saved, warnings };
  return { source: 'defaults', answers: defaultAnswers(await detect()), warnings };
}

/** Writes the export to FILE (atomic, 0600), or to `write` when FILE is "-". */
export async function exportAnswers(
  file: string,
  store: AnswersStore,
  detect: () => Promise<HostReport>,
  write: (text: string) => void,
): Promise<ExportResult> {
  const result = await answersToExport(store, detect);
  if (file === '-') write(answersJson(result.answers));
  else saveAnswersFile(file, result.answers);
  return result;
}

export type ImportResult = { ok: true; answers: Answers; notes: string[] } | { ok: false; errors: string[] };

/** Validates FILE and, when it is good, saves it as the wizard's answers. */
export function importAnswers(file: string, store: AnswersStore, report?: HostReport): ImportResult {
  const loaded = loadAnswersFile(file, report ? { report } : {});
  if (!loaded.ok) return loaded;
  store.save(loaded.answers);
  return loaded;
}
