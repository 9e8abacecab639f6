// How a POSIX shell splits a command line into words (quotes and backslashes; no expansion): what sshd's login
// shell does with the command string ssh sends.

/** @param {string} line @returns {string[]} */
export function splitShellWords(line) {
  /** @type {string[]} */
  const words = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = /** @type {string} */ (line[i]);
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error("unexpected EOF while looking for matching `''");
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(/** @type {string} */ (line[i + 1])))
          i++;
        cur += line[i];
        i++;
      }
      if (i >= line.length) throw new Error('unexpected EOF while looking for matching `"\'');
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/[;&|<>$`(){}*?]/.test(ch)) {
      // nix-mox never sends these unquoted: a test double that met one would hide a quoting bug.
      throw new Error(`unquoted shell metacharacter '${ch}'`);
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
