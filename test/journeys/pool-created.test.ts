// After the first install the saved answers still list the pool under "new pool"; reopening the wizard
// (journey 2) and applying the same answers file again (journey 4) must accept it when that pool is the one an
// earlier apply created, and only then.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolAlreadyCreated } from '../../src/answers/pool-created';
import { parseAnswers } from '../../src/answers/validate';
import type { HostReport } from '../../src/host/types';
import { storageProblems, storageStatus } from '../../src/wizard/storage';
import { repoRoot } from '../helpers/shared';
import { firstInstallAnswers } from './first-install-checks';

const before = JSON.parse(
  readFileSync(join(repoRoot, 'test/fixtures/reports/demo.json'), 'utf8'),
) as HostReport;
const answers = firstInstallAnswers(false);
const pool = answers.storage.newPool!;

/** The demo host as detection sees it after `zpool create tank` on `members`. */
function withPool(members: string[], name = 'tank'): HostReport {
  return {
    ...before,
    zfs: { pools: [...(before.zfs?.pools ?? []), { name, health: 'ONLINE', sizeBytes: 16e12 }] },
    disks: before.disks.map((d) =>
      d.byId && members.includes(d.byId) ? { ...d, holds: [`zfs:${name}`] } : d,
    ),
  };
}

describe('a new pool that an earlier apply already created', () => {
  it('is recognised only when a pool of that name holds exactly the chosen disks', () => {
    expect(poolAlreadyCreated(pool, before)).toBe(false);
    expect(poolAlreadyCreated(pool, withPool(pool.disks))).toBe(true);
    expect(poolAlreadyCreated(pool, withPool(pool.disks.slice(0, 3)))).toBe(false);
    expect(poolAlreadyCreated(pool, withPool(pool.disks, 'vault'))).toBe(false);
  });

  it('keeps the answers valid and the Storage section complete, marked as created', () => {
    const created = withPool(pool.disks);
    expect(parseAnswers(answers, { report: created })).toMatchObject({ ok: true });
    expect(storageProblems(answers, created)).toEqual([]);
    expect(storageStatus(answers, created)).toMatchObject({
      kind: 'done',
      summary: 'tank raidz1 of 4 disks (24 TB), created · 5 datasets on tank',
    });
    expect(storageStatus(answers, before)).toMatchObject({
      summary: 'new tank raidz1 of 4 disks (24 TB) · 5 datasets on tank',
    });
  });

  it('still refuses a name another pool already has', () => {
    const other = withPool(pool.disks.slice(0, 2));
    const parsed = parseAnswers(answers, { report: other });
    expect(parsed).toMatchObject({ ok: false });
    expect(parsed.ok ? [] : parsed.errors).toContain(
      'storage.newPool.name: expected a name no pool on this machine has, got "tank"',
    );
    expect(storageProblems(answers, other)).toContain(
      'new pool: Pool name: a pool named tank already exists',
    );
  });
});
