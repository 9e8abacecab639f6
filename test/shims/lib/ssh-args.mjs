// OpenSSH's command line (ssh.c getopt string) and connecting to a modelled NixOS guest, shared by ssh and scp.
import { guestByAddress, reachable } from './nixos-guest.mjs';
import { ShimExit } from './shim-runtime.mjs';

const WITH_VALUE = new Set([
  '-B',
  '-b',
  '-c',
  '-D',
  '-E',
  '-e',
  '-F',
  '-I',
  '-i',
  '-J',
  '-L',
  '-l',
  '-m',
  '-O',
  '-o',
  '-p',
  '-Q',
  '-R',
  '-S',
  '-W',
  '-w',
]);

/** @param {string[]} argv */
export function parseSshArgv(argv) {
  let i = 0;
  /** @type {string[]} */
  const options = [];
  while (i < argv.length) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (WITH_VALUE.has(a)) {
      options.push(a, argv[i + 1] ?? '');
      i += 2;
    } else {
      options.push(a);
      i++;
    }
  }
  const destination = argv[i];
  if (destination === undefined) {
    throw new ShimExit(
      255,
      'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file] [-e escape_char]\n           [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n',
    );
  }
  const host = destination
    .replace(/^ssh:\/\//, '')
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '');
  return { options, destination, host, command: argv.slice(i + 1).join(' ') };
}

/** Finds the guest behind `host`, or exits as ssh does when it cannot connect. */
export function connect(/** @type {string} */ host) {
  const name = guestByAddress(host);
  if (!name) throw new ShimExit(255, `ssh: Could not resolve hostname ${host}: Name or service not known\n`);
  if (!reachable(name)) throw new ShimExit(255, `ssh: connect to host ${host} port 22: No route to host\n`);
  return name;
}
