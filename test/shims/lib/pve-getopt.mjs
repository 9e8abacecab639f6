// PVE::JSONSchema::get_options (pve-common): command-line arguments to API parameters through
// Getopt::Long with prefix_pattern (--|-), as every Proxmox CLI tool does it.
import { parseBoolean } from './pve-check.mjs';

/** A Proxmox `raise(..., code => 400)`: printed as "400 <msg>" and followed by the usage line. */
export class PveParamError extends Error {
  /**
   * @param {string} msg first line, without the "400 " prefix
   * @param {{ errors?: Record<string, string>, warnings?: string[] }} [extra]
   */
  constructor(msg, extra = {}) {
    super(msg);
    this.errors = extra.errors;
    this.warnings = extra.warnings ?? [];
  }
}

/** @typedef {Record<string, any>} PropSchema */

const isList = (/** @type {PropSchema} */ pd) =>
  (typeof pd['format'] === 'string' && /-list/.test(pd['format'])) || pd['type'] === 'array';

/**
 * Getopt::Long's lookup: exact, then case-insensitive, then a unique (case-insensitive) prefix.
 * @param {string[]} names @param {string} want
 * @returns {{ name?: string, ambiguous?: string[] }}
 */
function lookupOption(names, want) {
  if (names.includes(want)) return { name: want };
  const lower = want.toLowerCase();
  const exact = names.filter((n) => n.toLowerCase() === lower);
  if (exact.length === 1) return { name: exact[0] };
  const prefixed = names.filter((n) => n.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return { name: prefixed[0] };
  if (prefixed.length > 1) return { ambiguous: prefixed.sort() };
  return {};
}

/**
 * @param {Record<string, PropSchema>} props the method's parameters
 * @param {string[]} args
 * @param {string[] | string | undefined} argParam positional parameter names, or the name of a list parameter
 * @param {Record<string, string>} fixed parameters the CLI fills in itself (e.g. node)
 * @returns {Record<string, string | string[]>}
 */
export function getOptions(props, args, argParam, fixed) {
  const listParam = typeof argParam === 'string' ? argParam : undefined;
  const optionNames = Object.keys(props).filter((p) => p !== listParam && fixed[p] === undefined);
  /** @type {Record<string, string | string[]>} */
  const opts = {};
  /** @type {string[]} */
  const positional = [];
  /** @type {string[]} */
  const warnings = [];
  let failed = false;
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m || arg === '-') {
      positional.push(arg);
      continue;
    }
    const found = lookupOption(optionNames, /** @type {string} */ (m[1]));
    if (found.ambiguous) {
      warnings.push(`Option ${m[1]} is ambiguous (${found.ambiguous.join(', ')})`);
      failed = true;
      continue;
    }
    if (!found.name) {
      warnings.push(`Unknown option: ${/** @type {string} */ (m[1]).toLowerCase()}`);
      failed = true;
      continue;
    }
    const name = found.name;
    const pd = /** @type {PropSchema} */ (props[name]);
    let value = m[2];
    if (pd['type'] === 'boolean') {
      if (value === undefined) {
        const next = args[i + 1];
        if (next !== undefined && !(next.startsWith('-') && next !== '-')) {
          value = next;
          i++;
        } else value = '';
      }
    } else if (value === undefined) {
      if (i + 1 >= args.length) {
        warnings.push(`Option ${name} requires an argument`);
        failed = true;
        continue;
      }
      value = /** @type {string} */ (args[++i]);
    }
    if (isList(pd)) {
      const prev = opts[name];
      opts[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else opts[name] = value;
  }
  if (failed) throw new PveParamError('unable to parse option', { warnings });

  if (positional.length > 0) {
    if (listParam) {
      opts[listParam] = positional;
    } else if (Array.isArray(argParam)) {
      for (let i = 0; i < argParam.length; i++) {
        const name = /** @type {string} */ (argParam[i]);
        if (name === 'extra-args') {
          opts['extra-args'] = positional.splice(0);
          continue;
        }
        if (positional.length === 0) {
          for (const rest of argParam.slice(i)) {
            if (rest !== 'extra-args' && !props[rest]?.['optional'])
              throw new PveParamError('not enough arguments');
          }
          if (argParam[argParam.length - 1] === 'extra-args') opts['extra-args'] = [];
          break;
        }
        opts[name] = /** @type {string} */ (positional.shift());
      }
      if (positional.length > 0) throw new PveParamError('too many arguments');
    } else {
      throw new PveParamError('too many arguments');
    }
  } else if (Array.isArray(argParam)) {
    for (const name of argParam) {
      if (name === 'extra-args') opts['extra-args'] = [];
      else if (!props[name]?.['optional']) throw new PveParamError('not enough arguments');
    }
  }

  for (const [p, v] of Object.entries(opts)) {
    const pd = props[p];
    if (!pd) continue;
    if (pd['type'] === 'boolean') {
      if (v === '') opts[p] = '1';
      else {
        const b = parseBoolean(String(v));
        if (b === undefined) throw new PveParamError('unable to parse boolean option');
        opts[p] = b;
      }
    } else if (typeof pd['format'] === 'string' && /-list/.test(pd['format']) && Array.isArray(v)) {
      opts[p] = v.join(',');
    }
  }
  for (const [p, v] of Object.entries(fixed)) opts[p] = v;
  return opts;
}
