// The live panes of `nix-mox update --guests`: one group per guest with the working guest's steps and its running
// step's pane, the summary at the end, a step's full log on enter. Events only update a model; one timer draws.
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { RolloutEvent, RolloutResult } from '../../src/guests/types';
import { useKeys } from '../hooks/useKeys';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { LogFile } from '../run/log-file';
import { LogViewer } from '../run/LogViewer';
import type { Row } from '../run/layout';
import { color } from '../theme';
import { layoutUpdate } from './layout';
import {
  type UpdateModel,
  activeGroup,
  applyRolloutEvent,
  createUpdateModel,
  finishUpdateModel,
  logStepOf,
} from './model';

export interface RolloutEventSource {
  subscribe(onEvent: (e: RolloutEvent) => void, onFinish: (r: RolloutResult) => void): () => void;
}

export interface UpdateViewProps {
  events: RolloutEventSource;
  title: string;
  onCancel(): void;
  onExit(): void;
  fps?: number;
}

function RowText({ row }: { row: Row }) {
  return (
    <Text wrap="truncate-end">
      {row.parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's parts are positional and never reorder
        <Text key={i} color={p.tone ? color(p.tone) : undefined} bold={p.bold}>
          {p.text}
        </Text>
      ))}
    </Text>
  );
}

export function UpdateView({ events, title, onCancel, onExit, fps = 10 }: UpdateViewProps) {
  const { columns, rows } = useTerminalSize();
  const model = useRef<UpdateModel | null>(null);
  model.current ??= createUpdateModel();
  const m = model.current;
  const seen = useRef(-1);
  const [tick, setTick] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [viewing, setViewing] = useState<{ title: string; logPath: string } | null>(null);
  const logs = useRef(new Map<string, LogFile>());
  const exited = useRef(false);

  useEffect(
    () =>
      events.subscribe(
        (e) => applyRolloutEvent(m, e),
        (r) => finishUpdateModel(m, r),
      ),
    [events, m],
  );
  useEffect(() => {
    const timer = setInterval(
      () => {
        if (m.result === null || m.version !== seen.current) {
          seen.current = m.version;
          setTick((t) => t + 1);
        }
      },
      Math.round(1000 / fps),
    );
    return () => clearInterval(timer);
  }, [m, fps]);

  const finished = m.result !== null;
  const active = activeGroup(m);
  const selected = Math.min(
    picked ?? (active ? m.groups.indexOf(active) : Math.max(0, m.groups.length - 1)),
    Math.max(0, m.groups.length - 1),
  );
  const leave = () => {
    if (!exited.current) {
      exited.current = true;
      onExit();
    }
  };

  useKeys(
    (input, key) => {
      if (asking) {
        if (input === 'y' || input === 'Y' || (key.ctrl && input === 'c')) {
          setAsking(false);
          setStopping(true);
          onCancel();
        } else if (input === 'n' || input === 'N' || key.escape) setAsking(false);
        return;
      }
      if ((key.ctrl && input === 'c') || input === 'q') {
        if (finished) leave();
        else if (!stopping) setAsking(true);
      } else if (key.upArrow || input === 'k') setPicked(Math.max(0, selected - 1));
      else if (key.downArrow || input === 'j') setPicked(Math.min(m.groups.length - 1, selected + 1));
      else if (key.return) {
        const g = m.groups[selected];
        const log = g ? logStepOf(g) : null;
        if (log) {
          logs.current.get(log.logPath)?.refresh();
          setViewing(log);
        }
      }
    },
    { isActive: viewing === null },
  );

  if (viewing) {
    let log = logs.current.get(viewing.logPath);
    if (!log) {
      log = new LogFile(viewing.logPath);
      logs.current.set(viewing.logPath, log);
    }
    return (
      <LogViewer
        title={viewing.title}
        log={log}
        rows={rows}
        columns={columns}
        tick={tick}
        onClose={() => setViewing(null)}
        onCtrlC={() => {
          setViewing(null);
          if (finished) leave();
          else setAsking(true);
        }}
      />
    );
  }

  const laid = layoutUpdate(m, {
    rows,
    columns,
    selected,
    now: Date.now(),
    tick,
    asking,
    title: stopping && !finished ? `${title} · stopping…` : title,
  });
  return (
    <Box flexDirection="column" width={columns}>
      {laid.map((row) => (
        <RowText key={row.key} row={row} />
      ))}
    </Box>
  );
}
