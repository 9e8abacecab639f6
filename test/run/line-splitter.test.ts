import { describe, expect, it } from 'vitest';
import { LineSplitter, lastSegment } from '../../src/run/line-splitter';

function split(chunks: string[], end = true) {
  const out: { kind: 'line' | 'transient'; text: string }[] = [];
  const s = new LineSplitter({
    line: (text) => out.push({ kind: 'line', text }),
    transient: (text) => out.push({ kind: 'transient', text }),
  });
  for (const c of chunks) s.push(c);
  if (end) s.end();
  return out;
}

describe('LineSplitter', () => {
  it('splits lines across chunk boundaries', () => {
    expect(split(['ab', 'c\nde', 'f\ng\n'])).toEqual([
      { kind: 'line', text: 'abc' },
      { kind: 'line', text: 'def' },
      { kind: 'line', text: 'g' },
    ]);
  });

  it('keeps an unfinished last line until the stream ends', () => {
    expect(split(['a\nb'], false)).toEqual([{ kind: 'line', text: 'a' }]);
    expect(split(['a\nb'])).toEqual([
      { kind: 'line', text: 'a' },
      { kind: 'line', text: 'b' },
    ]);
  });

  it('treats CRLF as one line end', () => {
    expect(split(['one\r\ntwo\r\n'])).toEqual([
      { kind: 'line', text: 'one' },
      { kind: 'line', text: 'two' },
    ]);
  });

  it('replaces carriage-return progress instead of piling it up', () => {
    const out = split(['10%\r', '50%\r', '100%\n', 'next\n']);
    expect(out).toEqual([
      { kind: 'transient', text: '10%' },
      { kind: 'transient', text: '50%' },
      { kind: 'line', text: '100%' },
      { kind: 'line', text: 'next' },
    ]);
  });

  it('reports only the newest segment of a chunk full of carriage returns', () => {
    const chunk = Array.from({ length: 1000 }, (_, i) => `${i}%`).join('\r') + '\r';
    expect(split([chunk], false)).toEqual([{ kind: 'transient', text: '999%' }]);
  });

  it('keeps what the terminal shows when the newline follows a carriage return', () => {
    expect(split(['50%\r', '\n'])).toEqual([
      { kind: 'transient', text: '50%' },
      { kind: 'line', text: '50%' },
    ]);
  });

  it('shows a partly written segment and finishes it whole', () => {
    expect(split(['5%\r6', '0%\n'])).toEqual([
      { kind: 'transient', text: '6' },
      { kind: 'line', text: '60%' },
    ]);
  });

  it('lastSegment picks the last non-empty piece', () => {
    expect(lastSegment('a\rb\rc')).toBe('c');
    expect(lastSegment('c\r')).toBe('c');
    expect(lastSegment('\r')).toBe('');
    expect(lastSegment('plain')).toBe('plain');
  });
});
