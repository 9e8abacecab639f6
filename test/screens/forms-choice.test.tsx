import { Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Choice, type ChoiceOption } from '../../screens/components/Choice';
import { renderScreen, type Screen } from '../helpers/screen';

const zones: ChoiceOption<string>[] = Array.from({ length: 30 }, (_, i) => ({
  value: `zone-${i}`,
  label: `Zone ${String(i).padStart(2, '0')}`,
  detail: i % 2 ? 'odd' : 'even',
  disabled: i === 3 ? 'zone 3 is closed' : null,
  note: `note for zone ${i}`,
}));

function Harness({ initial }: { initial?: string }) {
  const [result, setResult] = useState('none');
  return (
    <>
      <Choice<string>
        options={zones}
        initial={initial}
        isActive
        maxRows={8}
        filterable
        onChoose={(v) => setResult(`chose ${v}`)}
        onCancel={() => setResult('cancelled')}
        onKey={(input, _key, focused) => input === 'x' && setResult(`x on ${focused}`)}
      />
      <Text>result: {result}</Text>
    </>
  );
}

let s: Screen | null = null;
afterEach(() => {
  s?.unmount();
  s = null;
});

describe('Choice', () => {
  it("opens on the current value, scrolls a long list, and shows the focused row's note", async () => {
    s = await renderScreen(<Harness initial="zone-20" />);
    const f = s.frame();
    expect(f).toMatch(/› Zone 20\s+even/);
    expect(f).toContain('note for zone 20');
    expect(f).toMatch(/↑ \d+ more/);
    expect(f).toMatch(/↓ \d+ more/);
    expect(f).not.toContain('Zone 00');
  });

  it('takes a burst of keys in order (down, down, enter in one chunk each, before a render)', async () => {
    s = await renderScreen(<Harness />);
    s.stdin.write('j');
    s.stdin.write('j');
    s.stdin.write('\r');
    await s.waitFor('result: chose zone-2');
  });

  it('refuses a disabled row with its reason, moves with k/up, wraps, and hands other keys over', async () => {
    s = await renderScreen(<Harness initial="zone-3" />);
    expect(s.frame()).toContain('✗ zone 3 is closed.');
    let f = await s.press('enter');
    expect(f).toContain('✗ Not available: zone 3 is closed');
    expect(f).toContain('result: none');
    await s.press('k');
    f = await s.press('up');
    expect(f).toMatch(/› Zone 01/);
    await s.press('up');
    f = await s.press('up');
    expect(f).toMatch(/› Zone 29/);
    f = await s.press('x');
    expect(f).toContain('result: x on zone-29');
    f = await s.press('escape');
    expect(f).toContain('result: cancelled');
  });

  it('/ filters by label and detail; esc clears the filter before it cancels', async () => {
    s = await renderScreen(<Harness />);
    let f = await s.press('/');
    expect(f).toContain('Filter:');
    f = await s.type('2');
    expect(f).toContain('(12 of 30)');
    f = await s.type('5');
    expect(f).toContain('(1 of 30)');
    expect(f).toMatch(/› Zone 25/);
    f = await s.press('backspace');
    expect(f).toContain('(12 of 30)');
    await s.type('5');
    f = await s.press('escape');
    expect(f).not.toContain('Filter:');
    expect(f).toContain('result: none');
    await s.press('/');
    await s.type('odd');
    f = await s.press('enter');
    expect(f).toContain('result: chose zone-1');
  });
});
