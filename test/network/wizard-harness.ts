// Stands in for the wizard in the kill tests: runs the apply step as the runner does (own process group),
// prints the script's pid and every line it prints, and never confirms.
// Usage: node --import tsx wizard-harness.ts STAGE ROOT COUNTDOWN_S GRACE_S ARM
import { startNetworkApply } from '../../src/network/apply';

const [stageDir, root, countdown, grace, arm] = process.argv.slice(2);
const run = startNetworkApply({
  stageDir: stageDir!,
  root: root!,
  countdownS: Number(countdown),
  graceS: Number(grace),
  arm: arm as 'auto' | 'systemd' | 'detached',
  onLine: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`SCRIPT_PID ${run.pid}\n`);
process.exitCode = (await run.done) ?? 1;
