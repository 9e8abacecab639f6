// Shared by the Proxmox CLI shims: validate argv like the real tool, or exit as it would.
import { validatePveCommand } from './pve-api.mjs';
import { readPlatform } from './pve-state.mjs';
import { ShimExit } from './shim-runtime.mjs';

/** @param {string} tool @param {string[]} argv @returns {import('./pve-api.mjs').PveOk} */
export function validatedOrExit(tool, argv) {
  const res = validatePveCommand([tool, ...argv], { node: readPlatform().node });
  if (!res.ok) throw new ShimExit(res.exitCode, res.stderr);
  return res;
}

/** A parameter as a string ('' when absent). @param {Record<string, string | string[]>} params @param {string} key */
export function param(params, key) {
  const v = params[key];
  return Array.isArray(v) ? v.join(' ') : (v ?? '');
}

/** Splits a property string into its parts: the default key's bare value and key=value pairs. */
export function splitPropertyString(/** @type {string} */ value, /** @type {string} */ defaultKey) {
  /** @type {Record<string, string>} */
  const res = {};
  for (const part of value.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) res[defaultKey] = part;
    else res[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return res;
}

/** print_property_string: the default key's value first, then the other keys sorted. */
export function joinPropertyString(
  /** @type {Record<string, string>} */ parts,
  /** @type {string} */ defaultKey,
) {
  const rest = Object.keys(parts)
    .filter((k) => k !== defaultKey)
    .sort()
    .map((k) => `${k}=${parts[k]}`);
  return [...(parts[defaultKey] !== undefined ? [parts[defaultKey]] : []), ...rest].join(',');
}

/** strftime("%F %H:%M:%S", localtime) */
export function localTimestamp(/** @type {Date} */ d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
