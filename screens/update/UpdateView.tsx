// The live panes of `nix-mox update --guests`: one group per guest with the working guest's steps and its running
// step's pane, the summary at the end, a step's full log on enter. Events only update a model; one timer draws.
import { Box } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { RolloutEvent, RolloutResult } from '../../src/guests/types';
import { useFrameTick } from '../hooks/useFrameTick';
import { useKeys } from '../hooks/useKeys';
import { useLogFiles } from '../hooks/useLogFiles';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { EventSource } from '../run/event-hub';
import { LogViewer } from '../run/LogViewer';
import { RowText } from '../run/RowText';
import { stopAnswer } from '../run/stop-answer';
import { layoutUpdate } from './layout';
import {
  type UpdateModel,
  activeGroup,
  applyRolloutEvent,
  createUpdateModel,
  finishUpdateModel,
  logStepOf,
} from './model';

export type RolloutEventSource = EventSource<RolloutEvent, RolloutResult>;

export interface UpdateViewProps {
  events: RolloutEventSource;
  title: string;
  onCancel(): void;
  onExit(): void;
  fps?: number;
}

export function UpdateView({ events, title, onCancel, onExit, fps = 10 }: UpdateViewProps) {
  const { columns, rows } = useTerminalSize();
  const model = useRef<UpdateModel | null>(null);
  model.current ??= createUpdateModel();
  const m = model.current;
  const [picked, setPicked] = useState<number | null>(null);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [viewing, setViewing] = useState<{ title: string; logPath: string } | null>(null);
  const logs = useLogFiles();
  const exited = useRef(false);

  useEffect(
    () =>
      events.subscribe(
        (e) => applyRolloutEvent(m, e),
        (r) => finishUpdateModel(m, r),
      ),
    [events, m],
  );
  const tick = useFrameTick(m, fps, () => m.result === null);

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
        const answer = stopAnswer(input, key);
        if (answer === 'stop') {
          setAsking(false);
          setStopping(true);
          onCancel();
        } else if (answer === 'keep') setAsking(false);
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
          logs.refresh(log.logPath);
          setViewing(log);
        }
      }
    },
    { isActive: viewing === null },
  );

  if (viewing) {
    return (
      <LogViewer
        title={viewing.title}
        log={logs.open(viewing.logPath)}
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
