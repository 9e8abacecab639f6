// Which files a `source` or `source-directory` line makes ifupdown2 read. ifupdown2 uses Python's glob for
// both; source-directory then keeps only names made of [a-zA-Z0-9_-] (networkinterfaces.py), so "nix-mox"
// is read by both forms and "nix-mox.conf" would not be.
import { dirname, posix } from 'node:path';
import type { SourceStanza } from './interfaces-parse';

const DIRECTORY_ENTRY = /^[a-zA-Z0-9_-]+$/;

/** One path segment of a glob as a regular expression (Python glob: no '/', no leading dot unless asked). */
export function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = segment.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  const hidden = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp('^' + hidden + re + '$');
}

const hasMagic = (s: string): boolean => /[*?[]/.test(s);

/** Resolves a pattern from the file that holds it: relative paths count from that file's directory. */
export function absolutePattern(pattern: string, fromFile: string): string {
  return pattern.startsWith('/') ? pattern : posix.join(dirname(fromFile), pattern);
}

/** Whether a glob pattern matches an absolute path, segment by segment. */
export function globMatches(pattern: string, path: string): boolean {
  const ps = pattern.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return false;
  return ps.every((seg, i) => (hasMagic(seg) ? segmentRegex(seg).test(xs[i]!) : seg === xs[i]));
}

/** Whether this source line would read `path` if that file existed. */
export function sourceReads(stanza: SourceStanza, fromFile: string, path: string): boolean {
  const pattern = absolutePattern(stanza.pattern, fromFile);
  if (stanza.type === 'source') return globMatches(pattern, path);
  const base = path.slice(path.lastIndexOf('/') + 1);
  return globMatches(pattern.replace(/\/+$/, ''), dirname(path)) && DIRECTORY_ENTRY.test(base);
}

export type ListDir = (dir: string) => string[] | null;

/**
 * The files one source line reads, in ifupdown2's order (sorted for `source`; directory order for
 * `source-directory`, which we sort too so that the result is stable). Only the last path segment may hold
 * wildcards; a pattern with wildcards in a directory segment is reported, not followed.
 */
export function expandSource(
  stanza: SourceStanza,
  fromFile: string,
  listDir: ListDir,
): { files: string[]; problem: string | null } {
  const pattern = absolutePattern(stanza.pattern, fromFile).replace(/\/+$/, '');
  const dir = stanza.type === 'source' ? dirname(pattern) : pattern;
  if (hasMagic(dir)) {
    return {
      files: [],
      problem: `${fromFile}:${stanza.line}: wildcards in a directory name are not followed`,
    };
  }
  const names = listDir(dir) ?? [];
  if (stanza.type === 'source-directory') {
    return {
      files: names
        .filter((n) => DIRECTORY_ENTRY.test(n))
        .sort()
        .map((n) => `${dir}/${n}`),
      problem: null,
    };
  }
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  if (!hasMagic(last)) return { files: names.includes(last) ? [pattern] : [], problem: null };
  const re = segmentRegex(last);
  return {
    files: names
      .filter((n) => re.test(n))
      .sort()
      .map((n) => `${dir}/${n}`),
    problem: null,
  };
}
