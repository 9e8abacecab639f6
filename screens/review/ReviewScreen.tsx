// Review & apply: the plan as the user will live it. Steps with risk tags (enter opens a file's diff or a command's
// details), the disks that will be erased, whether a reboot follows, the notes; a legend. Apply asks for the pool
// name of each destructive step to be typed, then hands the plan to `onApply`.
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/useKeys';
import { type ReactElement, useMemo, useState } from 'react';
import type { BuildResult, BuiltPlan } from '../../src/plan/build';
import { Footer, type KeyHint } from '../components/Footer';
import { color, symbols } from '../theme';
import {
  LEGEND,
  type LineKind,
  type ViewLine,
  diskLines,
  rebootLine,
  reviewRows,
  scrollTop,
  summaryLine,
  typedConfirmations,
} from './model';

export type ReviewTab = 'steps' | 'disks' | 'notes';
const TABS: { id: ReviewTab; label: string }[] = [
  { id: 'steps', label: 'Steps' },
  { id: 'disks', label: 'Disks & reboot' },
  { id: 'notes', label: 'Notes' },
];

export const REVIEW_HELP = [
  'This is everything Apply will do, in order. Nothing has changed yet.',
  'Each step has risk tags: D touches disks, K kernel or boot, R needs a reboot, S systemd services, P package manager, N network, F writes files.',
  'Enter shows a file step as a unified diff against what is on disk now (new files whole), or a command with the check that skips it when it is already done.',
  'Tab switches to the disks that will be erased (by-id, model, size) and to the notes: how to go back, what to do by hand.',
  'a applies. A destructive step (a new ZFS pool) runs only after you type its pool name exactly.',
];

export interface ReviewScreenProps {
  /** The plan (or why it could not be made), from buildPlan(). */
  result: BuildResult;
  heading: string;
  /** Set when this machine only plans (not root, --root, --dry-run, not Proxmox): Apply is refused with it. */
  planOnlyReason: string | null;
  columns: number;
  rows: number;
  isActive: boolean;
  onBack(): void;
  onHelp(): void;
  /** Runs the plan; absent when nothing is wired to run it. */
  onApply?: (built: BuiltPlan) => void;
}

type Mode =
  | { kind: 'list' }
  | { kind: 'detail'; top: number }
  | { kind: 'type'; index: number; typed: string; wrong: boolean }
  | { kind: 'final' }
  | { kind: 'refused'; why: string }
  | { kind: 'applying' };

const lineColor: Record<LineKind, 'ok' | 'bad' | 'accent' | 'muted' | undefined> = {
  add: 'ok',
  del: 'bad',
  hunk: 'accent',
  head: 'muted',
  text: undefined,
};

function Lines({ lines, width }: { lines: ViewLine[]; width: number }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => {
        const tone = lineColor[l.kind];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff lines repeat (blank lines, braces); position is their identity
          <Text key={i} color={tone ? color(tone) : undefined} wrap="truncate-end">
            {l.text.slice(0, width) || ' '}
          </Text>
        );
      })}
    </Box>
  );
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { result, columns, rows } = props;
  const built = result.ok ? result.built : null;
  const stepRows = useMemo(() => (built ? reviewRows(built) : []), [built]);
  const confirms = useMemo(() => (built ? typedConfirmations(built.plan) : []), [built]);
  const [tab, setTab] = useState<ReviewTab>('steps');
  const [cursor, setCursor] = useState(0);
  const [top, setTop] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  // Title bar, heading, summary, tabs, legend, footer and margins.
  const height = Math.max(3, rows - 10);
  const width = Math.max(20, columns - 2);

  const move = (delta: number) => {
    const next = Math.min(Math.max(0, cursor + delta), Math.max(0, stepRows.length - 1));
    setCursor(next);
    setTop((t) => scrollTop(next, t, height));
  };

  // The typed confirmations are always asked first; on a plan-only machine (or with nothing wired to run the plan)
  // they are a rehearsal, and the last box says why nothing runs.
  const blocked = props.planOnlyReason
    ? { title: 'Plan only: this is where Apply would start. Nothing runs.', why: props.planOnlyReason }
    : props.onApply
      ? null
      : {
          title: 'Not applying here. Nothing runs.',
          why: 'Applying is not available from this screen; run nix-mox apply.',
        };
  const startApply = () => {
    if (!built) return;
    if (built.plan.steps.length === 0)
      return setMode({
        kind: 'refused',
        why: 'there is nothing to do: the machine already matches the answers.',
      });
    setMode(confirms.length > 0 ? { kind: 'type', index: 0, typed: '', wrong: false } : { kind: 'final' });
  };

  useKeys(
    (input, key) => {
      if (mode.kind === 'type') {
        const want = confirms[mode.index]!;
        if (key.escape) return setMode({ kind: 'list' });
        if (key.return) {
          if (mode.typed !== want.name) return setMode({ ...mode, wrong: true });
          return setMode(
            mode.index + 1 < confirms.length
              ? { kind: 'type', index: mode.index + 1, typed: '', wrong: false }
              : { kind: 'final' },
          );
        }
        if (key.backspace || key.delete)
          return setMode({ ...mode, typed: mode.typed.slice(0, -1), wrong: false });
        if (input && !key.ctrl && !key.meta && !key.tab)
          return setMode({ ...mode, typed: mode.typed + input, wrong: false });
        return;
      }
      if (mode.kind === 'final') {
        if (blocked) {
          if (key.escape || key.return) setMode({ kind: 'list' });
          return;
        }
        if (input === 'y' || input === 'Y') {
          setMode({ kind: 'applying' });
          props.onApply!(built!);
        } else if (input === 'n' || input === 'N' || key.escape) setMode({ kind: 'list' });
        return;
      }
      if (mode.kind === 'refused') {
        if (key.escape || key.return) setMode({ kind: 'list' });
        return;
      }
      if (mode.kind === 'applying') return;
      if (input === '?') return props.onHelp();
      if (mode.kind === 'detail') {
        const lines = stepRows[cursor]?.detail.length ?? 0;
        const max = Math.max(0, lines - height);
        if (key.escape || key.return || key.leftArrow) return setMode({ kind: 'list' });
        if (key.downArrow || input === 'j')
          return setMode({ kind: 'detail', top: Math.min(max, mode.top + 1) });
        if (key.upArrow || input === 'k') return setMode({ kind: 'detail', top: Math.max(0, mode.top - 1) });
        if (key.pageDown || input === ' ')
          return setMode({ kind: 'detail', top: Math.min(max, mode.top + height) });
        if (key.pageUp) return setMode({ kind: 'detail', top: Math.max(0, mode.top - height) });
        if (input === ']' || input === 'n') {
          move(1);
          return setMode({ kind: 'detail', top: 0 });
        }
        if (input === '[' || input === 'p') {
          move(-1);
          return setMode({ kind: 'detail', top: 0 });
        }
        return;
      }
      if (key.escape) return props.onBack();
      if (key.tab) {
        const i = TABS.findIndex((t) => t.id === tab);
        return setTab(TABS[(i + (key.shift ? TABS.length - 1 : 1)) % TABS.length]!.id);
      }
      if (input === 'a') return startApply();
      if (tab !== 'steps') return;
      if (key.downArrow || input === 'j') move(1);
      else if (key.upArrow || input === 'k') move(-1);
      else if (key.pageDown) move(height);
      else if (key.pageUp) move(-height);
      else if (key.return && stepRows.length > 0) setMode({ kind: 'detail', top: 0 });
    },
    { isActive: props.isActive },
  );

  if (!result.ok) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('accent')}>
          Review & apply
        </Text>
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} No plan: {result.error}
        </Text>
        <Text wrap="wrap">Go back to that section, fix it, and come back here.</Text>
        <Footer
          hints={[
            { keys: 'esc', label: 'back' },
            { keys: '?', label: 'help' },
          ]}
        />
      </Box>
    );
  }
  const plan = result.built.plan;
  const selected = stepRows[cursor];

  let body: ReactElement;
  let hints: KeyHint[];
  if (mode.kind === 'detail' && selected) {
    const lines = selected.detail.slice(mode.top, mode.top + height);
    body = (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">
          {cursor + 1}/{stepRows.length} {selected.tags} {selected.step.title}
        </Text>
        <Lines lines={lines} width={width} />
        {selected.detail.length > height ? (
          <Text color={color('muted')}>
            lines {mode.top + 1}-{Math.min(selected.detail.length, mode.top + height)} of{' '}
            {selected.detail.length}
          </Text>
        ) : null}
      </Box>
    );
    hints = [
      { keys: '↑↓/jk', label: 'scroll' },
      { keys: 'space/pgdn', label: 'page' },
      { keys: '[ ]', label: 'previous/next step' },
      { keys: 'esc', label: 'back to the list' },
    ];
  } else if (mode.kind === 'type') {
    const want = confirms[mode.index]!;
    const disks = plan.disksTouched.map((d) => d.byId);
    body = (
      <Box flexDirection="column" borderStyle="round" borderColor={color('bad')} paddingX={1}>
        <Text bold color={color('bad')}>
          {symbols.warn} Destructive: {want.title}
        </Text>
        {disks.map((d) => (
          <Text key={d} wrap="truncate-end">
            {'  '}
            {d}
          </Text>
        ))}
        <Text wrap="wrap">
          Type the pool name "{want.name}" and press enter to go ahead, or esc to go back.
        </Text>
        <Text>
          {'> '}
          {mode.typed}
          <Text inverse> </Text>
        </Text>
        {mode.wrong ? (
          <Text color={color('bad')}>
            {symbols.bad} That is not "{want.name}". Nothing has run.
          </Text>
        ) : null}
      </Box>
    );
    hints = [
      { keys: 'type', label: 'the name' },
      { keys: 'enter', label: 'confirm' },
      { keys: 'esc', label: 'cancel' },
    ];
  } else if (mode.kind === 'final' && blocked) {
    body = (
      <Box flexDirection="column" borderStyle="round" borderColor={color('warn')} paddingX={1}>
        <Text bold>{blocked.title}</Text>
        <Text wrap="wrap">{blocked.why}</Text>
      </Box>
    );
    hints = [{ keys: 'enter/esc', label: 'back to the plan' }];
  } else if (mode.kind === 'final') {
    body = (
      <Box flexDirection="column" borderStyle="round" borderColor={color('warn')} paddingX={1}>
        <Text bold>Apply these {plan.steps.length} steps now?</Text>
        <Text wrap="wrap">{rebootLine(plan)}</Text>
        <Text>
          <Text bold>y</Text> apply <Text bold>n</Text> not now
        </Text>
      </Box>
    );
    hints = [
      { keys: 'y', label: 'apply' },
      { keys: 'n/esc', label: 'back' },
    ];
  } else if (mode.kind === 'refused') {
    body = (
      <Box flexDirection="column" borderStyle="round" borderColor={color('warn')} paddingX={1}>
        <Text wrap="wrap">
          {symbols.warn} Not applying: {mode.why}
        </Text>
      </Box>
    );
    hints = [{ keys: 'enter/esc', label: 'back to the plan' }];
  } else if (mode.kind === 'applying') {
    body = <Text>Applying: handing the plan to the runner…</Text>;
    hints = [];
  } else {
    body = (
      <TabBody
        tab={tab}
        built={result.built}
        stepRows={stepRows}
        cursor={cursor}
        top={top}
        height={height}
        width={width}
      />
    );
    hints = [
      { keys: '↑↓/jk', label: 'move' },
      { keys: 'enter', label: 'diff/details' },
      { keys: 'tab', label: 'steps/disks/notes' },
      { keys: 'a', label: 'apply' },
      { keys: '?', label: 'help' },
      { keys: 'esc', label: 'back' },
    ];
  }

  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')} wrap="truncate-end">
        Review & apply · {props.heading}
      </Text>
      <Text wrap="truncate-end">
        {summaryLine(plan)}
        {props.planOnlyReason ? ' · plan only' : ''}
      </Text>
      <Text wrap="truncate-end">
        {TABS.map((t) => (
          <Text key={t.id} bold={t.id === tab} color={t.id === tab ? color('accent') : undefined}>
            {t.id === tab ? `[${t.label}]` : ` ${t.label} `}{' '}
          </Text>
        ))}
      </Text>
      <Box flexDirection="column" height={height + 2}>
        {body}
      </Box>
      <Text color={color('muted')} wrap="truncate-end">
        {LEGEND}
      </Text>
      <Footer hints={hints} />
    </Box>
  );
}

function TabBody(p: {
  tab: ReviewTab;
  built: BuiltPlan;
  stepRows: ReturnType<typeof reviewRows>;
  cursor: number;
  top: number;
  height: number;
  width: number;
}) {
  const plan = p.built.plan;
  if (p.tab === 'disks') {
    return (
      <Box flexDirection="column">
        <Text bold>Disks that will be erased</Text>
        {diskLines(plan).map((l) => (
          <Text key={l} wrap="truncate-end">
            {'  '}
            {l}
          </Text>
        ))}
        <Text> </Text>
        <Text bold>{plan.rebootNeeded ? `${symbols.warn} ` : ''}Reboot</Text>
        <Text wrap="wrap">{rebootLine(plan)}</Text>
      </Box>
    );
  }
  if (p.tab === 'notes') {
    const notes = plan.notes ?? [];
    return (
      <Box flexDirection="column">
        {notes.length === 0 ? <Text>No notes.</Text> : null}
        {notes.map((n) => (
          <Text key={n} wrap="wrap">
            {symbols.bullet} {n}
          </Text>
        ))}
      </Box>
    );
  }
  if (p.stepRows.length === 0) return <Text>Nothing to do: the machine already matches the answers.</Text>;
  const visible = p.stepRows.slice(p.top, p.top + p.height);
  const numWidth = String(p.stepRows.length).length;
  return (
    <Box flexDirection="column">
      {visible.map((r, i) => {
        const index = p.top + i;
        const on = index === p.cursor;
        const danger = r.step.confirm !== undefined;
        return (
          <Text key={r.step.id} wrap="truncate-end" color={on ? color('accent') : undefined} bold={on}>
            {on ? `${symbols.pointer} ` : '  '}
            {String(index + 1).padStart(numWidth)} {r.tags.padEnd(6)} {danger ? `${symbols.warn} ` : ''}
            {r.label}
          </Text>
        );
      })}
      {p.stepRows.length > p.height ? (
        <Text color={color('muted')}>
          {p.top + 1}-{Math.min(p.stepRows.length, p.top + p.height)} of {p.stepRows.length} steps
        </Text>
      ) : null}
    </Box>
  );
}
