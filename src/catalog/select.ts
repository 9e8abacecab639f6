// What the chosen catalog items add to a NixOS configuration: packages, options, devShells. Pure.
import type { Answers } from '../answers/schema';
import type { HostReport } from '../host/types';
import { gamingNeeds } from './gaming';
import { type CatalogKey, catalogs } from './index';
import { securityNix } from './security';
import type { NixValue, OptionSetting } from './types';

export interface SelectedNix {
  /** environment.systemPackages, sorted, without duplicates. */
  systemPackages: string[];
  /** Options by path, sorted by path. */
  options: OptionSetting[];
  /** Unfree packages that were chosen (the configuration must allow them). */
  unfree: string[];
  /** True when the chosen GPU driver is unfree (NVIDIA). */
  unfreeDriver: boolean;
  /** devShells.<id> = packages. */
  devShells: Record<string, string[]>;
}

const SYSTEM_KEYS: CatalogKey[] = ['messaging', 'gaming', 'services', 'infrastructure'];

function sameValue(a: NixValue, b: NixValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function selectedNix(answers: Answers, report: HostReport): SelectedNix {
  const packages = new Set<string>();
  const unfree = new Set<string>();
  const options = new Map<string, NixValue>();
  const setOption = (o: OptionSetting) => {
    const before = options.get(o.path);
    if (before !== undefined && !sameValue(before, o.value)) {
      throw new Error(
        `catalog conflict: ${o.path} is set to both ${JSON.stringify(before)} and ${JSON.stringify(o.value)}`,
      );
    }
    options.set(o.path, o.value);
  };
  for (const key of SYSTEM_KEYS) {
    for (const id of answers[key]) {
      const item = catalogs[key].items.find((i) => i.id === id);
      if (!item || item.retired) continue;
      for (const p of item.packages) packages.add(p);
      for (const u of item.unfree) unfree.add(u);
      for (const o of item.options) setOption(o);
    }
  }
  let unfreeDriver = false;
  if (answers.gaming.length > 0) {
    const needs = gamingNeeds(report, answers);
    for (const o of needs.options) setOption(o);
    unfreeDriver = needs.unfreeDriver;
  }
  const security = securityNix(answers.security);
  for (const p of security.packages) packages.add(p);
  for (const o of security.options) setOption(o);

  const devShells: Record<string, string[]> = {};
  for (const id of answers.shells) {
    const item = catalogs.shells.items.find((i) => i.id === id);
    if (item) devShells[id] = [...item.packages];
  }
  return {
    systemPackages: [...packages].sort(),
    options: [...options.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, value]) => ({ path, value })),
    unfree: [...unfree].sort(),
    unfreeDriver,
    devShells,
  };
}
