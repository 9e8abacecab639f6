// The catalog's shape: each selectable thing and the nixpkgs attributes and NixOS options it stands for.

/** A value a NixOS option is set to. Strings are Nix strings; string[] is a list of strings. */
export type NixValue = boolean | number | string | string[];

export interface OptionSetting {
  /** Full option path, e.g. `programs.steam.enable`. */
  path: string;
  value: NixValue;
}

export interface Retired {
  /** Why it cannot be chosen, in one sentence. */
  reason: string;
  /** The catalog id to pick instead, or null when there is none. */
  insteadId: string | null;
  /** What to use instead, in words. */
  instead: string;
  /** The attribute names that no longer exist (never emitted; checked by the tests). */
  goneAttrs: string[];
}

export interface CatalogItem {
  id: string;
  label: string;
  group: string;
  /** One line: what it is and what it brings. */
  summary: string;
  /** nixpkgs attribute paths installed for it (e.g. `wineWow64Packages.stable`). */
  packages: string[];
  /** NixOS options it sets; preferred over bare packages where a module exists. */
  options: OptionSetting[];
  /** Packages among `packages` whose licence is unfree (needs nixpkgs.config.allowUnfree or a predicate). */
  unfree: string[];
  /** Set when the client is not made by the service's owner. */
  unofficial?: string;
  /** Other current attributes that do the same job (shown, not installed). */
  alternatives: string[];
  retired?: Retired;
}

export interface CatalogGroup {
  id: string;
  title: string;
}

export interface Catalog {
  groups: CatalogGroup[];
  items: CatalogItem[];
}

export const on = (path: string): OptionSetting => ({ path, value: true });

/** An item with no packages, options, unfree packages or alternatives unless `extra` gives them. */
export const catalogItem = (
  id: string,
  group: string,
  label: string,
  summary: string,
  extra: Partial<CatalogItem> = {},
): CatalogItem => ({
  id,
  group,
  label,
  summary,
  packages: [],
  options: [],
  unfree: [],
  alternatives: [],
  ...extra,
});

export function itemById(catalog: Catalog, id: string): CatalogItem | undefined {
  return catalog.items.find((i) => i.id === id);
}

export const selectableIds = (catalog: Catalog): string[] =>
  catalog.items.filter((i) => !i.retired).map((i) => i.id);

export const allIds = (catalog: Catalog): string[] => catalog.items.map((i) => i.id);
