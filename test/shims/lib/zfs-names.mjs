// ZFS naming rules and their messages, from OpenZFS module/zcommon/zfs_namecheck.c and
// lib/libzfs (zfs_validate_name, zpool_name_valid).
import { cFixed } from './cfmt.mjs';

const MAX_NAME_LEN = 256;
const validChar = (/** @type {string} */ c) => /^[A-Za-z0-9\-_.: ]$/.test(c);

/**
 * zfs_validate_name: undefined when valid, else the reason libzfs appends after "cannot ... 'name': ".
 * @param {string} name @param {'filesystem' | 'snapshot' | 'any'} type
 */
export function datasetNameError(name, type) {
  if (type !== 'snapshot' && type !== 'any' && name.includes('@'))
    return "snapshot delimiter '@' is not expected here";
  if (type === 'snapshot' && !name.includes('@')) return "missing '@' delimiter in snapshot name";
  if (name.includes('#')) return "'#' delimiter is not expected here";
  if (name.length >= MAX_NAME_LEN) return 'name is too long';
  if (name.startsWith('/')) return 'leading slash in name';
  if (name.endsWith('/')) return 'trailing slash in name';
  for (const comp of name.split(/[/@]/)) {
    if (comp === '') return "empty component or misplaced '@' or '#' delimiter in name";
    if (comp === '.') return "self reference, '.' is found in name";
    if (comp === '..') return "parent reference, '..' is found in name";
    const bad = [...comp].find((c) => !validChar(c));
    if (bad) return `invalid character '${bad}' in name`;
  }
  if ((name.match(/@/g) ?? []).length > 1) return "multiple '@' and/or '#' delimiters in name";
  if (!/^[A-Za-z]/.test(name)) return "pool doesn't begin with a letter";
  return undefined;
}

/** zpool_name_valid (pool_namecheck): undefined when valid, else the reason. */
export function poolNameError(/** @type {string} */ name) {
  if (name.length >= MAX_NAME_LEN) return 'name is too long';
  const bad = [...name].find((c) => !validChar(c));
  if (bad) return `invalid character '${bad}' in pool name`;
  if (!/^[A-Za-z]/.test(name)) return 'name must begin with a letter';
  if (name === 'mirror' || name === 'spare' || name === 'log' || /^(raidz|draid)/.test(name))
    return 'name is reserved';
  if (/^c[0-9]/.test(name)) return 'pool name is reserved';
  return undefined;
}

/** zfs_nicenum_format with ZFS_NICENUM_BYTES: 0B, 96K, 1.50G ... */
export function nicebytes(/** @type {number} */ num) {
  const units = ['B', 'K', 'M', 'G', 'T', 'P', 'E'];
  let index = 0;
  let n = num;
  while (n >= 1024 && index < 6) {
    n = Math.floor(n / 1024);
    index++;
  }
  const u = units[index];
  if (index === 0) return `${num}${u}`;
  const div = 1024 ** index;
  if (num % div === 0) return `${num / div}${u}`;
  for (let digits = 2; digits >= 0; digits--) {
    const s = `${cFixed(num / div, digits)}${u}`;
    if (s.length <= 5) return s;
  }
  return `${Math.round(num / div)}${u}`;
}

/** The creation date as zfs prints it without -p: "%a %b %e %k:%M %Y" in local time. */
export function zfsDate(/** @type {number} */ unixSeconds) {
  const d = new Date(unixSeconds * 1000);
  const day = d.toLocaleString('en-US', { weekday: 'short' });
  const mon = d.toLocaleString('en-US', { month: 'short' });
  const pad = (/** @type {number} */ n, /** @type {number} */ w, c = ' ') => String(n).padStart(w, c);
  return `${day} ${mon} ${pad(d.getDate(), 2)} ${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2, '0')} ${d.getFullYear()}`;
}
