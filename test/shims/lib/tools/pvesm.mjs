// pvesm (pve-storage src/PVE/CLI/pvesm.pm): add, set, remove, status over storage.json.
import { cFixed } from '../cfmt.mjs';
import { readStorage, readZfs, writeStorage } from '../pve-state.mjs';
import { param, validatedOrExit } from '../pve-tool.mjs';
import { ShimExit, runShim } from '../shim-runtime.mjs';
import { storageUsage } from '../storage-status.mjs';

runShim('pvesm', ({ argv, out }) => {
  const res = validatedOrExit('pvesm', argv);
  const p = res.params;
  const list = readStorage();
  const id = param(p, 'storage');
  switch (res.command) {
    case 'add': {
      // PVE::API2::Storage::Config create, inside lock_storage_config(..., "create storage failed")
      if (list.some((s) => s.id === id))
        throw new ShimExit(255, `create storage failed: storage ID '${id}' already defined\n`);
      const type = param(p, 'type');
      if (type === 'zfspool') {
        const pool = param(p, 'pool');
        if (!readZfs().datasets.some((d) => d.name === pool)) {
          throw new ShimExit(
            255,
            `create storage failed: zfs error: cannot open '${pool}': dataset does not exist\n`,
          );
        }
      }
      /** @type {import('../pve-state.mjs').Storage} */
      const entry = { id, type };
      for (const [k, v] of Object.entries(p)) {
        if (k !== 'storage' && k !== 'type' && k !== 'password' && typeof v === 'string') entry[k] = v;
      }
      writeStorage([...list, entry]);
      return 0;
    }
    case 'set': {
      const s = list.find((x) => x.id === id);
      if (!s) throw new ShimExit(255, `update storage failed: storage '${id}' does not exist\n`);
      for (const [k, v] of Object.entries(p)) {
        if (k === 'storage' || k === 'digest' || k === 'password' || typeof v !== 'string') continue;
        if (k === 'delete') for (const d of v.split(/[,;\s]+/).filter(Boolean)) delete s[d];
        else s[k] = v;
      }
      writeStorage(list);
      return 0;
    }
    case 'remove': {
      if (!list.some((s) => s.id === id))
        throw new ShimExit(255, `delete storage failed: storage '${id}' does not exist\n`);
      writeStorage(list.filter((s) => s.id !== id));
      return 0;
    }
    case 'status': {
      const rows = [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
      const maxlen = Math.max(0, ...rows.map((s) => s.id.length)) + 1;
      out(
        `${'Name'.padEnd(maxlen)} ${'Type'.padStart(10)} ${'Status'.padStart(10)} ${'Total'.padStart(15)} ${'Used'.padStart(15)} ${'Available'.padStart(15)} ${'%'.padStart(8)}\n`,
      );
      for (const s of rows) {
        const u = storageUsage(s);
        const disabled = s['disable'] === '1' || s.enabled === 0;
        const active = disabled ? 'disabled' : s.active === 0 ? 'inactive' : 'active';
        const per = disabled
          ? 'N/A'.padStart(8)
          : `${cFixed(u.total > 0 ? (u.used * 100) / u.total : 0, 2).padStart(7)}%`;
        const kib = (/** @type {number} */ n) => String(Math.floor(n / 1024)).padStart(15);
        out(
          `${s.id.padEnd(maxlen)} ${s.type.padStart(10)} ${active.padStart(10)} ${kib(u.total)} ${kib(u.used)} ${kib(u.avail)} ${per}\n`,
        );
      }
      return 0;
    }
    default:
      throw new ShimExit(70, `nix-mox shim: pvesm ${res.command} is validated but not simulated\n`);
  }
});
