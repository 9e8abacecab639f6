// The generated flake's own outputs (issue 10, acceptance 2): for the demo host the flake parses with the real
// nix-instantiate, and evaluated against a stub nixpkgs its outputs have the expected attribute names: packages,
// devShells, nixosModules, checks and colmena, each with the right members; every path it names exists in the
// FileSet, every package it uses is a verified nixpkgs attribute, and the scripts pass the shellcheck it runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/answers/schema';
import { colmenaHive } from '../../src/generate/colmena';
import { FLAKE_SCRIPTS, moduleFragments, moduleName } from '../../src/generate/flake-outputs';
import { generate } from '../../src/generate/index';
import { nixosMachines } from '../../src/generate/machines';
import { nixValue } from '../../src/generate/nix';
import { FLAKE_DIR } from '../../src/generate/paths';
import type { FileSet } from '../../src/generate/types';
import { loadVerifiedAttrs, nixEvalJson, nixParseFile, stubPkgs } from '../helpers/nix-eval';
import { repoRoot } from '../helpers/shared';
import { buildCase, caseRoot, readAnswers, readReport } from '../golden/cases';
import { readGenerateInputs } from '../../src/plan/read-current';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The flake's files written to a temp directory, as they would be in FLAKE_DIR. */
function writeFlake(files: FileSet): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixmox-flake-'));
  dirs.push(dir);
  for (const f of files) {
    if (!f.path.startsWith(`${FLAKE_DIR}/`)) continue;
    const target = join(dir, f.path.slice(FLAKE_DIR.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content, { mode: f.mode });
  }
  return dir;
}

const extra = JSON.parse(
  readFileSync(join(repoRoot, 'test/flake-outputs/flake-attrs.verified.json'), 'utf8'),
) as {
  packages: Record<string, string>;
};

/** Evaluates an expression over the flake's outputs, with a stub nixpkgs whose packages are only verified ones. */
function evalOutputs<T>(flakeDir: string, body: string): T {
  const attrs = loadVerifiedAttrs();
  const verified = { ...attrs, packages: [...attrs.packages, ...Object.keys(extra.packages)] };
  const stubDir = mkdtempSync(join(tmpdir(), 'nixmox-stub-nixpkgs-'));
  dirs.push(stubDir);
  writeFileSync(join(stubDir, 'default.nix'), '{ system, ... }: { inherit system; stubNixpkgs = true; }\n');
  const expr = `
let
  basePkgs = ${stubPkgs(verified)};
  pkgsFor = system: basePkgs // {
    inherit system;
    writeShellApplication = args: { type = "derivation"; builder = "writeShellApplication"; inherit (args) name runtimeInputs; };
    runCommand = name: env: script: { type = "derivation"; builder = "runCommand"; inherit name env; };
  };
  genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
  nixpkgs = {
    outPath = ${nixValue(stubDir)};
    lib = {
      inherit genAttrs;
      nixosSystem = args: { config.system.build.toplevel = { type = "derivation"; modules = args.modules; }; };
    };
    legacyPackages = genAttrs [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ] pkgsFor;
  };
  flake = import ${nixValue(`${flakeDir}/flake.nix`)};
  outputs = flake.outputs { self = outputs; inherit nixpkgs; };
  flakeDir = ${nixValue(flakeDir)};
in ${body}
`;
  return nixEvalJson<T>(expr);
}

describe('the flake of the demo host', () => {
  const { files } = buildCase('demo');
  const dir = writeFlake(files);

  it('parses with nix-instantiate --parse', () => {
    const r = nixParseFile(join(dir, 'flake.nix'));
    expect(r.stderr).toBe('');
    expect(r.ok).toBe(true);
  });

  it('has the outputs packages, devShells, nixosModules, checks and colmena, besides nixosConfigurations', () => {
    const names = evalOutputs<string[]>(dir, 'builtins.attrNames outputs');
    expect(names).toEqual([
      'checks',
      'colmena',
      'devShells',
      'nixosConfigurations',
      'nixosModules',
      'packages',
    ]);
  });

  it('packages the NixOS maintenance scripts with writeShellApplication and only verified runtime inputs', () => {
    const pkgs = evalOutputs<
      Record<string, Record<string, { builder: string; name: string; runtimeInputs: string[] }>>
    >(
      dir,
      'builtins.mapAttrs (s: set: builtins.mapAttrs (n: p: { inherit (p) builder name; runtimeInputs = map (d: d.name) p.runtimeInputs; }) set) outputs.packages',
    );
    expect(Object.keys(pkgs)).toEqual(['aarch64-linux', 'x86_64-linux']);
    expect(pkgs['x86_64-linux']).toEqual({
      'nixos-flake-update': {
        builder: 'writeShellApplication',
        name: 'nixos-flake-update',
        runtimeInputs: ['coreutils', 'gawk', 'gnugrep', 'util-linux', 'zfs'],
      },
      'zfs-snapshot': {
        builder: 'writeShellApplication',
        name: 'zfs-snapshot',
        runtimeInputs: ['coreutils', 'gawk', 'gnugrep', 'zfs'],
      },
    });
    // The wrapped scripts and their library are in the flake, executable, where the wrappers exec them.
    for (const s of FLAKE_SCRIPTS) {
      const f = files.find((x) => x.path === `${FLAKE_DIR}/scripts/${s}`);
      expect(f?.mode).toBe(0o755);
      expect(readFileSync(join(dir, 'flake.nix'), 'utf8')).toContain(`exec \${./scripts}/${s} "$@"`);
    }
    expect(files.some((x) => x.path === `${FLAKE_DIR}/scripts/lib/nix-mox.sh`)).toBe(true);
  });

  it('exports each NixOS fragment of the flake as a module, and no shell', () => {
    const mods = evalOutputs<Record<string, string>>(
      dir,
      'builtins.mapAttrs (n: p: toString p) outputs.nixosModules',
    );
    const fragments = files
      .filter((f) => f.path.startsWith(`${FLAKE_DIR}/fragments/`))
      .map((f) => f.path.slice(`${FLAKE_DIR}/fragments/`.length, -'.nix'.length));
    const expected = moduleFragments(fragments).map(moduleName).sort();
    expect(Object.keys(mods)).toEqual(expected);
    expect(Object.keys(mods)).toContain('base-system');
    expect(Object.keys(mods).some((n) => n.startsWith('shells-') || n === 'platforms-macos')).toBe(false);
    for (const p of Object.values(mods)) expect(p.startsWith(`${dir}/fragments/`)).toBe(true);
    const exist = evalOutputs<boolean[]>(
      dir,
      'map builtins.pathExists (builtins.attrValues outputs.nixosModules)',
    );
    expect(exist.every(Boolean)).toBe(true);
  });

  it('checks build every nixosConfiguration and shellcheck the scripts, and that shellcheck passes here', () => {
    const checks = evalOutputs<Record<string, string[]>>(
      dir,
      'builtins.mapAttrs (s: set: builtins.attrNames set) outputs.checks',
    );
    expect(checks).toEqual({ 'x86_64-linux': ['nixos-lxc', 'nixos-vm', 'scripts-shellcheck'] });
    const sameDrv = evalOutputs<boolean>(
      dir,
      'outputs.checks.x86_64-linux.nixos-vm == outputs.nixosConfigurations.nixos-vm.config.system.build.toplevel',
    );
    expect(sameDrv).toBe(true);
    const flake = readFileSync(join(dir, 'flake.nix'), 'utf8');
    const command = /shellcheck (--external-sources .*)\n/.exec(flake)![1]!.split(' ');
    // The same command the check runs, with the real shellcheck, in the flake's scripts/.
    execFileSync('shellcheck', command, { cwd: join(dir, 'scripts'), stdio: 'pipe' });
  });

  it('carries a colmena hive with one node per NixOS guest, importing the same host configuration', () => {
    const hive = evalOutputs<Record<string, unknown>>(
      dir,
      `builtins.mapAttrs (n: v: if n == "meta" then { system = v.nixpkgs.system; } else { deployment = v.deployment; imports = map (p: builtins.substring (builtins.stringLength flakeDir) 100 (toString p)) v.imports; }) outputs.colmena`,
    );
    expect(hive).toEqual({
      meta: { system: 'x86_64-linux' },
      'nixos-lxc': {
        deployment: { targetHost: 'nixos-lxc', targetUser: 'root', buildOnTarget: true, tags: ['lxc'] },
        imports: ['/hosts/nixos-lxc'],
      },
      'nixos-vm': {
        deployment: { targetHost: 'nixos-vm', targetUser: 'root', buildOnTarget: true, tags: ['vm'] },
        imports: ['/hosts/nixos-vm'],
      },
    });
    const same = evalOutputs<boolean>(
      dir,
      'builtins.pathExists ./. && builtins.pathExists (builtins.head outputs.colmena.nixos-vm.imports)',
    );
    expect(same).toBe(true);
  });
});

describe('flake outputs for other answer sets', () => {
  const report = readReport('demo');
  const base = readAnswers('demo');

  it('has no colmena hive with a single NixOS guest, and a maintenance dev shell when no shell was chosen', () => {
    const answers: Answers = {
      ...base,
      shells: [],
      guests: { ...base.guests, nixosVm: { ...base.guests.nixosVm, enabled: false } },
    };
    expect(colmenaHive(nixosMachines(answers, report), 'x86_64-linux')).toBeNull();
    const root = caseRoot('demo');
    dirs.push(root);
    const dir = writeFlake(generate(answers, report, readGenerateInputs(root, answers, report)));
    expect(nixParseFile(join(dir, 'flake.nix')).ok).toBe(true);
    expect(evalOutputs<string[]>(dir, 'builtins.attrNames outputs')).toEqual([
      'checks',
      'devShells',
      'nixosConfigurations',
      'nixosModules',
      'packages',
    ]);
    expect(evalOutputs<string[]>(dir, 'builtins.attrNames outputs.devShells.x86_64-linux')).toEqual([
      'default',
    ]);
    expect(
      evalOutputs<string[]>(dir, 'map (p: p.name) outputs.devShells.x86_64-linux.default.shell.packages'),
    ).toEqual(['shellcheck']);
  });

  it('quotes a machine name the printer must quote, and the flake still parses', () => {
    const hive = colmenaHive(
      [
        { name: 'a', kind: 'lxc', guest: null, fragments: [], messaging: [], gaming: [] },
        { name: 'or', kind: 'vm', guest: null, fragments: [], messaging: [], gaming: [] },
      ],
      'x86_64-linux',
    );
    const text = nixValue(hive!);
    expect(text).toContain('"or" = {');
    const file = join(mkdtempSync(join(tmpdir(), 'nixmox-hive-')), 'hive.nix');
    dirs.push(dirname(file));
    writeFileSync(file, `{ nixpkgs }: ${text}\n`);
    expect(nixParseFile(file).ok).toBe(true);
  });
});
