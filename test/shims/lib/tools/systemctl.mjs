// systemctl: enable/disable/start/stop/restart/is-active/is-enabled/daemon-reload over systemd.json.
import { ShimExit, runShim } from '../shim-runtime.mjs';
import { readSystemd, unitKnown, unitName, writeSystemd } from '../systemd.mjs';

runShim('systemctl', ({ argv, out, err }) => {
  const flags = argv.filter((a) => a.startsWith('-'));
  const [sub, ...names] = argv.filter((a) => !a.startsWith('-'));
  const now = flags.includes('--now');
  const quiet = flags.includes('--quiet') || flags.includes('-q');
  const s = readSystemd();
  const units = names.map(unitName);
  const state = (/** @type {string} */ u) => (s.units[u] ??= {});
  switch (sub) {
    case 'daemon-reload':
      s.reloads = (s.reloads ?? 0) + 1;
      writeSystemd(s);
      return 0;
    case 'enable':
    case 'disable': {
      const missing = units.find((u) => !unitKnown(s, u));
      if (missing) throw new ShimExit(1, `Failed to ${sub} unit: Unit file ${missing} does not exist.\n`);
      for (const u of units) {
        const st = state(u);
        const target = st.wantedBy ?? (u.endsWith('.timer') ? 'timers.target' : 'multi-user.target');
        const link = `/etc/systemd/system/${target}.wants/${u}`;
        if (sub === 'enable' && st.enabled !== 'enabled')
          err(`Created symlink '${link}' → '/etc/systemd/system/${u}'.\n`);
        if (sub === 'disable' && st.enabled === 'enabled') err(`Removed '${link}'.\n`);
        st.enabled = sub === 'enable' ? 'enabled' : 'disabled';
        if (now) st.active = sub === 'enable' ? 'active' : 'inactive';
      }
      writeSystemd(s);
      return 0;
    }
    case 'start':
    case 'stop':
    case 'restart':
    case 'reload':
    case 'try-restart': {
      if (units.length === 0) throw new ShimExit(1, 'Too few arguments.\n');
      const missing = units.find((u) => !unitKnown(s, u));
      if (missing) {
        const verb = {
          start: 'start',
          stop: 'stop',
          restart: 'restart',
          reload: 'reload',
          'try-restart': 'try-restart',
        }[sub];
        throw new ShimExit(5, `Failed to ${verb} ${missing}: Unit ${missing} not found.\n`);
      }
      for (const u of units) state(u).active = sub === 'stop' ? 'inactive' : 'active';
      writeSystemd(s);
      return 0;
    }
    case 'is-active':
    case 'is-failed': {
      let ok = units.length > 0;
      for (const u of units) {
        const a = s.units[u]?.active ?? (unitKnown(s, u) ? 'inactive' : 'inactive');
        if (!quiet) out(`${a}\n`);
        if (sub === 'is-active' ? a !== 'active' : a !== 'failed') ok = false;
      }
      return ok ? 0 : sub === 'is-active' ? 3 : 1;
    }
    case 'is-enabled': {
      let ok = units.length > 0;
      for (const u of units) {
        if (!unitKnown(s, u)) {
          err(`Failed to get unit file state for ${u}: No such file or directory\n`);
          return 1;
        }
        const e = s.units[u]?.enabled ?? 'disabled';
        if (!quiet) out(`${e}\n`);
        if (e !== 'enabled' && e !== 'static') ok = false;
      }
      return ok ? 0 : 1;
    }
    default:
      throw new ShimExit(70, `nix-mox shim: 'systemctl ${sub ?? ''}' is not simulated\n`);
  }
});
