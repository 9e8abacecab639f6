// A step's full log, scrollable. While the step runs it follows the end of the log (refreshed on the run
// view's one frame timer), until the user scrolls up.
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { Footer } from '../components/Footer';
import { color } from '../theme';
import type { LogFile } from './log-file';

export interface LogViewerProps {
  title: string;
  /** The log, kept by the caller so that opening it again only reads what was added since. */
  log: LogFile;
  rows: number;
  columns: number;
  /** Changes on every frame of the run view: a growing log is read again then. */
  tick: number;
  onClose(): void;
  onCtrlC(): void;
}

export function LogViewer({ title, log, rows, columns, tick, onClose, onCtrlC }: LogViewerProps) {
  const path = log.path;
  const seenTick = useRef(tick);
  if (seenTick.current !== tick) {
    seenTick.current = tick;
    log.refresh();
  }
  const page = Math.max(1, rows - 4);
  // The scroll position is a ref, read by the key handler at call time (it may run before the next render).
  const top = useRef<number | null>(null); // null: follow the end
  const [, redraw] = useState(0);
  const maxTopNow = () => Math.max(0, log.count - page);
  const firstNow = () => (top.current === null ? maxTopNow() : Math.min(top.current, maxTopNow()));
  const move = (by: number | 'start' | 'end') => {
    const max = maxTopNow();
    const to = by === 'start' ? 0 : by === 'end' ? max : firstNow() + by;
    const next = Math.max(0, Math.min(to, max));
    top.current = next >= max ? null : next;
    redraw((n) => n + 1);
  };

  useInput((input, key) => {
    if (key.ctrl && input === 'c') onCtrlC();
    else if (key.escape || input === 'q') onClose();
    else if (key.upArrow || input === 'k') move(-1);
    else if (key.downArrow || input === 'j') move(1);
    else if (key.pageUp || input === 'b') move(-page);
    else if (key.pageDown || input === ' ') move(page);
    else if (key.home || input === 'g') move('start');
    else if (key.end || input === 'G') move('end');
  });

  const first = firstNow();
  const visible = log.lines(first, page);
  const last = Math.min(log.count, first + page);
  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Text bold color={color('accent')}>
          Log
        </Text>{' '}
        · {title} · {path}
      </Text>
      <Text wrap="truncate-end" color={color('muted')}>
        {log.error ??
          `lines ${log.count === 0 ? 0 : first + 1}-${last} of ${log.count}${top.current === null ? ' · following' : ''}`}
      </Text>
      {visible
        .map((text, i) => ({ n: first + i, text }))
        .map((line) => (
          <Text key={line.n} wrap="truncate-end">
            {line.text.replace(/\t/g, '  ') || ' '}
          </Text>
        ))}
      <Footer
        hints={[
          { keys: '↑↓', label: 'scroll' },
          { keys: 'PgUp/PgDn', label: 'page' },
          { keys: 'g/G', label: 'top/end' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
