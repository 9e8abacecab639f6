// scp (OpenSSH, SFTP mode) of one local file to `destination:path` on a modelled NixOS guest. Messages as
// OpenSSH prints them: "scp: stat local "x": No such file or directory" (exit 255 for a connection failure).
import { statSync } from 'node:fs';
import { receiveFile } from '../nixos-guest.mjs';
import { ShimExit, runShim } from '../shim-runtime.mjs';
import { connect, parseSshArgv } from '../ssh-args.mjs';

runShim('scp', ({ argv }) => {
  // scp takes the same -o options as ssh; what follows them is SOURCE... TARGET.
  const flagsEnd = (() => {
    const { options } = parseSshArgv([...argv, 'x']);
    let i = options.length;
    if (argv[i] === '--') i++;
    return i;
  })();
  const paths = argv.slice(flagsEnd);
  if (paths.length < 2)
    throw new ShimExit(
      1,
      'usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]\n           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]\n           [-P port] [-S program] [-X sftp_option] source ... target\n',
    );
  const target = /** @type {string} */ (paths[paths.length - 1]);
  const m = /^(?:[^@/]+@)?([^:/]+):(.+)$/.exec(target);
  if (!m) throw new ShimExit(70, 'nix-mox shim: only scp to a remote target is simulated\n');
  const name = connect(/** @type {string} */ (m[1]));
  for (const src of paths.slice(0, -1)) {
    let size;
    try {
      size = statSync(src).size;
    } catch {
      throw new ShimExit(1, `scp: stat local "${src}": No such file or directory\n`);
    }
    receiveFile(name, /** @type {string} */ (m[2]), size);
  }
  return 0;
});
