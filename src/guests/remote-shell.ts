// SSH runs its remote command through the remote user's shell as one string: each argv word is quoted for a
// POSIX shell, so what arrives is exactly the argv nix-mox built (no word splitting, no globbing, no $).
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function remoteCommand(argv: string[]): string {
  if (argv.length === 0) throw new Error('remote command: argv is empty');
  return argv.map(shellQuote).join(' ');
}
