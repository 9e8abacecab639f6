import { Text } from 'ink';
import { useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { useKeys } from '../../screens/hooks/useKeys';
import { renderScreen, type Screen } from '../helpers/screen';

// A handler that builds on the state of the last render (not a functional update), as most screens do.
function Typed() {
  const [text, setText] = useState('');
  const [cursor, setCursor] = useState(0);
  useKeys((input, key) => {
    if (key.return) setText(`${text}⏎`);
    else if (input === 'j') setCursor(cursor + 1);
    else setText(text + input);
  });
  return (
    <Text>
      [{text}] cursor {cursor}
    </Text>
  );
}

let s: Screen | null = null;
afterEach(() => s?.unmount());

it('keys that arrive in one read each see the state the key before made', async () => {
  s = await renderScreen(<Typed />);
  s.stdin.write('tank\r');
  expect(await s.waitFor('[tank⏎]')).toContain('cursor 0');
  s.stdin.write('jjj');
  expect(await s.waitFor('cursor 3')).toContain('[tank⏎]');
});
