// Container templates: the appliance index `pveam available` lists and the templates stored on
// storages, in templates.json { "available": [{ "section", "template" }], "stored": [{ "storage", "template", "size" }] }.
import { readState, writeState } from './shim-runtime.mjs';

/**
 * @typedef {{ section: string, template: string }} Appliance
 * @typedef {{ storage: string, template: string, size?: number }} StoredTemplate
 * @typedef {{ available: Appliance[], stored: StoredTemplate[], updatedAt?: string }} Templates
 */

/** @returns {Templates} */
export function readTemplates() {
  /** @type {Partial<Templates>} */
  const t = readState('templates', {});
  return {
    available: t.available ?? [
      { section: 'system', template: 'debian-12-standard_12.7-1_amd64.tar.zst' },
      { section: 'system', template: 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst' },
      { section: 'system', template: 'alpine-3.21-default_20241217_amd64.tar.xz' },
    ],
    stored: t.stored ?? [],
    ...(t.updatedAt ? { updatedAt: t.updatedAt } : {}),
  };
}

/** @param {Templates} t */
export const writeTemplates = (t) => writeState('templates', t);
