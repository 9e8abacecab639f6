// Reads ifupdown2's interfaces(5) syntax: stanzas with their line numbers, the source lines, and our marked block.
// Parsing never changes text: the generator splices by line numbers so every other line stays byte for byte.

export const BLOCK_BEGIN = '# BEGIN nix-mox bridges';
export const BLOCK_END = '# END nix-mox bridges';

export interface IfaceOption {
  /** Normalised as ifupdown2 does: `bridge_ports` reads as `bridge-ports`. */
  key: string;
  value: string;
  line: number;
}

export interface IfaceStanza {
  type: 'iface';
  name: string;
  family: string | null;
  method: string | null;
  options: IfaceOption[];
  /** 1-based line of the `iface` line. */
  line: number;
}

export interface AutoStanza {
  type: 'auto';
  names: string[];
  line: number;
}

export interface SourceStanza {
  type: 'source' | 'source-directory';
  pattern: string;
  line: number;
}

export type Stanza = IfaceStanza | AutoStanza | SourceStanza;

export interface MarkedBlock {
  /** 0-based index of the BEGIN line and of the END line in `lines`. */
  begin: number;
  end: number;
}

export interface ParsedInterfaces {
  path: string;
  /** The text split at '\n'; the last element is '' when the text ends with a newline. */
  lines: string[];
  stanzas: Stanza[];
  block: MarkedBlock | null;
  /** Problems a person should see (an unterminated block, a second block). */
  problems: string[];
}

const KEYWORD = /^(auto|allow-[^\s]+|iface|mapping|source|source-directory|vlan|template)(\s|$)/;

const isIgnorable = (trimmed: string): boolean => trimmed === '' || trimmed.startsWith('#');

/** Whether a line (trimmed) starts a new stanza, as ifupdown2's parser decides. */
export const isKeywordLine = (trimmed: string): boolean => KEYWORD.test(trimmed);

function findBlock(lines: string[], path: string, problems: string[]): MarkedBlock | null {
  let begin = -1;
  let block: MarkedBlock | null = null;
  lines.forEach((line, i) => {
    if (line.startsWith(BLOCK_BEGIN)) {
      if (block || begin >= 0)
        problems.push(`${path}:${i + 1}: a second "${BLOCK_BEGIN}" line; only the first block is managed`);
      else begin = i;
    } else if (line.startsWith(BLOCK_END) && begin >= 0 && !block) {
      block = { begin, end: i };
    }
  });
  if (begin >= 0 && !block) {
    problems.push(
      `${path}:${begin + 1}: "${BLOCK_BEGIN}" without "${BLOCK_END}"; fix the file by hand first`,
    );
  }
  return block;
}

export function parseInterfaces(path: string, text: string): ParsedInterfaces {
  const lines = text.split('\n');
  const problems: string[] = [];
  const stanzas: Stanza[] = [];
  let current: IfaceStanza | null = null;

  for (let i = 0; i < lines.length; i++) {
    // A trailing backslash continues the line (interfaces(5)); the logical line keeps the first line's number.
    let logical = lines[i] ?? '';
    const lineNo = i + 1;
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      logical = logical.slice(0, -1) + (lines[++i] ?? '');
    }
    const trimmed = logical.trim();
    if (isIgnorable(trimmed)) continue;
    const words = trimmed.split(/\s+/);
    const head = words[0] ?? '';
    if (!isKeywordLine(trimmed)) {
      if (current && words.length >= 2) {
        current.options.push({
          key: head.replace(/_/g, '-'),
          value: trimmed.slice(head.length).trim(),
          line: lineNo,
        });
      }
      continue;
    }
    current = null;
    if (head === 'iface' && words[1]) {
      current = {
        type: 'iface',
        name: words[1],
        family: words[2] ?? null,
        method: words[3] ?? null,
        options: [],
        line: lineNo,
      };
      stanzas.push(current);
    } else if (head === 'auto' || head.startsWith('allow-')) {
      if (head === 'auto' || head === 'allow-auto')
        stanzas.push({ type: 'auto', names: words.slice(1), line: lineNo });
    } else if ((head === 'source' || head === 'source-directory') && words[1]) {
      stanzas.push({ type: head, pattern: words[1], line: lineNo });
    }
  }
  return { path, lines, stanzas, block: findBlock(lines, path, problems), problems };
}

export const ifaces = (p: ParsedInterfaces): IfaceStanza[] =>
  p.stanzas.filter((s): s is IfaceStanza => s.type === 'iface');

export const option = (s: IfaceStanza, key: string): string | null =>
  s.options.find((o) => o.key === key)?.value ?? null;

/** Whether a 1-based line number lies inside the file's marked block. */
export function inBlock(p: ParsedInterfaces, line: number): boolean {
  return p.block !== null && line - 1 > p.block.begin && line - 1 < p.block.end;
}
