import { Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from '../../screens/components/TextField';
import { checkHostname } from '../../src/wizard/machine';
import { renderScreen, type Screen } from '../helpers/screen';

function Harness() {
  const [result, setResult] = useState('none');
  return (
    <>
      <TextField<string>
        label="Hostname"
        initial="pve"
        check={checkHostname}
        hint="a-z, 0-9 and -"
        isActive
        onSubmit={(v) => setResult(`submitted ${v}`)}
        onCancel={() => setResult('cancelled')}
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

describe('TextField', () => {
  it('takes a burst of keys (a paste, then enter at once) in order', async () => {
    s = await renderScreen(<Harness />);
    s.stdin.write('-lab');
    s.stdin.write('\r');
    const f = await s.waitFor('result: submitted pve-lab');
    expect(f).toContain('Hostname: pve-lab');
  });

  it('shows the message naming the field only after enter, and keeps it current while typing', async () => {
    s = await renderScreen(<Harness />);
    let f = await s.type('_');
    expect(f).not.toContain('✗');
    f = await s.press('enter');
    expect(f).toContain('✗ Hostname: expected an RFC 1123 host label');
    expect(f).toContain('result: none');
    f = await s.press('backspace');
    expect(f).not.toContain('✗');
    f = await s.press('escape');
    expect(f).toContain('result: cancelled');
  });
});

describe('TextField with a line arriving in one chunk', () => {
  it('clears, types and confirms from one event (ctrl-u, text, enter)', async () => {
    s = await renderScreen(<Harness />);
    s.stdin.write('\u0015lab-2\r');
    const f = await s.waitFor('result: submitted lab-2');
    expect(f).toContain('Hostname: lab-2');
  });
});
