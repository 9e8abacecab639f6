// sudo: passes the command through (the test already runs as whoever it runs as), so the command
// after sudo's own options reaches the shim or tool of that name on PATH.
import { spawnSync } from 'node:child_process';
import { ShimExit, runShim } from '../shim-runtime.mjs';

const WITH_VALUE = new Set([
  '-u',
  '--user',
  '-g',
  '--group',
  '-C',
  '--close-from',
  '-D',
  '--chdir',
  '-h',
  '--host',
  '-p',
  '--prompt',
  '-r',
  '--role',
  '-t',
  '--type',
  '-T',
  '--command-timeout',
  '-U',
  '--other-user',
]);

runShim('sudo', ({ argv }) => {
  let i = 0;
  for (; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (WITH_VALUE.has(a)) i++;
  }
  const [cmd, ...args] = argv.slice(i);
  if (!cmd)
    throw new ShimExit(
      1,
      'usage: sudo -h | -K | -k | -V\nusage: sudo [-BbEHnPS] [-u user] command [arg ...]\n',
    );
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  if (res.error && /** @type {NodeJS.ErrnoException} */ (res.error).code === 'ENOENT') {
    throw new ShimExit(1, `sudo: ${cmd}: command not found\n`);
  }
  if (res.signal) process.kill(process.pid, res.signal);
  return res.status ?? 1;
});
