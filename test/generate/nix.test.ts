// The one Nix printer: strings with ", \, ${ and newlines come back from Nix exactly as they went in; values print
// the way a person writes Nix.
import { describe, expect, it } from 'vitest';
import {
  nixAttrName,
  nixAttrPath,
  nixBindings,
  nixModuleFile,
  nixQuoted,
  nixString,
  nixValue,
  raw,
} from '../../src/generate/nix';
import { nixEvalJson } from '../helpers/nix-eval';

// Nix interpolation is written `${...}`: these strings hold it literally, so it is spelt through this constant.
const I = '$' + '{';

// A fixed sample of awkward strings plus seeded random ones over the characters that need escaping.
function samples(): string[] {
  const fixed = [
    '',
    'plain',
    'with "quotes"',
    'back\\slash',
    'dollar $ alone',
    `interpolation ${I}x}`,
    `$${I}not interpolation}`,
    "''",
    "'''",
    "it's",
    'tab\there',
    'cr\rlf',
    'multi\nline\n',
    `multi\n''${I}x}\n`,
    'no final newline\nhere',
    '  indented\n  lines\n',
    'mixed\n  indent\n',
    '\n',
    'a\n\nb\n',
    'ends with $',
    'ends with \\',
    'unicode ✓ ü',
  ];
  let s = 42;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const alphabet = ['a', ' ', '\n', '"', '\\', '$', '{', '}', "'", '\t', 'x', '\r'];
  const random = Array.from({ length: 200 }, () =>
    Array.from(
      { length: 1 + Math.floor(rand() * 12) },
      () => alphabet[Math.floor(rand() * alphabet.length)],
    ).join(''),
  );
  return [...fixed, ...random];
}

describe('strings', () => {
  it('every string evaluates back to itself (nix-instantiate --eval)', () => {
    const all = samples();
    const expr = `[\n${all.map((x) => nixString(x, '  ')).join('\n')}\n]`;
    expect(nixEvalJson<string[]>(expr)).toEqual(all);
    const quoted = `[ ${all.map(nixQuoted).join(' ')} ]`;
    expect(nixEvalJson<string[]>(quoted)).toEqual(all);
  });

  it('escapes ", \\ and ${ in quoted strings', () => {
    expect(nixQuoted(`a "b" \\ ${I}c}`)).toBe(`"a \\"b\\" \\\\ \\${I}c}"`);
  });

  it('writes multi-line text as an indented string when that reads back exactly', () => {
    expect(nixString('line one\nline two\n', '  ')).toBe("''\n    line one\n    line two\n  ''");
    expect(nixString(`a ''b'' ${I}c}\n`)).toBe(`''\n  a '''b''' ''${I}c}\n''`);
    // All lines indented: Nix would strip that indentation, so the quoted form is used.
    expect(nixString('  a\n  b\n')).toBe('"  a\\n  b\\n"');
  });
});

describe('names and values', () => {
  it('quotes attribute names only when needed', () => {
    expect(nixAttrName('hostName')).toBe('hostName');
    expect(nixAttrName('nix-mox')).toBe('nix-mox');
    expect(nixAttrName('alloy/config.alloy')).toBe('"alloy/config.alloy"');
    expect(nixAttrName('1st')).toBe('"1st"');
    expect(nixAttrName('inherit')).toBe('"inherit"');
    expect(nixAttrPath('services.openssh.settings')).toBe('services.openssh.settings');
  });

  it('prints scalars, lists and attribute sets', () => {
    expect(nixValue(true)).toBe('true');
    expect(nixValue(null)).toBe('null');
    expect(nixValue(42)).toBe('42');
    expect(nixValue([1, -2, 'x'])).toBe('[ 1 (-2) "x" ]');
    expect(nixValue([])).toBe('[ ]');
    expect(nixValue({})).toBe('{ }');
    expect(() => nixValue(1.5)).toThrow(/integers/);
    expect(nixValue([raw('pkgs.git'), raw('modulesPath + "/x.nix"')])).toBe(
      '[ pkgs.git (modulesPath + "/x.nix") ]',
    );
  });

  it('follows single-key sets into dotted paths and leaves out undefined', () => {
    expect(
      nixBindings({ services: { pipewire: { enable: true, alsa: { enable: true } } }, skipped: undefined }),
    ).toEqual(['services.pipewire = {\n  enable = true;\n  alsa.enable = true;\n};']);
  });

  it('breaks long lists onto lines', () => {
    const long = Array.from({ length: 12 }, (_, i) => `element-number-${i}`);
    expect(nixValue(long)).toBe(`[\n${long.map((x) => `  "${x}"`).join('\n')}\n]`);
  });

  it('prints a module file that Nix parses and evaluates', () => {
    const text = nixModuleFile({
      header: ['A test module.', '', 'Second paragraph.'],
      args: ['lib'],
      body: { 'networking.hostName': 'a"b', 'users.users.x': { extraGroups: ['wheel'] }, text: 'x\ny\n' },
    });
    expect(text.startsWith('# A test module.\n#\n# Second paragraph.\n{ lib, ... }:\n{\n')).toBe(true);
    const v = nixEvalJson<Record<string, unknown>>(`(${text}) { lib = { }; }`);
    expect(v).toEqual({
      networking: { hostName: 'a"b' },
      users: { users: { x: { extraGroups: ['wheel'] } } },
      text: 'x\ny\n',
    });
  });
});
