// The countdown view: y keeps, n reverts now, nothing else does anything; once answered it waits.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CountdownConfirm, NetworkCountdown } from '../../screens/network/CountdownConfirm';
import { renderScreen, type Screen } from '../helpers/screen';

let s: Screen | null = null;
afterEach(() => {
  s?.unmount();
  s = null;
});

function Harness({ log }: { log: string[] }) {
  const [answered, setAnswered] = useState<'keep' | 'revert' | null>(null);
  return (
    <CountdownConfirm
      what="bridges vmbr1, vmbr2"
      left={42}
      total={60}
      answered={answered}
      onKeep={() => {
        log.push('keep');
        setAnswered('keep');
      }}
      onRevert={() => {
        log.push('revert');
        setAnswered('revert');
      }}
      isActive
    />
  );
}

describe('CountdownConfirm', () => {
  it('shows the time left and keeps the change on y', async () => {
    const log: string[] = [];
    s = await renderScreen(<Harness log={log} />, { columns: 90, rows: 20 });
    expect(s.frame()).toContain('Network changed: bridges vmbr1, vmbr2');
    expect(s.frame()).toContain('Reverting in 42 s');
    expect(s.frame()).toContain('y keep the change  n revert now');
    await s.pressNoChange('x');
    expect(log).toEqual([]);
    const f = await s.press('y');
    expect(f).toContain('Keeping the change');
    await s.pressNoChange('n');
    expect(log).toEqual(['keep']);
  });

  it('reverts now on n', async () => {
    const log: string[] = [];
    s = await renderScreen(<Harness log={log} />, { columns: 90, rows: 20 });
    expect(await s.press('n')).toContain('Restoring the previous configuration');
    expect(log).toEqual(['revert']);
  });
});

describe('NetworkCountdown', () => {
  it('leaves the answer where scripts/network-confirm looks for it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nix-mox-net-cd-'));
    const stage = '/var/lib/nix-mox/network/0123456789abcdef';
    mkdirSync(join(root, stage), { recursive: true });
    try {
      s = await renderScreen(
        <NetworkCountdown stageDir={stage} root={root} what="bridges vmbr1" done={18} total={60} isActive />,
        { columns: 90, rows: 20 },
      );
      expect(s.frame()).toContain('Reverting in 42 s');
      await s.press('y');
      expect(existsSync(join(root, stage, 'confirm'))).toBe(true);
      expect(existsSync(join(root, stage, 'reject'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
