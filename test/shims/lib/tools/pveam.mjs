// pveam (pve-manager PVE/CLI/pveam.pm): the appliance index and stored templates in templates.json.
import { cFixed } from '../cfmt.mjs';
import { readStorage, requireStorage, storageContent } from '../pve-state.mjs';
import { param, validatedOrExit } from '../pve-tool.mjs';
import { ShimExit, now, runShim } from '../shim-runtime.mjs';
import { readTemplates, writeTemplates } from '../templates.mjs';

runShim('pveam', ({ argv, out }) => {
  const res = validatedOrExit('pveam', argv);
  const p = res.params;
  const t = readTemplates();
  switch (res.command) {
    case 'update':
      writeTemplates({ ...t, updatedAt: now().toISOString() });
      out('update successful\n');
      return 0;
    case 'available': {
      const section = param(p, 'section');
      const rows = t.available
        .filter((a) => !section || a.section === section)
        .sort((a, b) =>
          a.section === b.section ? (a.template < b.template ? -1 : 1) : a.section < b.section ? -1 : 1,
        );
      for (const a of rows) out(`${a.section.padEnd(15)} ${a.template}\n`);
      return 0;
    }
    case 'download': {
      const template = param(p, 'template');
      const app = t.available.find((a) => a.template === template);
      if (!app) {
        throw new ShimExit(
          255,
          '400 Parameter verification failed.\ntemplate: no such template\npveam download <storage> <template>\n',
        );
      }
      const storage = requireStorage(param(p, 'storage'));
      const dest = `${storage.path ?? `/mnt/pve/${storage.id}`}/template/cache/${template}`;
      const url = `http://download.proxmox.com/images/${app.section}/${template}`;
      out(`downloading ${url} to ${dest}\n`);
      out('calculating checksum...OK, checksum verified\n');
      out(`download of '${url}' to '${dest}' finished\n`);
      const stored = t.stored.filter((s) => !(s.storage === storage.id && s.template === template));
      writeTemplates({ ...t, stored: [...stored, { storage: storage.id, template, size: 134217728 }] });
      return 0;
    }
    case 'list': {
      const sid = param(p, 'storage');
      const storage = readStorage().find((s) => s.id === sid);
      if (!storage) throw new ShimExit(255, `storage '${sid}' does not exist\n`);
      if (!storageContent(storage).includes('vztmpl'))
        throw new ShimExit(255, 'Storage does not support templates!\n');
      out(`${'NAME'.padEnd(60)} ${'SIZE'.padEnd(6)}\n`);
      for (const s of t.stored
        .filter((x) => x.storage === sid)
        .sort((a, b) => (a.template < b.template ? -1 : 1))) {
        out(`${`${sid}:vztmpl/${s.template}`.padEnd(60)} ${cFixed((s.size ?? 0) / 1024 ** 2, 2)}MB\n`);
      }
      return 0;
    }
    default:
      throw new ShimExit(70, `nix-mox shim: pveam ${res.command} is validated but not simulated\n`);
  }
});
