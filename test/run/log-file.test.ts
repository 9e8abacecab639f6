import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../screens/run/log-file';
import { tempDir } from './helpers';

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

describe('LogFile', () => {
  it('reads just the lines asked for, and follows a growing file', () => {
    const path = join(dir, 'step.log');
    writeFileSync(path, 'one\ntwo\nthree\npart');
    const log = new LogFile(path);
    expect(log.count).toBe(3);
    expect(log.lines(0, 2)).toEqual(['one', 'two']);
    expect(log.lines(1, 10)).toEqual(['two', 'three']);
    expect(log.lines(5, 2)).toEqual([]);
    expect(log.refresh()).toBe(false);
    appendFileSync(path, 'ial\nfour\n');
    expect(log.refresh()).toBe(true);
    expect(log.count).toBe(5);
    expect(log.lines(3, 2)).toEqual(['partial', 'four']);
  });

  it('keeps multi-byte characters whole and handles empty lines', () => {
    const path = join(dir, 'utf8.log');
    writeFileSync(path, 'größe ✓\n\n日本語\n');
    const log = new LogFile(path);
    expect(log.lines(0, 3)).toEqual(['größe ✓', '', '日本語']);
  });

  it('indexes a large log beyond one read chunk', () => {
    const path = join(dir, 'big.log');
    const line = 'x'.repeat(99);
    writeFileSync(path, `${Array.from({ length: 30_000 }, (_, i) => `${i} ${line}`).join('\n')}\n`);
    const log = new LogFile(path);
    expect(log.count).toBe(30_000);
    expect(log.lines(29_998, 5)).toEqual([`29998 ${line}`, `29999 ${line}`]);
  });

  it('says when the file cannot be read', () => {
    const log = new LogFile(join(dir, 'missing.log'));
    expect(log.count).toBe(0);
    expect(log.error).toBe(`cannot read ${join(dir, 'missing.log')}: ENOENT`);
  });
});
