// printf("%.Nf") as C (and so Perl) rounds: an exact tie goes to the even digit, where JavaScript's
// toFixed rounds it up (3.625 -> "3.62" in C, "3.63" in JS).

/** The double as mantissa * 2^exponent, both exact. @param {number} x */
function decompose(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? { mant: frac, exp: -1074 } : { mant: frac | (1n << 52n), exp: exp - 1075 };
}

/** C's "%.<digits>f" of a non-negative finite number. */
export function cFixed(/** @type {number} */ x, /** @type {number} */ digits) {
  const js = x.toFixed(digits);
  if (!Number.isFinite(x) || x < 0) return js;
  const { mant, exp } = decompose(x);
  if (exp >= 0) return js;
  const num = mant * 10n ** BigInt(digits);
  const den = 1n << BigInt(-exp);
  if ((num % den) * 2n !== den) return js;
  const floor = num / den;
  const n = floor % 2n === 0n ? floor : floor + 1n;
  const s = n.toString().padStart(digits + 1, '0');
  return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
