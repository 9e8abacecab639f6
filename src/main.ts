// Entry point of the bundle: real process streams, exit code, and a terminal left as it was found.
import { runCli } from './cli';
import { EXIT_INTERRUPTED } from './exit-codes';

const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);

process.on('SIGTERM', () => process.exit(EXIT_INTERRUPTED));
// `nix-mox game --list | head`: the reader went away; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

// No top-level await: chunks loaded later must not wait on this module's evaluation.
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  interactive,
  env: process.env,
  columns: process.stdout.columns ?? 80,
  rows: process.stdout.rows ?? 24,
}).then((code) => {
  process.exitCode = code;
  // Ink or a child may keep handles open after the command is done; the command's answer is final.
  setImmediate(() => process.exit(code));
});
