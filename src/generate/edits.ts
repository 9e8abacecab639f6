// Edits to files the user already has: only nix-mox's own kernel arguments or its marked block change; every
// other byte is kept. Each edit is a pure function of the current content, so applying it twice changes nothing.
import type { FileEntry } from './types';

interface Token {
  text: string;
  start: number;
  end: number;
}

// An argument is a run of non-space characters, where a double-quoted part may hold spaces (`foo="a b"`).
const ARG = /(?:[^\s"]+|"[^"]*"?)+/g;

function tokens(s: string): Token[] {
  return [...s.matchAll(ARG)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

const keyOf = (arg: string) => arg.split('=')[0]!;

/**
 * Edits a kernel command line (no newline inside): each `ensure` argument ends up present (an argument with the
 * same key is replaced in place, else it is appended), each `remove` argument (exact text) is dropped. All other
 * arguments and the spacing between them stay as they were.
 */
export function editKernelArgs(line: string, ensure: string[], remove: string[]): string {
  let out = line;
  for (const arg of remove) {
    for (;;) {
      const t = tokens(out).find((x) => x.text === arg);
      if (!t) break;
      // Take the whitespace before the argument with it (or after, when it is first).
      let start = t.start;
      let end = t.end;
      while (start > 0 && /[ \t]/.test(out[start - 1]!)) start--;
      if (start === 0) while (end < out.length && /[ \t]/.test(out[end]!)) end++;
      out = out.slice(0, start) + out.slice(end);
    }
  }
  for (const arg of ensure) {
    const all = tokens(out);
    if (all.some((x) => x.text === arg)) continue;
    const same = all.filter((x) => keyOf(x.text) === keyOf(arg));
    const last = same[same.length - 1];
    if (last) {
      out = out.slice(0, last.start) + arg + out.slice(last.end);
      continue;
    }
    const trimmed = out.replace(/[ \t]+$/, '');
    const trailing = out.slice(trimmed.length);
    out = `${trimmed}${trimmed === '' ? '' : ' '}${arg}${trailing}`;
  }
  return out;
}

/** /etc/kernel/cmdline (systemd-boot via proxmox-boot-tool): one line; any line ending kept. */
export function editKernelCmdlineFile(content: string, ensure: string[], remove: string[]): string {
  const nl = content.indexOf('\n');
  const first = nl === -1 ? content : content.slice(0, nl);
  const rest = nl === -1 ? '' : content.slice(nl);
  return editKernelArgs(first, ensure, remove) + rest;
}

const GRUB_LINE = /^([ \t]*GRUB_CMDLINE_LINUX_DEFAULT=)(.*)$/;

/** /etc/default/grub: edits the value of the last active GRUB_CMDLINE_LINUX_DEFAULT, keeping its quoting. */
export function editGrubDefault(content: string, ensure: string[], remove: string[]): string {
  const lines = content.split('\n');
  let index = -1;
  lines.forEach((l, i) => {
    if (GRUB_LINE.test(l)) index = i;
  });
  if (index === -1) {
    if (ensure.length === 0) return content;
    const sep = content === '' || content.endsWith('\n') ? '' : '\n';
    return `${content}${sep}GRUB_CMDLINE_LINUX_DEFAULT="${editKernelArgs('', ensure, [])}"\n`;
  }
  const [, prefix, value] = GRUB_LINE.exec(lines[index]!)!;
  const v = value!;
  const quote = v[0] === '"' || v[0] === "'" ? v[0] : null;
  let inner: string;
  let after: string;
  if (quote) {
    const close = v.indexOf(quote, 1);
    inner = close === -1 ? v.slice(1) : v.slice(1, close);
    after = close === -1 ? '' : v.slice(close + 1);
  } else {
    const m = /^[^\s#]*/.exec(v)![0];
    inner = m;
    after = v.slice(m.length);
  }
  const edited = editKernelArgs(inner, ensure, remove);
  // An unquoted value that now holds several arguments needs quotes to stay one shell word.
  const q = quote ?? (/\s/.test(edited) ? '"' : '');
  lines[index] = `${prefix}${q}${edited}${q}${after}`;
  return lines.join('\n');
}

export const BLOCK_BEGIN = '# BEGIN nix-mox: managed by nix-mox; changes inside this block are replaced';
export const BLOCK_END = '# END nix-mox';

/**
 * Puts `block` (whole lines) between nix-mox's markers: replaces an existing block, appends one, or with an empty
 * `block` removes it. Returns null when the file does not exist and there is nothing to put in it.
 */
export function editMarkedBlock(current: string | null, block: string): string | null {
  const body = block === '' || block.endsWith('\n') ? block : `${block}\n`;
  const wrapped = body === '' ? '' : `${BLOCK_BEGIN}\n${body}${BLOCK_END}\n`;
  if (current === null) return wrapped === '' ? null : wrapped;
  const begin = current.indexOf(`${BLOCK_BEGIN}\n`);
  const endAt = begin === -1 ? -1 : current.indexOf(`${BLOCK_END}\n`, begin);
  if (begin !== -1 && endAt !== -1) {
    return current.slice(0, begin) + wrapped + current.slice(endAt + BLOCK_END.length + 1);
  }
  if (wrapped === '') return current;
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  return `${current}${sep}${wrapped}`;
}

/** The whole content to write for an entry given what is on disk now (null: absent), or null for "leave absent". */
export function resolveContent(entry: FileEntry, current: string | null): string | null {
  const edit = entry.edit;
  if (!edit) return entry.content;
  switch (edit.kind) {
    case 'kernel-cmdline':
      return current === null ? null : editKernelCmdlineFile(current, edit.ensure, edit.remove);
    case 'grub-cmdline':
      return current === null ? null : editGrubDefault(current, edit.ensure, edit.remove);
    case 'marked-block':
      return editMarkedBlock(current, entry.content);
  }
}
