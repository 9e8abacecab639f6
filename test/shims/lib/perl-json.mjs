// JSON as Perl's JSON module prints it with `canonical => 1` (sorted keys), which is what the
// Proxmox CLIs use: compact for `--output-format json`, and `pretty => 1` (3-space indent,
// " : " between key and value) for `json-pretty` and for `qm guest exec` results.

/** @param {unknown} value @returns {string} */
export function perlJsonCompact(value) {
  if (Array.isArray(value)) return `[${value.map(perlJsonCompact).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = /** @type {Record<string, unknown>} */ (value);
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${perlJsonCompact(obj[k])}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** @param {unknown} value @param {string} [indent] @returns {string} */
function pretty(value, indent = '') {
  const inner = `${indent}   `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const obj = /** @type {Record<string, unknown>} */ (value);
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    if (keys.length === 0) return '{}';
    const body = keys.map((k) => `${inner}${JSON.stringify(k)} : ${pretty(obj[k], inner)}`).join(',\n');
    return `{\n${body}\n${indent}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** Pretty form, with the trailing newline Perl's to_json(pretty) adds. @param {unknown} value */
export function perlJsonPretty(value) {
  return `${pretty(value)}\n`;
}
