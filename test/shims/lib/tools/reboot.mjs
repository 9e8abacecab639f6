// reboot: records the request in power.json { "reboots": [{ "argv", "time" }] } instead of rebooting.
import { now, readState, runShim, writeState } from '../shim-runtime.mjs';

runShim('reboot', ({ argv }) => {
  /** @type {{ reboots: { argv: string[], time: string }[] }} */
  const state = readState('power', { reboots: [] });
  state.reboots.push({ argv, time: now().toISOString() });
  writeState('power', state);
  return 0;
});
