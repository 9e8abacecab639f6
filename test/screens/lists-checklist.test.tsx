// The CheckList widget on its own: rows, scrolling, refusals, keys that arrive faster than renders.
import { Box } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckList } from '../../screens/components/CheckList';
import {
  buildRows,
  type CheckItem,
  scrollTo,
  useCheckListKeys,
  useCheckListState,
} from '../../screens/hooks/useCheckList';
import { renderScreen, type Screen } from '../helpers/screen';

const groups = [
  { id: 'g1', title: 'First' },
  { id: 'g2', title: 'Second' },
];
const items: CheckItem[] = [
  ...Array.from({ length: 6 }, (_, i) => ({
    id: `a${i}`,
    label: `Alpha ${i}`,
    group: 'g1',
    detail: `pkg-a${i}`,
  })),
  { id: 'old', label: 'Oldie', group: 'g2', disabledReason: 'gone since 2025; use Beta 0' },
  ...Array.from({ length: 4 }, (_, i) => ({
    id: `b${i}`,
    label: `Beta ${i}`,
    group: 'g2',
    description: `Beta number ${i}`,
  })),
];

function Harness({ height, log }: { height: number; log: string[][] }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [back, setBack] = useState(0);
  const state = useCheckListState({
    items,
    groups,
    selected,
    onChange: (next) => {
      log.push(next);
      setSelected(next);
    },
    height,
  });
  useCheckListKeys(state, { isActive: true, onBack: () => setBack((b) => b + 1), onHelp: () => {} });
  return (
    <Box flexDirection="column">
      <CheckList state={state} />
      <Box>{back > 0 ? <Box>{`back pressed ${back}`}</Box> : null}</Box>
    </Box>
  );
}

let s: Screen | null = null;
afterEach(() => {
  s?.unmount();
  s = null;
});

describe('buildRows and scrollTo (pure)', () => {
  it('groups in order with chosen/total counts (disabled rows not counted as choosable)', () => {
    const rows = buildRows(items, groups, new Set(['a1', 'b2']), '', 'a0');
    expect(rows.filter((r) => r.kind === 'group')).toEqual([
      { kind: 'group', group: groups[0], chosen: 1, total: 6 },
      { kind: 'group', group: groups[1], chosen: 1, total: 4 },
    ]);
    expect(rows).toHaveLength(13);
  });
  it('a filter hides empty groups', () => {
    const rows = buildRows(items, groups, new Set(), 'beta 3', undefined);
    expect(rows.map((r) => (r.kind === 'group' ? r.group.title : r.item.label))).toEqual([
      'Second',
      'Beta 3',
    ]);
  });
  it('scrollTo keeps the window when the target is inside, and moves it minimally otherwise', () => {
    expect(scrollTo(0, 3, 5, 20)).toBe(0);
    expect(scrollTo(0, 7, 5, 20)).toBe(3);
    expect(scrollTo(10, 4, 5, 20)).toBe(4);
    expect(scrollTo(18, 19, 5, 20)).toBe(15);
    expect(scrollTo(3, 2, 5, 4)).toBe(0);
  });
});

describe('CheckList', () => {
  it('shows a window of the rows with markers for what is above and below', async () => {
    s = await renderScreen(<Harness height={6} log={[]} />, { columns: 80, rows: 20 });
    let f = s.frame();
    expect(f).toContain('First (0/6)');
    expect(f).toContain('› [ ] Alpha 0');
    expect(f).toMatch(/↓ 9 more/);
    expect(f).not.toContain('↑');
    for (let i = 0; i < 6; i++) f = await s.press('j');
    expect(f).toContain('› [-] Oldie');
    expect(f).toContain('cannot be chosen: gone since 2025; use Beta 0');
    expect(f).toMatch(/↑ \d+ more/);
    // Moving up past the first row of a group shows its header.
    f = await s.press('k');
    f = await s.press('down');
    expect(f).toContain('Second (0/4)');
  });

  it('space on a disabled row refuses with the reason and changes nothing', async () => {
    const log: string[][] = [];
    s = await renderScreen(<Harness height={20} log={log} />, { columns: 80, rows: 30 });
    for (let i = 0; i < 6; i++) await s.press('down');
    const f = await s.press('space');
    expect(f).toContain('! Oldie cannot be chosen: gone since 2025; use Beta 0');
    expect(log).toEqual([]);
    // The next move clears the notice.
    expect(await s.press('down')).not.toContain('! Oldie');
  });

  it('shows the focused row description', async () => {
    s = await renderScreen(<Harness height={20} log={[]} />, { columns: 80, rows: 30 });
    await s.press('up');
    expect(s.frame()).toContain('Beta number 3');
  });

  it('keys that arrive together all count: two toggles in one burst, then a select-all', async () => {
    const log: string[][] = [];
    s = await renderScreen(<Harness height={20} log={log} />, { columns: 80, rows: 30 });
    s.stdin.write(' ');
    s.stdin.write('j');
    s.stdin.write(' ');
    await s.waitFor('[x] Alpha 1');
    expect(log.at(-1)).toEqual(['a0', 'a1']);
    await s.press('a');
    expect(log.at(-1)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(s.frame()).toContain('First (6/6)');
  });

  it('a filter with no match says so; backspace widens it again; esc with no filter goes back', async () => {
    s = await renderScreen(<Harness height={20} log={[]} />, { columns: 80, rows: 30 });
    await s.press('/');
    let f = await s.type('zz');
    expect(f).toContain('nothing matches "zz"');
    expect(f).toContain('0 matches');
    await s.press('backspace');
    f = await s.press('backspace');
    expect(f).toContain('Alpha 0');
    await s.press('escape');
    f = await s.press('escape');
    expect(f).toContain('back pressed 1');
  });
});
