// Parameter verification as PVE::JSONSchema (pve-common src/PVE/JSONSchema.pm) does it:
// check_prop, check_type, check_format, parse_property_string, and the cheap registered
// format validators, with the same error texts.
import { isIPv6 } from 'node:net';
import { propertyStringKeys } from './pve-schema.mjs';

/** @typedef {Record<string, any>} PropSchema */

/** A `die`/`raise` inside a format check; `message` is what Perl's exception stringifies to. */
class FormatError extends Error {}

/** raise("format error\n", errors => {...}) stringified: message line, then "key: msg" lines. */
function formatErrorText(/** @type {Record<string, string>} */ errors) {
  return `format error\n${Object.keys(errors)
    .sort()
    .map((k) => `${k}: ${errors[k]}\n`)
    .join('')}`;
}

const IPV4RE = '(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)';
const isIPv4 = (/** @type {string} */ s) => new RegExp(`^${IPV4RE}$`).test(s);
const cidr = (
  /** @type {string} */ s,
  /** @type {(ip: string) => boolean} */ isIp,
  /** @type {number} */ max,
) => {
  const m = /^(.+)\/(\d+)$/.exec(s);
  return !!m && isIp(/** @type {string} */ (m[1])) && Number(m[2]) > 7 && Number(m[2]) <= max;
};
const DNS_LABEL = '([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)';

/** Each returns an error message (with its trailing newline) or undefined when valid. */
/** @type {Record<string, (v: string) => string | undefined>} */
const VALIDATORS = {
  'pve-configid': (v) => (/^[a-z][a-z0-9_-]+$/i.test(v) ? undefined : `invalid configuration ID '${v}'\n`),
  'pve-storage-id': (v) =>
    /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v) ? undefined : `storage ID '${v}' contains illegal characters\n`,
  'pve-bridge-id': (v) => (/^[-_.\w\d]+$/.test(v) ? undefined : `invalid bridge ID '${v}'\n`),
  'pve-vmid': (v) => (/^[1-9][0-9]{2,8}$/.test(v) ? undefined : 'value does not look like a valid VM ID\n'),
  'pve-node': (v) =>
    /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/.test(v)
      ? undefined
      : 'value does not look like a valid node name\n',
  'mac-addr': (v) =>
    /^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i.test(v)
      ? undefined
      : 'value does not look like a valid unicast MAC address\n',
  ipv4: (v) => (isIPv4(v) ? undefined : 'value does not look like a valid IPv4 address\n'),
  ipv6: (v) => (isIPv6(v) ? undefined : 'value does not look like a valid IPv6 address\n'),
  ip: (v) => (isIPv4(v) || isIPv6(v) ? undefined : 'value does not look like a valid IP address\n'),
  CIDRv4: (v) => (cidr(v, isIPv4, 32) ? undefined : 'value does not look like a valid IPv4 CIDR network\n'),
  CIDRv6: (v) => (cidr(v, isIPv6, 128) ? undefined : 'value does not look like a valid IPv6 CIDR network\n'),
  CIDR: (v) =>
    cidr(v, isIPv4, 32) || cidr(v, isIPv6, 128)
      ? undefined
      : 'value does not look like a valid CIDR network\n',
  'pve-ipv4-config': (v) =>
    /^(?:dhcp|manual)$/.test(v) || cidr(v, isIPv4, 32)
      ? undefined
      : 'value does not look like a valid ipv4 network configuration\n',
  'pve-ipv6-config': (v) =>
    /^(?:auto|dhcp|manual)$/.test(v) || cidr(v, isIPv6, 128)
      ? undefined
      : 'value does not look like a valid ipv6 network configuration\n',
  'dns-name': (v) =>
    new RegExp(`^(${DNS_LABEL}\\.)*${DNS_LABEL}$`).test(v)
      ? undefined
      : 'value does not look like a valid DNS name\n',
  'pve-iface': (v) =>
    /^[a-z][a-z0-9_]{1,20}([:.]\d+)?$/i.test(v) ? undefined : `invalid network interface name '${v}'\n`,
  'disk-size': (v) =>
    /^(\d+(\.\d+)?)([KMGT])?$/.test(v) ? undefined : `value does not look like a valid disk size: ${v}\n`,
  'pve-tag': (v) => (/^[a-z0-9_][a-z0-9_\-+.]*$/i.test(v) ? undefined : 'invalid characters in tag\n'),
  urlencoded: (v) => (/^[-%a-zA-Z0-9_.!~*'()]*$/.test(v) ? undefined : `invalid urlencoded string: ${v}\n`),
  'pve-startup-order': (v) =>
    v.split(',').every((p) => /^\s*$/.test(p) || /^(order=)?\d+$/.test(p) || /^(up|down)=\d+$/.test(p))
      ? undefined
      : 'unable to parse startup options\n',
  // pve-storage: PVE/Storage.pm parse_volume_id and PVE/Storage/Plugin.pm verify_content.
  'pve-volume-id': (v) =>
    /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/is.test(v) ? undefined : `unable to parse volume ID '${v}'\n`,
  'pve-storage-content': (v) =>
    ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import', 'none'].includes(v)
      ? undefined
      : `invalid content type '${v}'\n`,
};
// Named formats whose Perl validator is code, even though their typetext lists keys.
const CODE_FORMATS = new Set(['pve-startup-order']);

/** PVE::Tools::split_list */
export function splitList(/** @type {string} */ text) {
  if (text.includes('\0')) return text.split('\0');
  return text
    .replace(/[,;]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((s) => s !== '');
}

/** PVE::JSONSchema::parse_boolean: 1 / 0, or undefined for anything else. */
export function parseBoolean(/** @type {string} */ v) {
  if (/^(1|on|yes|true)$/i.test(v)) return '1';
  if (/^(0|off|no|false)$/i.test(v)) return '0';
  return undefined;
}

const isNumber = (/** @type {string} */ v) => /^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$/.test(v);

/** @param {Record<string, string>} errors @param {string} path @param {string} msg */
function addError(errors, path, msg) {
  const key = path || '_root';
  errors[key] = errors[key] ? `${errors[key]}\\n${msg}` : msg;
}

/** Perl regexes stringified as `(?^:...)`/`(?^i:...)` become JS: drop the modifier group syntax. */
function perlPattern(/** @type {string} */ pattern) {
  const caseless = pattern.includes('(?^i:');
  const source = pattern.replace(/\(\?\^i?:/g, '(?:');
  try {
    return new RegExp(`^${source}$`, caseless ? 'i' : '');
  } catch {
    return undefined;
  }
}

/**
 * @param {string} value @param {Record<string, PropSchema>} keys @param {string} path
 * @returns {Record<string, string>} the parsed key/value pairs
 */
export function parsePropertyString(keys, value, path) {
  /** @type {Record<string, string>} */
  const res = {};
  let defaultKey;
  for (const part of value.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const kv = /^([^=]+)=(.+)$/s.exec(part);
    if (kv) {
      let k = /** @type {string} */ (kv[1]);
      let v = /** @type {string} */ (kv[2]);
      if (res[k] !== undefined)
        throw new FormatError(`duplicate key in comma-separated list property: ${k}\n`);
      let schema = keys[k];
      if (schema?.['alias']) {
        const keyAlias = schema['keyAlias'];
        if (keyAlias) {
          if (res[keyAlias] !== undefined)
            throw new FormatError(`key alias '${keyAlias}' is already defined\n`);
          res[keyAlias] = k;
        }
        k = schema['alias'];
        schema = keys[k];
      }
      if (schema?.['type'] === 'boolean') v = parseBoolean(v) ?? v;
      res[k] = v;
    } else if (!part.includes('=')) {
      if (defaultKey)
        throw new FormatError(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      defaultKey = Object.keys(keys).find((k) => keys[k]?.['default_key']);
      if (!defaultKey) throw new FormatError('value without key, but schema does not define a default key\n');
      if (res[defaultKey] !== undefined) {
        throw new FormatError(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      }
      res[defaultKey] = part;
    } else {
      throw new FormatError('missing key in comma-separated list property\n');
    }
  }
  /** @type {Record<string, string>} */
  const errors = {};
  checkObject(path, keys, res, errors);
  if (Object.keys(errors).length > 0) throw new FormatError(formatErrorText(errors));
  return res;
}

/** @param {PropSchema} prop @param {string} value @param {string} path */
function checkFormat(prop, value, path) {
  const format = prop['format'];
  const keys = propertyStringKeys(prop);
  if (keys && !(typeof format === 'string' && CODE_FORMATS.has(format))) {
    parsePropertyString(keys, value, path);
    return;
  }
  if (typeof format !== 'string' || format === 'regex') return;
  const m = /^(.*?)(?:-(list|opt))?$/.exec(format);
  const name = /** @type {string} */ (m?.[1]);
  const kind = m?.[2];
  const validate = VALIDATORS[name];
  if (!validate) return;
  const values = kind === 'list' ? splitList(value) : kind === 'opt' && !value ? [] : [value];
  for (const v of values) {
    const msg = validate(v);
    if (msg) throw new FormatError(msg);
  }
}

/**
 * @param {string | undefined} value @param {PropSchema} schema @param {string} path
 * @param {Record<string, string>} errors
 */
export function checkProp(value, schema, path, errors) {
  if (value === undefined) {
    if (!schema['optional'] && !schema['alias'] && !schema['group']) {
      addError(errors, path, 'property is missing and it is not optional');
    }
    return;
  }
  const type = schema['type'];
  if (type === 'boolean' && value !== '1' && value !== '0') {
    addError(errors, path, `type check ('boolean') failed - got '${value}'`);
    return;
  }
  if (type === 'integer' && !/^[+-]?\d+$/.test(value)) {
    addError(errors, path, `type check ('integer') failed - got '${value}'`);
    return;
  }
  if (type === 'number' && !isNumber(value)) {
    addError(errors, path, `type check ('number') failed - got '${value}'`);
    return;
  }
  if (schema['format']) {
    try {
      checkFormat(schema, value, path);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      addError(errors, path, `invalid format - ${error.message}`);
      return;
    }
  }
  if (typeof schema['pattern'] === 'string') {
    const re = perlPattern(schema['pattern']);
    if (re && !re.test(value)) {
      addError(errors, path, 'value does not match the regex pattern');
      return;
    }
  }
  if (schema['maxLength'] !== undefined && value.length > Number(schema['maxLength'])) {
    addError(errors, path, `value may only be ${schema['maxLength']} characters long`);
    return;
  }
  if (schema['minLength'] !== undefined && value.length < Number(schema['minLength'])) {
    addError(errors, path, `value must be at least ${schema['minLength']} characters long`);
    return;
  }
  if (isNumber(value)) {
    if (schema['maximum'] !== undefined && Number(value) > Number(schema['maximum'])) {
      addError(errors, path, `value must have a maximum value of ${schema['maximum']}`);
      return;
    }
    if (schema['minimum'] !== undefined && Number(value) < Number(schema['minimum'])) {
      addError(errors, path, `value must have a minimum value of ${schema['minimum']}`);
      return;
    }
  }
  const en = schema['enum'];
  if (Array.isArray(en) && !en.map(String).includes(value)) {
    addError(errors, path, `value '${value}' does not have a value in the enumeration '${en.join(', ')}'`);
  }
}

/**
 * check_object with additionalProperties => 0.
 * @param {string} path @param {Record<string, PropSchema>} schema @param {Record<string, string>} value
 * @param {Record<string, string>} errors
 */
export function checkObject(path, schema, value, errors) {
  for (const k of Object.keys(schema).sort()) {
    checkProp(value[k], /** @type {PropSchema} */ (schema[k]), path ? `${path}.${k}` : k, errors);
  }
  for (const k of Object.keys(value).sort()) {
    const newpath = path ? `${path}.${k}` : k;
    const sub = schema[k];
    if (sub) {
      const requires = sub['requires'];
      if (typeof requires === 'string' && value[requires] === undefined) {
        addError(
          errors,
          path ? `${path}.${requires}` : requires,
          `missing property required by '${newpath}'`,
        );
      }
      continue;
    }
    addError(
      errors,
      newpath,
      'property is not defined in schema and the schema does not allow additional properties',
    );
  }
}
