// What the guest agent and the update script answer: the pid of a started command (`qm guest exec --synchronous 0`),
// its status (`qm guest exec-status`), the progress file, and the script's JSON result.
import { type AgentExecResult, parseAgentExec } from '../guests/agent-result';
import { RESULT_CODES } from './script';

export function parseStarted(text: string): number | null {
  const r = parseAgentExec(text);
  return r?.pid ?? null;
}

export function parseStatus(text: string): AgentExecResult | null {
  return parseAgentExec(text);
}

export interface UpdateItem {
  title: string;
  kb: string;
  result: number;
}

export interface UpdateResult {
  found: number;
  rebootRequired: boolean;
  updates: UpdateItem[];
}

/** The script's last stdout line that is a JSON object. */
export function parseUpdateResult(stdout: string): UpdateResult | null {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'));
  const last = lines[lines.length - 1];
  if (!last) return null;
  try {
    const o = JSON.parse(last) as Record<string, unknown>;
    const list = Array.isArray(o['updates'])
      ? o['updates']
      : o['updates'] && typeof o['updates'] === 'object'
        ? [o['updates']]
        : [];
    return {
      found: typeof o['found'] === 'number' ? o['found'] : list.length,
      rebootRequired: o['rebootRequired'] === true,
      updates: (list as Record<string, unknown>[]).map((u) => ({
        title: String(u['title'] ?? ''),
        kb: String(u['kb'] ?? ''),
        result: typeof u['result'] === 'number' ? u['result'] : 4,
      })),
    };
  } catch {
    return null;
  }
}

/** 2 succeeded and 3 succeeded with errors count as installed. */
export function installed(u: UpdateItem): boolean {
  return u.result === 2 || u.result === 3;
}

export function describeResult(r: UpdateResult): string {
  if (r.found === 0) return 'Windows is up to date: no updates were found.';
  const ok = r.updates.filter(installed).length;
  const bad = r.updates.filter((u) => !installed(u));
  const failed =
    bad.length > 0
      ? ` Not installed: ${bad.map((u) => `${u.kb ? `KB${u.kb} ` : ''}${u.title} (${RESULT_CODES[u.result] ?? `result ${u.result}`})`).join('; ')}.`
      : '';
  return `Installed ${ok} of ${r.found} update(s).${failed}`;
}

/** New lines of the progress file since the last read (the file only grows during one run). */
export function newProgressLines(text: string, seen: number): { lines: string[]; total: number } {
  const all = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\uFEFF/, ''))
    .filter((l) => l.trim() !== '');
  return { lines: all.slice(seen), total: all.length };
}
