import { describe, expect, it } from 'vitest';
import { changedSections, SECTION_KEYS } from '../../src/answers/changed';
import { defaultAnswers } from '../../src/answers/defaults';
import { AnswersShape } from '../../src/answers/schema';
import { demoReport } from './fixtures';

const base = defaultAnswers(demoReport());

describe('changedSections', () => {
  it('nothing is marked before the first apply', () => expect(changedSections(base, null)).toEqual([]));
  it('identical answers change nothing', () =>
    expect(changedSections(base, structuredClone(base))).toEqual([]));
  it('names each section whose keys differ, in hub order', () => {
    const now = structuredClone(base);
    now.machine.hostname = 'lab';
    now.guests.windowsVm.cores = 4;
    now.infrastructure = ['production'];
    now.games = [{ slug: 'wow', prefix: '/home/a/wow', runner: 'wine' }];
    expect(changedSections(now, base)).toEqual(['machine', 'guests', 'gaming', 'services']);
  });
  it('a selection in another order is the same selection; other lists keep their order', () => {
    const a = { ...base, messaging: ['signal', 'zoom'] as typeof base.messaging };
    const b = { ...base, messaging: ['zoom', 'signal'] as typeof base.messaging };
    expect(changedSections(a, b)).toEqual([]);
    const c = structuredClone(base);
    c.storage.newPool!.disks.reverse();
    expect(changedSections(c, base)).toEqual(['storage']);
  });
  it('every answers key belongs to a section', () => {
    const covered = new Set(Object.values(SECTION_KEYS).flat());
    const keys = Object.keys(AnswersShape.shape).filter((k) => k !== 'schemaVersion');
    expect(keys.filter((k) => !covered.has(k as never))).toEqual([]);
  });
});
