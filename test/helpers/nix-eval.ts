// Runs the real `nix-instantiate` (Debian's nix-bin) on generated Nix: parse checks, and evaluation of each
// module function against stub `pkgs`/`lib`/`config` built from the dated verified-attribute list, so a
// misspelt or retired package name, or a renamed or unknown option, fails the test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nixQuoted, nixValue, type NixAttrs } from '../../src/generate/nix';
import { repoRoot } from './shared';

export const attrsListPath = resolve(repoRoot, 'test/fixtures/nixpkgs-attrs.json');

export interface VerifiedAttrs {
  checked: string;
  source: string;
  /** nixpkgs attribute paths that exist (dotted for nested sets). */
  packages: string[];
  /** Names that are gone or only warn (never to be emitted), with why. */
  retiredPackages: Record<string, string>;
  /** NixOS option paths; `*` matches one segment (an attribute name), a trailing `**` any path below. */
  options: string[];
  /** Renamed or removed option paths (prefixes), with the current name. */
  renamedOptions: Record<string, string>;
}

export function loadVerifiedAttrs(): VerifiedAttrs {
  return JSON.parse(readFileSync(attrsListPath, 'utf8')) as VerifiedAttrs;
}

export interface NixResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function nixInstantiate(args: string[]): NixResult {
  try {
    const stdout = execFileSync('nix-instantiate', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NIX_PATH: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, stdout, stderr: '' };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr || e.message };
  }
}

/** `nix-instantiate --parse FILE`. */
export function nixParseFile(file: string): NixResult {
  return nixInstantiate(['--parse', file]);
}

/** Evaluates an expression strictly and returns its JSON value. Throws with Nix's message on failure. */
export function nixEvalJson<T = unknown>(expr: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'nixmox-eval-'));
  const file = join(dir, 'expr.nix');
  writeFileSync(file, expr);
  const r = nixInstantiate(['--eval', '--strict', '--json', file]);
  rmSync(dir, { recursive: true, force: true });
  if (!r.ok) throw new Error(r.stderr.trim());
  return JSON.parse(r.stdout) as T;
}

function nested(paths: string[], leaf: (path: string) => string): NixAttrs {
  const root: Record<string, unknown> = {};
  for (const p of [...paths].sort()) {
    const parts = p.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = { nixRaw: leaf(p) };
  }
  return root as NixAttrs;
}

// The stub lib: the handful of nixpkgs lib functions fragments use, with module-system markers kept as data
// so --strict forces every branch (mkIf content is evaluated even when the condition is false).
export const STUB_LIB = `
let
  types = rec {
    bool = { name = "bool"; };
    str = { name = "str"; };
    lines = { name = "lines"; };
    int = { name = "int"; };
    path = { name = "path"; };
    package = { name = "package"; };
    listOf = t: { name = "listOf"; elemType = t; };
    nullOr = t: { name = "nullOr"; elemType = t; };
    attrsOf = t: { name = "attrsOf"; elemType = t; };
    enum = values: { name = "enum"; inherit values; };
  };
in rec {
  inherit types;
  mkOption = args: args // { _type = "option"; };
  mkEnableOption = description: { _type = "option"; type = types.bool; default = false; inherit description; };
  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkMerge = contents: { _type = "merge"; inherit contents; };
  mkDefault = content: { _type = "override"; priority = 1000; inherit content; };
  mkForce = content: { _type = "override"; priority = 50; inherit content; };
  optionals = cond: list: if cond then list else [ ];
  optional = cond: x: if cond then [ x ] else [ ];
  optionalString = cond: s: if cond then s else "";
  optionalAttrs = cond: set: if cond then set else { };
  concatStringsSep = builtins.concatStringsSep;
  concatMapStringsSep = sep: f: list: builtins.concatStringsSep sep (map f list);
  concatMap = builtins.concatMap;
  filter = builtins.filter;
  elem = builtins.elem;
  attrNames = builtins.attrNames;
  attrValues = builtins.attrValues;
  mapAttrs = builtins.mapAttrs;
  getAttr = builtins.getAttr;
  hasAttr = builtins.hasAttr;
  unique = list: builtins.foldl' (acc: x: if builtins.elem x acc then acc else acc ++ [ x ]) [ ] list;
  genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
  escapeShellArg = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\\\''" ] (toString s) + "'";
  escapeShellArgs = list: builtins.concatStringsSep " " (map escapeShellArg list);
  getExe = drv: "\${drv}/bin/\${drv.pname or drv.name}";
}
`;

/** Builds the stub pkgs from the verified list, plus the trivial builders fragments call. */
export function stubPkgs(attrs: VerifiedAttrs): string {
  const tree = nested(attrs.packages, (p) => `drv ${nixQuoted(p)}`);
  return `
let
  drv = name: { type = "derivation"; inherit name; pname = name; outPath = "/nix/store/stub-\${builtins.replaceStrings [ "." ] [ "-" ] name}"; };
  builders = {
    mkShell = args: { type = "derivation"; name = args.name or "shell"; outPath = "/nix/store/stub-shell"; shell = args; };
    writeShellScriptBin = name: text: { type = "derivation"; inherit name text; pname = name; outPath = "/nix/store/stub-\${name}"; };
    writeShellScript = name: text: { type = "derivation"; inherit name text; outPath = "/nix/store/stub-\${name}"; };
    writeText = name: text: { type = "derivation"; inherit name text; outPath = "/nix/store/stub-\${name}"; };
    stdenv = { isLinux = true; isDarwin = false; hostPlatform = { system = "x86_64-linux"; }; };
  };
in builders // ${nixValue(tree)}
`;
}

/**
 * An expression that evaluates module files with stubs. Each module is called with the stub arguments; its
 * `config` (or its plain attributes) is returned along with the option declarations, and `config` is the
 * union of every module's options at their "most" value (every enum value, every bool true), so every branch
 * of every module is forced.
 */
export function stubEvalExpr(
  moduleFiles: string[],
  attrs: VerifiedAttrs,
  baseConfig: NixAttrs,
  overrides: NixAttrs = {},
): string {
  const files = moduleFiles.map((f) => `(${nixQuoted(resolve(f))})`).join(' ');
  return `
let
  lib = ${STUB_LIB};
  pkgs = ${stubPkgs(attrs)};
  files = map (f: /. + f) [ ${files} ];
  modulesPath = "/stub/nixos/modules";
  call = f: let m = import f; in if builtins.isFunction m then m { inherit config lib pkgs modulesPath; } else m;
  results = map call files;
  optionsOf = r: r.options or { };
  isOption = v: builtins.isAttrs v && (v._type or "") == "option";
  maximal = t:
    if t.name == "bool" then true
    else if t.name == "enum" then builtins.head t.values
    else if t.name == "listOf" && t.elemType.name == "enum" then t.elemType.values
    else if t.name == "listOf" then [ (maximal t.elemType) ]
    else if t.name == "nullOr" then maximal t.elemType
    else if t.name == "int" then 1
    else if t.name == "path" then "/stub/path"
    else if t.name == "attrsOf" then { }
    else if t.name == "package" then pkgs.git
    else "stub";
  valuesOf = opts: builtins.mapAttrs (n: v: if isOption v then maximal v.type else valuesOf v) opts;
  merge = a: b: a // builtins.mapAttrs (n: v: if builtins.isAttrs v && builtins.isAttrs (a.\${n} or null) && !(v ? _type) then merge a.\${n} v else v) b;
  config = merge (builtins.foldl' merge (${nixValue(baseConfig)}) (map (r: valuesOf (optionsOf r)) results)) (${nixValue(overrides)});
  strip = r: if r ? config || r ? options then { config = r.config or { }; imports = r.imports or [ ]; } else { config = builtins.removeAttrs r [ "imports" ]; imports = r.imports or [ ]; };
in map (r: let s = strip r; in { config = s.config; imports = map toString s.imports; declared = valuesOf (optionsOf r); }) results
`;
}

export interface ModuleEval {
  file: string;
  config: unknown;
  imports: string[];
  declared: unknown;
}

/**
 * Evaluates each module with stubs; throws Nix's error (naming the missing attribute) on failure. `overrides`
 * replace the "most" values of chosen options (e.g. one messaging app instead of all).
 */
export function stubEvalModules(
  moduleFiles: string[],
  baseConfig: NixAttrs = {},
  overrides: NixAttrs = {},
): ModuleEval[] {
  const attrs = loadVerifiedAttrs();
  const out = nixEvalJson<{ config: unknown; imports: string[]; declared: unknown }[]>(
    stubEvalExpr(moduleFiles, attrs, baseConfig, overrides),
  );
  return out.map((r, i) => ({ file: moduleFiles[i]!, ...r }));
}

/** A stub package's name back from its outPath (`/nix/store/stub-wineWow64Packages-stable`). */
export const stubName = (outPath: string): string => outPath.replace(/^\/nix\/store\/stub-/, '');
export const stubOf = (attr: string): string => attr.replace(/\./g, '-');

/** Base config the modules read besides their own options (core NixOS values). */
export const BASE_CONFIG: NixAttrs = {
  networking: { hostName: 'stub-host' },
  nix: { package: { nixRaw: 'pkgs.git' } },
  system: { build: { 'nixos-rebuild': { nixRaw: 'pkgs.git' } } },
};

/** Unwraps mkIf/mkMerge/mkDefault markers and lists every option path a module's config sets (as segments). */
export function optionPaths(config: unknown, prefix: string[] = []): string[][] {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return [prefix];
  const c = config as Record<string, unknown>;
  if (c['type'] === 'derivation') return [prefix];
  if (c['_type'] === 'if' || c['_type'] === 'override') return optionPaths(c['content'], prefix);
  if (c['_type'] === 'merge') return (c['contents'] as unknown[]).flatMap((x) => optionPaths(x, prefix));
  const keys = Object.keys(c);
  if (keys.length === 0) return [prefix];
  return keys.flatMap((k) => optionPaths(c[k], [...prefix, k]));
}

function matches(pattern: string[], path: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '**') return path.length >= i;
    if (i >= path.length) return false;
    if (p !== '*' && p !== path[i]) return false;
  }
  return pattern.length === path.length;
}

const samePath = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Why an option path is not acceptable, or null when the verified list (or the modules' own options) has it. */
export function optionProblem(path: string[], attrs: VerifiedAttrs, ownOptions: string[][]): string | null {
  const shown = path.join('.');
  for (const [old, now] of Object.entries(attrs.renamedOptions)) {
    const o = old.split('.');
    if (o.every((x, i) => path[i] === x)) return `${shown}: renamed or removed (use ${now})`;
  }
  if (ownOptions.some((o) => samePath(o, path))) return null;
  if (attrs.options.some((o) => matches(o.split('.'), path))) return null;
  return `${shown}: not in the verified option list (test/fixtures/nixpkgs-attrs.json)`;
}
