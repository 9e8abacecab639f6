// The fragments and the catalog (src/catalog/) describe the same choices: each catalog item, selected in its
// fragment, installs exactly the catalog's packages and sets the catalog's options. Evaluated with the stubs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/catalog/index';
import { securityNix } from '../../src/catalog/security';
import type { CatalogItem } from '../../src/catalog/types';
import { FRAGMENT_IMPORTS } from '../../src/generate/nixos';
import { shellFragment } from '../../src/generate/flake';
import { readdirSync } from 'node:fs';
import {
  BASE_CONFIG,
  nixEvalJson,
  STUB_LIB,
  stubEvalModules,
  stubName,
  stubOf,
  stubPkgs,
  loadVerifiedAttrs,
} from '../helpers/nix-eval';
import { nixQuoted } from '../../src/generate/nix';
import { repoRoot } from '../helpers/shared';

const frag = (name: string) => join(repoRoot, 'fragments', `${name}.nix`);

/** Unwraps mkIf/mkDefault (keeping values whose condition holds) into plain values. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  if (o['_type'] === 'if') return o['condition'] ? plain(o['content']) : undefined;
  if (o['_type'] === 'override') return plain(o['content']);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    const p = plain(x);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

function at(config: unknown, path: string): unknown {
  let v: unknown = plain(config);
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function packagesOf(config: unknown): string[] {
  const list = (at(config, 'environment.systemPackages') ?? []) as string[];
  return list.map(stubName).sort();
}

function evalWith(fragment: string, overrides: Record<string, unknown>) {
  const [r] = stubEvalModules([frag(fragment)], BASE_CONFIG, overrides as never);
  return r!.config;
}

const selectable = (items: CatalogItem[]) => items.filter((i) => !i.retired);

describe('catalog items match their fragments', () => {
  it.each(selectable(catalogs.messaging.items).map((i) => [i.id, i]))('messaging %s', (id, item) => {
    const config = evalWith('base/messaging', { 'nix-mox': { messaging: { apps: [id] } } });
    expect(packagesOf(config)).toEqual(item.packages.map(stubOf).sort());
  });

  it('a retired messaging app (Skype) cannot be chosen in the fragment', () => {
    expect(() => evalWith('base/messaging', { 'nix-mox': { messaging: { apps: ['skype'] } } })).toThrow(
      /skype/,
    );
  });

  it.each(selectable(catalogs.gaming.items).map((i) => [i.id, i]))('gaming %s', (id, item) => {
    const config = evalWith('gaming', { 'nix-mox': { gaming: { items: [id] } } });
    expect(packagesOf(config)).toEqual(item.packages.map(stubOf).sort());
    for (const o of item.options) expect(at(config, o.path), o.path).toEqual(o.value);
    for (const other of ['programs.steam.enable', 'programs.gamemode.enable', 'programs.gamescope.enable']) {
      if (!item.options.some((o) => o.path === other)) expect(at(config, other), other).toBe(false);
    }
    expect(at(config, 'hardware.graphics.enable32Bit')).toBe(true);
  });

  it.each([
    ...catalogs.services.items.map((i) => [`services/${i.id}`, i] as const),
    ...catalogs.infrastructure.items.map((i) => [`infrastructure/${i.id}`, i] as const),
  ])('%s', (fragment, item) => {
    const config = evalWith(fragment, {});
    for (const o of item.options) expect(at(config, o.path), o.path).toEqual(o.value);
    const pkgs = packagesOf(config);
    for (const p of item.packages) expect(pkgs).toContain(stubOf(p));
  });

  it.each(catalogs.shells.items.map((i) => [i.id, i]))('shell %s', (id, item) => {
    const attrs = loadVerifiedAttrs();
    const file = frag(shellFragment(id));
    const pkgs = nixEvalJson<string[]>(
      `let lib = ${STUB_LIB}; pkgs = ${stubPkgs(attrs)}; in (import (/. + ${nixQuoted(file)}) { inherit pkgs; }).shell.packages`,
    );
    expect(pkgs.map(stubName).sort()).toEqual(item.packages.map(stubOf).sort());
  });

  it('security: the catalog options hold in security.nix with everything on', () => {
    const s = {
      tailscale: { enabled: true, authKeyFile: '/run/secrets/ts' },
      infisical: { enabled: true, tokenFile: '/run/secrets/inf' },
      sshHardening: true,
      firewall: true,
    };
    const config = evalWith('security', {
      'nix-mox': {
        security: {
          tailscale: true,
          tailscaleAuthKeyFile: '/run/secrets/ts',
          infisical: true,
          infisicalTokenFile: '/run/secrets/inf',
          sshHardening: true,
        },
      },
    });
    for (const o of securityNix(s).options) {
      if (o.path === 'networking.firewall.enable' || o.path === 'services.openssh.enable') continue; // base/networking, base/services
      expect(at(config, o.path), o.path).toEqual(o.value);
    }
    expect(packagesOf(config)).toEqual(['infisical', 'infisical-run']);
    // The token file path is read at run time by the wrapper: it is never a store path or a value in Nix.
    expect(JSON.stringify(config)).not.toMatch(/\/nix\/store\/[^"]*secrets/);
  });

  it('FRAGMENT_IMPORTS lists exactly the fragments each fragment imports', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (!p.includes('/shells/') && !p.endsWith('platforms/macos.nix')) files.push(p);
      }
    };
    walk(join(repoRoot, 'fragments'));
    const results = stubEvalModules(files, BASE_CONFIG);
    const actual: Record<string, string[]> = {};
    const base = `${join(repoRoot, 'fragments')}/`;
    for (const r of results) {
      const own = r.imports
        .filter((i) => i.startsWith(base))
        .map((i) => i.slice(base.length).replace(/\.nix$/, ''));
      if (own.length > 0) actual[r.file.slice(base.length).replace(/\.nix$/, '')] = own.sort();
    }
    expect(actual).toEqual(
      Object.fromEntries(Object.entries(FRAGMENT_IMPORTS).map(([k, v]) => [k, [...v].sort()])),
    );
  });
});
