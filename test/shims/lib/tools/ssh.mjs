// ssh (OpenSSH client) into a modelled NixOS guest (nixos-guest.mjs): the destination's host is looked up by name or
// address; the remote command is the rest of argv joined with spaces and split again by the remote POSIX shell.
// Messages are OpenSSH's (ssh.c / sshconnect.c): "ssh: Could not resolve hostname X: Name or service not known",
// "ssh: connect to host X port 22: No route to host", exit 255.
import { runInNixosGuest } from '../nixos-guest.mjs';
import { splitShellWords } from '../shell-words.mjs';
import { ShimExit, runShim } from '../shim-runtime.mjs';
import { connect, parseSshArgv } from '../ssh-args.mjs';

runShim('ssh', ({ argv, out, err }) => {
  const { host, command } = parseSshArgv(argv);
  const name = connect(host);
  if (command.trim() === '')
    throw new ShimExit(70, 'nix-mox shim: an interactive ssh session is not simulated\n');
  let words;
  try {
    words = splitShellWords(command);
  } catch (e) {
    throw new ShimExit(2, `bash: -c: line 1: ${/** @type {Error} */ (e).message}\n`);
  }
  const r = runInNixosGuest(name, words);
  if (r.stdout) out(r.stdout);
  if (r.stderr) err(r.stderr);
  return r.code;
});
