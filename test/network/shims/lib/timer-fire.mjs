// The detached half of the test-local systemd-run: waits, then runs the unit's command unless the timer was
// stopped meanwhile (systemctl stop kills this process group, and removes the state entry).
import { spawnSync } from 'node:child_process';
import { readState, writeState } from '../../../shims/lib/shim-runtime.mjs';

const [unit, seconds, ...command] = process.argv.slice(2);
process.on('SIGHUP', () => {});
setTimeout(() => {
  const timers = readState('systemd-timers', {});
  if (timers[unit]?.pid !== process.pid) process.exit(0);
  delete timers[unit];
  writeState('systemd-timers', timers);
  const r = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}, Number(seconds) * 1000);
