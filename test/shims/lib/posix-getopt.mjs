// glibc getopt(3) as OpenZFS's zfs/zpool use it: clustered flags (-Hp), option arguments attached
// or separate, operands and options in any order, "--" ends the options.

export class GetoptError extends Error {
  /** @param {'invalid' | 'missing'} kind @param {string} opt */
  constructor(kind, opt) {
    super(kind === 'invalid' ? `invalid option '${opt}'` : `missing argument for '${opt}' option`);
    this.kind = kind;
    this.opt = opt;
  }
}

/**
 * @param {string[]} args @param {string} spec e.g. "Hprd:o:s:S:t:"
 * @returns {{ opts: [string, string][], operands: string[] }}
 */
export function getopt(args, spec) {
  /** @type {[string, string][]} */
  const opts = [];
  /** @type {string[]} */
  const operands = [];
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = /** @type {string} */ (arg[j]);
      const at = spec.indexOf(c);
      if (at < 0 || c === ':') throw new GetoptError('invalid', c);
      if (spec[at + 1] === ':') {
        let value = arg.slice(j + 1);
        if (value === '') {
          if (i + 1 >= args.length) throw new GetoptError('missing', c);
          value = /** @type {string} */ (args[++i]);
        }
        opts.push([c, value]);
        break;
      }
      opts.push([c, '']);
    }
  }
  return { opts, operands };
}
