// systemd-run: records the transient unit in systemd.json; with --wait/--pipe runs the command
// in the foreground and reports like systemd does.
import { spawnSync } from 'node:child_process';
import { ShimExit, now, runShim } from '../shim-runtime.mjs';
import { readSystemd, writeSystemd } from '../systemd.mjs';

const WITH_VALUE = new Set([
  '--unit',
  '-u',
  '--property',
  '-p',
  '--description',
  '--slice',
  '--on-calendar',
  '--on-active',
  '--on-boot',
  '--on-startup',
  '--on-unit-active',
  '--on-unit-inactive',
  '--timer-property',
  '--setenv',
  '-E',
  '--uid',
  '--gid',
  '--nice',
  '--working-directory',
  '-M',
  '--machine',
  '-H',
  '--host',
  '--service-type',
  '--path-property',
  '--socket-property',
  '--on-clock-change',
  '--on-timezone-change',
]);

runShim('systemd-run', ({ argv, err }) => {
  /** @type {Record<string, string[]>} */
  const opts = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : WITH_VALUE.has(key) ? (argv[++i] ?? '') : '';
    opts[key] = [...(opts[key] ?? []), value];
  }
  const command = argv.slice(i);
  const has = (/** @type {string[]} */ ...keys) => keys.some((k) => opts[k] !== undefined);
  const timer = has(
    '--on-calendar',
    '--on-active',
    '--on-boot',
    '--on-startup',
    '--on-unit-active',
    '--on-unit-inactive',
  );
  if (command.length === 0 && !timer) throw new ShimExit(1, 'Command line to execute required.\n');
  const s = readSystemd();
  const base =
    (opts['--unit'] ?? opts['-u'])?.[0]?.replace(/\.(service|timer)$/, '') ??
    `run-u${(s.transient?.length ?? 0) + 1}`;
  const quiet = has('--quiet', '-q');
  s.transient = [
    ...(s.transient ?? []),
    {
      unit: `${base}.service`,
      argv: command,
      ...(timer ? { timer: `${base}.timer`, onCalendar: opts['--on-calendar']?.[0] } : {}),
      properties: [...(opts['--property'] ?? []), ...(opts['-p'] ?? [])],
      time: now().toISOString(),
    },
  ];
  s.units[`${base}.service`] = { active: timer ? 'inactive' : 'active', enabled: 'static' };
  if (timer) s.units[`${base}.timer`] = { active: 'active', enabled: 'static' };
  writeSystemd(s);
  if (timer) {
    if (!quiet) err(`Running timer as unit: ${base}.timer\nWill run service as unit: ${base}.service\n`);
    return 0;
  }
  if (!quiet) err(`Running as unit: ${base}.service\n`);
  if (!has('--wait', '--pipe', '-P')) return 0;
  const res = spawnSync(/** @type {string} */ (command[0]), command.slice(1), { stdio: 'inherit' });
  const code = res.status ?? 1;
  if (has('--wait') && !quiet) {
    err(
      `Finished with result: ${code === 0 ? 'success' : 'exit-code'}\nMain processes terminated with: code=exited/status=${code}\n`,
    );
  }
  return code;
});
