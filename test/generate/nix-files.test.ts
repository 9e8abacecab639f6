// Acceptance 2: every generated .nix file and every file in fragments/ passes `nix-instantiate --parse`, and each
// module evaluates with `nix-instantiate --eval --strict` against stub pkgs/lib/config built from the dated
// verified-attribute list, so a misspelt or retired package name (or a renamed option) fails.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSet } from '../../src/files/write-set';
import { nixQuoted } from '../../src/generate/nix';
import { FLAKE_DIR } from '../../src/generate/paths';
import { CASES, NOW, buildCase } from '../golden/cases';
import {
  BASE_CONFIG,
  STUB_LIB,
  loadVerifiedAttrs,
  nixEvalJson,
  nixParseFile,
  optionPaths,
  optionProblem,
  stubEvalModules,
  stubPkgs,
} from '../helpers/nix-eval';
import { repoRoot } from '../helpers/shared';

function nixFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.nix')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const fragmentsDir = join(repoRoot, 'fragments');
const fragmentFiles = nixFilesUnder(fragmentsDir);
const isShell = (f: string) => f.includes('/shells/') || f.endsWith('/platforms/macos.nix');
const moduleFragments = fragmentFiles.filter((f) => !isShell(f));
const attrs = loadVerifiedAttrs();

/** Option paths every module set declares, so host files may set nix-mox's own options. */
const declaredOptions = stubEvalModules(moduleFragments, BASE_CONFIG).flatMap((r) => optionPaths(r.declared));

function problemsOf(results: { file: string; config: unknown }[]): string[] {
  return results.flatMap((r) =>
    optionPaths(r.config)
      .map((p) => optionProblem(p, attrs, declaredOptions))
      .filter((x): x is string => x !== null)
      .map((x) => `${relative(repoRoot, r.file)}: ${x}`),
  );
}

describe('fragments/', () => {
  it('has the fragments the issue lists', () => {
    const names = fragmentFiles.map((f) => relative(fragmentsDir, f));
    for (const want of [
      'base/networking.nix',
      'base/display.nix',
      'base/messaging.nix',
      'base/packages.nix',
      'base/services.nix',
      'base/sound.nix',
      'base/graphics.nix',
      'base/programs.nix',
      'base/system.nix',
      'base/nix-settings.nix',
      'services/web-server.nix',
      'services/database.nix',
      'services/monitoring.nix',
      'services/load-balancer.nix',
      'platforms/linux.nix',
      'platforms/macos.nix',
      'infrastructure/ci-runner.nix',
      'infrastructure/production.nix',
      'infrastructure/development.nix',
      'gaming.nix',
      'zfs.nix',
      'vfio.nix',
      'proxmox-guest/lxc.nix',
      'proxmox-guest/vm.nix',
      'security.nix',
    ]) {
      expect(names).toContain(want);
    }
  });

  it.each(fragmentFiles.map((f) => [relative(repoRoot, f), f]))('%s parses', (_name, file) => {
    const r = nixParseFile(file);
    expect(r.stderr).toBe('');
    expect(r.ok).toBe(true);
  });

  it('every module evaluates strictly against the stubs, and sets only verified or own options', () => {
    const results = stubEvalModules(moduleFragments, BASE_CONFIG);
    expect(results).toHaveLength(moduleFragments.length);
    expect(problemsOf(results)).toEqual([]);
  });

  it('every shell evaluates to a mkShell of verified packages', () => {
    const expr = `let lib = ${STUB_LIB}; pkgs = ${stubPkgs(attrs)}; in map (f: (import f { inherit pkgs; }).shell.packages) [ ${fragmentFiles
      .filter(isShell)
      .map((f) => `(/. + ${nixQuoted(f)})`)
      .join(' ')} ]`;
    const shells = nixEvalJson<string[][]>(expr);
    expect(shells.length).toBe(fragmentFiles.filter(isShell).length);
    for (const pkgs of shells) expect(pkgs.length).toBeGreaterThan(0);
  });

  it('fails on a retired package name (the stubs hold only verified attributes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nixmox-bad-'));
    const bad = join(dir, 'bad.nix');
    writeFileSync(bad, '{ pkgs, ... }: { environment.systemPackages = [ pkgs.teamspeak3 ]; }\n');
    expect(() => stubEvalModules([bad], BASE_CONFIG)).toThrow(/teamspeak3/);
    const warned = join(dir, 'warned.nix');
    writeFileSync(
      warned,
      '{ pkgs, ... }: { environment.systemPackages = [ pkgs.wineWowPackages.stable ]; }\n',
    );
    expect(() => stubEvalModules([warned], BASE_CONFIG)).toThrow(/wineWowPackages/);
  });

  it('flags renamed and unknown options', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nixmox-bad-'));
    const bad = join(dir, 'opts.nix');
    writeFileSync(
      bad,
      '{ ... }: { hardware.opengl.enable = true; services.pipewire.alsa.support23Bit = true; }\n',
    );
    const problems = problemsOf(stubEvalModules([bad], BASE_CONFIG));
    expect(problems.some((p) => p.includes('hardware.opengl.enable: renamed'))).toBe(true);
    expect(problems.some((p) => p.includes('support23Bit: not in the verified option list'))).toBe(true);
  });
});

describe.each(CASES)('generated Nix of %s', (name) => {
  const c = buildCase(name);
  const root = mkdtempSync(join(tmpdir(), `nixmox-nix-${name}-`));
  writeFileSet(root, c.files, { now: NOW });
  const nixFiles = c.files.filter((f) => f.path.endsWith('.nix')).map((f) => join(root, f.path));
  const hostModules = nixFiles.filter((f) => /\/hosts\/[^/]+\/(default|hardware)\.nix$/.test(f));

  it('every .nix file parses', () => {
    for (const f of nixFiles) {
      const r = nixParseFile(f);
      expect(r.stderr, f).toBe('');
    }
  });

  it.skipIf(hostModules.length === 0)(
    'host modules evaluate strictly and set only verified or nix-mox options',
    () => {
      const results = stubEvalModules(hostModules, BASE_CONFIG);
      expect(problemsOf(results)).toEqual([]);
      for (const r of results.filter((x) => x.file.endsWith('default.nix'))) {
        // Every import a host file names is in the FileSet.
        for (const imp of r.imports)
          expect(
            c.files.some((f) => join(root, f.path) === imp || join(root, f.path) === `${imp}/default.nix`),
            imp,
          ).toBe(true);
      }
    },
  );

  it.skipIf(!c.files.some((f) => f.path === `${FLAKE_DIR}/flake.nix`))(
    'flake outputs evaluate: nixosConfigurations and devShells of verified packages',
    () => {
      const flake = join(root, FLAKE_DIR, 'flake.nix');
      const expr = `
let
  lib = ${STUB_LIB};
  pkgs = ${stubPkgs(attrs)};
  nixpkgs = {
    lib = lib // { nixosSystem = args: { inherit (args) modules; }; };
    legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ] (s: pkgs);
  };
  flake = import (/. + ${nixQuoted(flake)});
  out = flake.outputs { self = { }; inherit nixpkgs; };
in {
  inherit (flake) description;
  url = flake.inputs.nixpkgs.url;
  configs = builtins.mapAttrs (n: c: map toString c.modules) (out.nixosConfigurations or { });
  shells = builtins.mapAttrs (s: set: builtins.mapAttrs (n: sh: sh.shell.packages) set) (out.devShells or { });
}`;
      const r = nixEvalJson<{
        url: string;
        configs: Record<string, string[]>;
        shells: Record<string, Record<string, string[]>>;
      }>(expr);
      expect(r.url).toBe('github:NixOS/nixpkgs/nixos-26.05');
      const machines = c.files
        .filter((f) => f.path.endsWith('/hardware.nix'))
        .map((f) => f.path.split('/').slice(-2)[0]!);
      expect(Object.keys(r.configs).sort()).toEqual(machines.sort());
      const shells = [...new Set(c.answers.shells)];
      const linux = shells.filter((s) => s !== 'macos').sort();
      if (linux.length > 0) {
        expect(Object.keys(r.shells['x86_64-linux'] ?? {}).sort()).toEqual(linux);
        expect(Object.keys(r.shells['aarch64-linux'] ?? {}).sort()).toEqual(linux);
      }
      if (shells.includes('macos')) {
        expect(Object.keys(r.shells['aarch64-darwin'] ?? {})).toEqual(['macos']);
        expect(Object.keys(r.shells['x86_64-darwin'] ?? {})).toEqual(['macos']);
      }
    },
  );
});
