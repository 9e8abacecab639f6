// The one Nix printer: every value nix-mox writes into a .nix file goes through here, so quoting and escaping
// live in one place. Values are plain data; `raw()` marks a Nix expression written by nix-mox itself.

export interface NixRaw {
  readonly nixRaw: string;
}

export type NixValue = string | number | boolean | null | NixRaw | NixValue[] | NixAttrs;

/** Keys are attribute paths: `a.b` prints as `a.b`; `undefined` values are left out. */
export interface NixAttrs {
  [key: string]: NixValue | undefined;
}

/** A Nix expression nix-mox wrote itself (never user input): printed as is. */
export const raw = (expr: string): NixRaw => ({ nixRaw: expr });

export const isRaw = (v: unknown): v is NixRaw =>
  typeof v === 'object' && v !== null && typeof (v as NixRaw).nixRaw === 'string';

const KEYWORDS = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

/** A double-quoted Nix string: `\`, `"`, `${` and control characters escaped. */
export function nixQuoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '$' && s[i + 1] === '{') out += '\\$';
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Multi-line text as an indented string (`''...''`) when that round-trips exactly, else a quoted string.
 * Nix strips the smallest indentation of the non-blank lines, so the form is only used when some line starts
 * at column 0; `''` and `${` are escaped as `'''` and `''${`.
 */
function indentedString(s: string, indent: string): string | null {
  if (!s.endsWith('\n') || s.includes('\r') || s.includes('\t')) return null;
  const lines = s.slice(0, -1).split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (nonBlank.length === 0 || lines.some((l) => l !== '' && l.trim() === '')) return null;
  if (!nonBlank.some((l) => !l.startsWith(' '))) return null;
  // A first line that is only spaces would be dropped by Nix; handled by the blank-line check above.
  const inner = `${indent}  `;
  const body = lines
    .map((l) => (l === '' ? '' : inner + l.replace(/''/g, "'''").replace(/\$\{/g, "''${")))
    .join('\n');
  return `''\n${body}\n${indent}''`;
}

/** A Nix string literal for `s`: multi-line text as `''...''` where it reads better and round-trips. */
export function nixString(s: string, indent = ''): string {
  if (s.includes('\n')) {
    const ind = indentedString(s, indent);
    if (ind !== null) return ind;
  }
  return nixQuoted(s);
}

/** One attribute name, quoted when it is not a plain identifier (or is a keyword). */
export function nixAttrName(name: string): string {
  return IDENT.test(name) && !KEYWORDS.has(name) ? name : nixQuoted(name);
}

/** An attribute path given as `a.b.c`: each segment quoted as needed. */
export function nixAttrPath(path: string): string {
  return path.split('.').map(nixAttrName).join('.');
}

function isAttrs(v: NixValue): v is NixAttrs {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRaw(v);
}

function isScalar(v: NixValue): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isRaw(v);
}

/** In a list, an expression with spaces (a function call, `a + b`) needs parentheses. */
function listElement(v: NixValue, indent: string): string {
  const text = nixValue(v, indent);
  if (typeof v === 'number' && v < 0) return `(${text})`;
  if (isRaw(v) && /\s/.test(text) && !/^[([{"']/.test(text)) return `(${text})`;
  return text;
}

const MAX_INLINE_LIST = 80;

function definedEntries(attrs: NixAttrs): [string, NixValue][] {
  return Object.entries(attrs).filter((e): e is [string, NixValue] => e[1] !== undefined);
}

/**
 * Follows single-key attribute sets so `{ services = { pipewire = { ... }; }; }` prints as `services.pipewire = { ... };`.
 */
function collapse(key: string, value: NixValue): [string, NixValue] {
  let k = nixAttrPath(key);
  let v = value;
  while (isAttrs(v)) {
    const entries = definedEntries(v);
    if (entries.length !== 1) break;
    const [childKey, childValue] = entries[0]!;
    k = `${k}.${nixAttrPath(childKey)}`;
    v = childValue;
  }
  return [k, v];
}

/** The `name = value;` lines of an attribute set, at `indent`. */
export function nixBindings(attrs: NixAttrs, indent = ''): string[] {
  return definedEntries(attrs).map(([key, value]) => {
    const [k, v] = collapse(key, value);
    return `${indent}${k} = ${nixValue(v, indent)};`;
  });
}

/** Any value as a Nix expression; nested structures indent by two spaces from `indent`. */
export function nixValue(v: NixValue, indent = ''): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`nix printer: only integers are supported, got ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return nixString(v, indent);
  if (isRaw(v)) return v.nixRaw;
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[ ]';
    const items = v.map((x) => listElement(x, inner));
    const oneLine = `[ ${items.join(' ')} ]`;
    if (
      v.every(isScalar) &&
      !items.some((i) => i.includes('\n')) &&
      indent.length + oneLine.length <= MAX_INLINE_LIST
    ) {
      return oneLine;
    }
    return `[\n${items.map((i) => inner + i).join('\n')}\n${indent}]`;
  }
  const lines = nixBindings(v, inner);
  if (lines.length === 0) return '{ }';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export interface NixModuleFile {
  /** Comment lines at the top (without `# `). */
  header: string[];
  /** The module's function arguments, e.g. ['config', 'lib', 'pkgs']; `...` is always added. */
  args: string[];
  body: NixAttrs;
}

/** A NixOS module file: header comment, `{ args, ... }:`, then the attribute set. Ends with a newline. */
export function nixModuleFile(m: NixModuleFile): string {
  const header = m.header.map((l) => (l === '' ? '#' : `# ${l}`)).join('\n');
  const args = `{ ${[...m.args, '...'].join(', ')} }:`;
  return `${header ? `${header}\n` : ''}${args}\n${nixValue(m.body)}\n`;
}
