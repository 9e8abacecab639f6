// systemd as systemctl and systemd-run see it: systemd.json { "units": { "<unit>": { "active":
// "active"|"inactive"|"failed", "enabled": "enabled"|"disabled"|"static", "wantedBy"? } },
// "unitDirs": [dirs whose unit files count as installed], "transient": [...], "reloads": N }.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readState, writeState } from './shim-runtime.mjs';

/**
 * @typedef {{ active?: string, enabled?: string, wantedBy?: string }} UnitState
 * @typedef {{ units: Record<string, UnitState>, unitDirs?: string[], transient?: Record<string, unknown>[], reloads?: number }} Systemd
 */

/** @returns {Systemd} */
export function readSystemd() {
  /** @type {Partial<Systemd>} */
  const s = readState('systemd', {});
  return { ...s, units: s.units ?? {} };
}
/** @param {Systemd} s */
export const writeSystemd = (s) => writeState('systemd', s);

/** "foo" -> "foo.service", as systemctl completes unit names. */
export const unitName = (/** @type {string} */ n) =>
  /\.(service|timer|socket|target|mount|path|slice|scope)$/.test(n) ? n : `${n}.service`;

/** A unit is known when systemd.json lists it or its file is in one of unitDirs. */
export function unitKnown(/** @type {Systemd} */ s, /** @type {string} */ unit) {
  return s.units[unit] !== undefined || (s.unitDirs ?? []).some((d) => existsSync(join(d, unit)));
}
