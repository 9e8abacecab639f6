// The live panes of a run: one pane per running step (bar or spinner, elapsed time, last lines), finished
// steps folded to one line, a failure view, and a full log on enter. Events only update a model; ONE timer
// draws frames (at most `fps` a second) and drives the spinners, so a flood of output costs no extra frames.
import { Box, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { NETWORK_APPLY_STEP_ID, networkStepStage } from '../../src/network/index';
import type { Step } from '../../src/plan/types';
import { NetworkCountdown } from '../network/CountdownConfirm';
import { useFrameTick } from '../hooks/useFrameTick';
import { useLogFiles } from '../hooks/useLogFiles';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { RunEventSource } from './event-hub';
import { layoutRun } from './layout';
import { LogViewer } from './LogViewer';
import { RowText } from './RowText';
import { stopAnswer } from './stop-answer';
import { applyEvent, createModel, finishModel, type RunModel } from './run-model';

export interface RunViewProps {
  plan: { steps: Step[] };
  events: RunEventSource;
  /** What runs, for the header: "update", "apply". */
  title: string;
  /** Shown as the next thing to try after a failure, e.g. `nix-mox apply --resume`. */
  resumeCommand?: string;
  /** The user confirmed stopping the run. */
  onCancel(): void;
  /** The view is done (run finished and, after a failure, the user left). */
  onExit(): void;
  /** Frames per second while something changes (default 12). */
  fps?: number;
}

export const DEFAULT_FPS = 10;

interface Ui {
  /** The step the user moved to, or null to follow the running one. */
  picked: number | null;
  asking: boolean;
  stopping: boolean;
  /** Step whose full log is open. */
  viewing: string | null;
}

function defaultSelection(m: RunModel): number {
  const running = m.steps.findIndex((s) => s.state === 'running');
  if (running >= 0) return running;
  const failed = m.result?.failedStepId ? m.steps.findIndex((s) => s.id === m.result?.failedStepId) : -1;
  if (failed >= 0) return failed;
  let last = 0;
  m.steps.forEach((s, i) => {
    if (s.state !== 'pending') last = i;
  });
  return last;
}

export function RunView({
  plan,
  events,
  title,
  resumeCommand,
  onCancel,
  onExit,
  fps = DEFAULT_FPS,
}: RunViewProps) {
  const { columns, rows } = useTerminalSize();
  const model = useRef<RunModel | null>(null);
  model.current ??= createModel(plan);
  const m = model.current;
  // What the keys change lives in a ref: a key handler may run before React has handed it the latest render
  // (effects are flushed after the frame), so it must read the current values, not the ones it closed over.
  const ui = useRef<Ui>({ picked: null, asking: false, stopping: false, viewing: null });
  const [, redraw] = useState(0);
  const update = (change: Partial<Ui>) => {
    Object.assign(ui.current, change);
    redraw((n) => n + 1);
  };
  const exited = useRef(false);
  const logs = useLogFiles();

  useEffect(
    () =>
      events.subscribe(
        (e) => applyEvent(m, e),
        (r) => finishModel(m, r),
      ),
    [events, m],
  );

  // The one timer: a frame when the model changed, or while a step runs (spinner, elapsed time).
  const tick = useFrameTick(m, fps, () => m.steps.some((s) => s.state === 'running'));

  useEffect(() => {
    if (m.result?.ok && !exited.current) {
      exited.current = true;
      onExit();
    }
  });

  const selectedNow = () =>
    Math.min(ui.current.picked ?? defaultSelection(m), Math.max(0, m.steps.length - 1));
  const leave = () => {
    if (!exited.current) {
      exited.current = true;
      onExit();
    }
  };
  const askOrLeave = () => {
    if (m.result !== null) leave();
    else if (!ui.current.stopping) update({ asking: true });
  };

  useInput(
    (input, key) => {
      if (ui.current.asking) {
        const answer = stopAnswer(input, key);
        if (answer === 'stop') {
          update({ asking: false, stopping: true });
          onCancel();
        } else if (answer === 'keep') update({ asking: false });
        return;
      }
      const selected = selectedNow();
      if ((key.ctrl && input === 'c') || input === 'q') askOrLeave();
      else if (key.upArrow || input === 'k') update({ picked: Math.max(0, selected - 1) });
      else if (key.downArrow || input === 'j') update({ picked: Math.min(m.steps.length - 1, selected + 1) });
      else if (key.return || input === 'l') {
        const s = m.steps[selected];
        if (s?.logPath) {
          logs.refresh(s.logPath);
          update({ viewing: s.id });
        }
      }
    },
    { isActive: ui.current.viewing === null },
  );

  const { asking, stopping, viewing } = ui.current;
  const finished = m.result !== null;
  const selected = selectedNow();
  const viewed = viewing ? m.byId.get(viewing) : undefined;
  if (viewed?.logPath) {
    return (
      <LogViewer
        title={viewed.title}
        log={logs.open(viewed.logPath)}
        rows={rows}
        columns={columns}
        tick={tick}
        onClose={() => update({ viewing: null })}
        onCtrlC={() => {
          update({ viewing: null });
          askOrLeave();
        }}
      />
    );
  }

  // The bridges step waits for the user: y keeps the change, n reverts (scripts/network-confirm reads the answer).
  const network = networkCountdownFor(plan.steps, m);
  const laid = layoutRun(m, {
    rows: network ? Math.max(4, rows - COUNTDOWN_ROWS) : rows,
    columns,
    selected,
    now: Date.now(),
    tick,
    asking,
    title: stopping && !finished ? `${title} · stopping the running step…` : title,
    resumeCommand,
  });
  return (
    <Box flexDirection="column" width={columns}>
      {network ? (
        <NetworkCountdown
          key={network.stageDir}
          stageDir={network.stageDir}
          {...(network.root ? { root: network.root } : {})}
          what={network.what}
          done={network.done}
          total={network.total}
          isActive={!asking}
          width={columns}
        />
      ) : null}
      {laid.map((row) => (
        <RowText key={row.key} row={row} />
      ))}
    </Box>
  );
}

/** Rows the countdown box takes above the panes. */
const COUNTDOWN_ROWS = 8;

function networkCountdownFor(steps: Step[], m: RunModel) {
  const running = m.steps.find((s) => s.id === NETWORK_APPLY_STEP_ID && s.state === 'running');
  const step = steps.find((s) => s.id === NETWORK_APPLY_STEP_ID);
  const stage = step ? networkStepStage(step) : null;
  if (!running || !stage || !running.progress || running.progress.total === null) return null;
  return {
    ...stage,
    what: step!.title.replace(/:.*$/, ''),
    done: running.progress.done,
    total: running.progress.total,
  };
}
