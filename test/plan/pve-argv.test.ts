// Every qm/pct/vzdump/pvesh/pvesm argv in every golden plan (steps, skip checks, undo commands) is one the
// Proxmox VE 9.1 API schema accepts (test/shims/lib/pve-api.mjs validates names, enums, ranges, patterns and
// property-string keys against ../shared/proxmox-api/apidata.json).
import { describe, expect, it } from 'vitest';
import { validatePveCommand } from '../shims/lib/pve-api.mjs';
import { sharedAvailable } from '../helpers/shared';
import { CASES, buildCase } from '../golden/cases';

const PVE = new Set(['qm', 'pct', 'vzdump', 'pvesh', 'pvesm']);

describe.skipIf(!sharedAvailable())('Proxmox argv against the API schema', () => {
  it('rejects what Proxmox rejects (the check can fail)', () => {
    const bad = validatePveCommand(['qm', 'create', '101', '--machine', 'q36', '--ostype', 'win12'], {
      node: 'pve',
    });
    expect(bad.ok).toBe(false);
    const badHostpci = validatePveCommand(['qm', 'set', '101', '--hostpci0', '0000:01:00,pcie=1,x-vgaa=1'], {
      node: 'pve',
    });
    expect(badHostpci.ok).toBe(false);
  });

  it.each(CASES)('%s: every Proxmox command is valid', (name) => {
    const c = buildCase(name);
    const node = c.report.hostname ?? 'pve';
    const argvs = c.plan.steps
      .flatMap((s) => [s.argv, s.skipIf?.argv, s.undo])
      .filter((a): a is string[] => a !== undefined && PVE.has(a[0]!));
    const failures = argvs
      .map((argv) => ({ argv: argv.join(' '), r: validatePveCommand(argv, { node }) }))
      .filter((x) => !x.r.ok)
      .map((x) => `${x.argv}: ${x.r.ok ? '' : x.r.errors.join('; ')}`);
    expect(failures).toEqual([]);
    if (c.answers.machine.role === 'proxmox-host' && name !== 'minimal-server')
      expect(argvs.length).toBeGreaterThan(0);
  });
});
