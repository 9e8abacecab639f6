// The staging area scripts/network-confirm works from. One directory per distinct change (named by a hash of
// it), so files from an older plan never mix in:
//   manifest              <target path> TAB files/<n> TAB <sha256 of the content the plan expects there, or ->
//   files/<n>             the new content of each target
//   check/root/<path>     every file ifupdown2 reads, as it will be, with source lines pointing inside check/root,
//                         so `ifup -a --syntax-check -i check/root/etc/network/interfaces` checks the change
//                         before anything live is touched.
import { createHash } from 'node:crypto';
import type { FileEntry } from '../generate/types';
import { isKeywordLine } from './interfaces-parse';
import { absolutePattern } from './sources';
import { MAIN_INTERFACES, type NetworkCurrent, type NetworkTarget } from './types';

export const STAGE_ROOT = '/var/lib/nix-mox/network';
export const CHECK_SUBDIR = 'check/root';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const entry = (path: string, content: string): FileEntry => ({
  path,
  content,
  mode: 0o600,
  owner: 'root:root',
});

export function stageDirFor(targets: NetworkTarget[]): string {
  const id = sha256(
    targets.map((t) => `${t.path}\0${t.before ?? '\0absent'}\0${t.after}`).join('\0\0'),
  ).slice(0, 16);
  return `${STAGE_ROOT}/${id}`;
}

/** Points every source/source-directory line of a mirrored file into the check tree. */
export function redirectSources(text: string, fromFile: string, checkRoot: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*)(source|source-directory)(\s+)(\S+)(.*)$/.exec(line);
      if (!m || !isKeywordLine(line.trim())) return line;
      return `${m[1]}${m[2]}${m[3]}${checkRoot}${absolutePattern(m[4]!, fromFile)}${m[5]}`;
    })
    .join('\n');
}

export const isNetworkStagePath = (path: string): boolean => path.startsWith(`${STAGE_ROOT}/`);

export function stageEntries(current: NetworkCurrent, targets: NetworkTarget[], dir: string): FileEntry[] {
  const checkRoot = `${dir}/${CHECK_SUBDIR}`;
  const manifest = targets
    .map((t, i) => `${t.path}\tfiles/${i + 1}\t${t.before === null ? '-' : sha256(t.before)}\n`)
    .join('');
  const out: FileEntry[] = [entry(`${dir}/manifest`, manifest)];
  targets.forEach((t, i) => {
    out.push(entry(`${dir}/files/${i + 1}`, t.after));
  });
  const after = new Map(targets.map((t) => [t.path, t.after]));
  const mirrored = new Map(current.files.map((f) => [f.path, after.get(f.path) ?? f.content]));
  for (const t of targets) if (!mirrored.has(t.path)) mirrored.set(t.path, t.after);
  if (!mirrored.has(MAIN_INTERFACES)) mirrored.set(MAIN_INTERFACES, '');
  for (const [path, content] of mirrored)
    out.push(entry(`${checkRoot}${path}`, redirectSources(content, path, checkRoot)));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
