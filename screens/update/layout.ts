// Lays the guest update out as rows: a line per guest (finished guests fold to that line, plus the reason when it was
// not a clean update), the working guest's steps with the running step's pane (bar, last lines), and at the end the
// summary. Always fewer rows than the terminal has (Ink clears the whole screen at full height).
import type { GuestStatus } from '../../src/guests/types';
import { headline, statusWord } from '../../src/guests/summary';
import { formatMs } from '../../src/run/runner';
import { type Part, type Row, SPINNER, formatClock, truncate } from '../run/layout';
import type { StepView } from '../run/run-model';
import { symbols, type Tone } from '../theme';
import type { GroupView, UpdateModel } from './model';

export interface UpdateLayoutView {
  rows: number;
  columns: number;
  /** The selected guest (↑/↓), for enter = open its log. */
  selected: number;
  now: number;
  tick: number;
  asking: boolean;
  title: string;
}

/** Output lines shown under the running step. */
export const PANE_LINES = 4;
/** Rows a guest's reason may take when it was not a clean update. */
export const REASON_LINES = 3;

/** Words into lines of at most `width`; the last line ends with … when text is left over. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const w = Math.max(10, width);
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = cur === '' ? word : `${cur} ${word}`;
    if (next.length <= w) {
      cur = next;
      continue;
    }
    if (cur !== '') lines.push(cur);
    cur = word.length > w ? `${word.slice(0, w - 1)}…` : word;
  }
  if (cur !== '') lines.push(cur);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, w);
  if (!kept[maxLines - 1]!.endsWith('…')) kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, w - 1)}…`;
  return kept;
}

function spread(left: Part[], right: Part[], columns: number): Part[] {
  const rightLen = right.reduce((n, p) => n + p.text.length, 0);
  const room = Math.max(0, columns - 1 - (rightLen > 0 ? rightLen + 1 : 0));
  const out: Part[] = [];
  let used = 0;
  for (const p of left) {
    const text = truncate(p.text, room - used);
    if (text === '') break;
    out.push({ ...p, text });
    used += text.length;
    if (text !== p.text) break;
  }
  if (rightLen > 0) out.push({ text: ' '.repeat(Math.max(1, columns - 1 - used - rightLen)) }, ...right);
  return out;
}

const STATUS: Record<GuestStatus, { symbol: string; tone: Tone }> = {
  updated: { symbol: symbols.ok, tone: 'ok' },
  'rolled-back': { symbol: '↺', tone: 'warn' },
  failed: { symbol: symbols.bad, tone: 'bad' },
  'rollback-failed': { symbol: symbols.warn, tone: 'bad' },
  skipped: { symbol: '↷', tone: 'muted' },
};

function groupRow(g: GroupView, v: UpdateLayoutView, selected: boolean, active: boolean): Row {
  const o = g.outcome;
  const mark: Part = o
    ? { text: STATUS[o.status].symbol, tone: STATUS[o.status].tone }
    : active
      ? { text: SPINNER[v.tick % SPINNER.length]!, tone: 'accent' }
      : { text: symbols.todo, tone: 'muted' };
  const elapsed = formatClock((g.endedAt ?? v.now) - g.startedAt);
  const right: Part[] = o
    ? [{ text: `${statusWord(o.status)} · ${elapsed}`, tone: STATUS[o.status].tone }]
    : [{ text: elapsed }];
  return {
    key: `group-${g.name}`,
    parts: spread(
      [
        { text: selected ? `${symbols.pointer} ` : '  ', tone: 'accent' },
        mark,
        { text: ' ' },
        { text: g.title, bold: active || selected },
      ],
      right,
      v.columns,
    ),
  };
}

function stepMark(s: StepView, tick: number): Part {
  switch (s.state) {
    case 'running':
      return { text: SPINNER[tick % SPINNER.length]!, tone: 'accent' };
    case 'done':
      return { text: symbols.ok, tone: 'ok' };
    case 'failed':
      return { text: symbols.bad, tone: 'bad' };
    case 'skipped':
      return { text: '↷', tone: 'muted' };
    default:
      return { text: symbols.todo, tone: 'muted' };
  }
}

function stepRow(g: GroupView, s: StepView, v: UpdateLayoutView): Row {
  const right: Part[] =
    s.state === 'running'
      ? [{ text: formatClock(v.now - (s.startedAt ?? v.now)) }]
      : s.state === 'done'
        ? [{ text: formatMs(s.ms ?? 0), tone: 'muted' }]
        : s.state === 'failed'
          ? [{ text: `exit ${s.code} · ${formatMs(s.ms ?? 0)}`, tone: 'bad' }]
          : s.state === 'skipped'
            ? [{ text: truncate(s.skipReason ?? '', Math.floor(v.columns / 3)), tone: 'muted' }]
            : [];
  return {
    key: `step-${g.name}-${s.id}`,
    parts: spread(
      [{ text: '    ' }, stepMark(s, v.tick), { text: ' ' }, { text: s.title, bold: s.state === 'running' }],
      right,
      v.columns,
    ),
  };
}

function paneRows(g: GroupView, s: StepView, v: UpdateLayoutView, lines: number): Row[] {
  const rows: Row[] = [];
  const p = s.progress;
  const quiet =
    s.quietMs >= 3000 ? [{ text: ` · no output for ${formatClock(s.quietMs)}`, tone: 'muted' as Tone }] : [];
  if (p && p.total !== null && p.total > 0) {
    const width = Math.max(5, Math.min(30, Math.floor(v.columns / 3)));
    const filled = Math.round((Math.min(p.done, p.total) / p.total) * width);
    rows.push({
      key: `bar-${g.name}`,
      parts: spread(
        [
          { text: '      ' },
          { text: '█'.repeat(filled), tone: 'accent' },
          { text: '░'.repeat(width - filled), tone: 'muted' },
          { text: ` ${p.done}/${p.total} ${p.label}` },
          ...quiet,
        ],
        [],
        v.columns,
      ),
    });
  } else if (p?.label || quiet.length > 0) {
    rows.push({
      key: `bar-${g.name}`,
      parts: spread([{ text: `      ${p?.label ?? 'working'}` }, ...quiet], [], v.columns),
    });
  }
  for (const [i, text] of s.lines.tail(lines).entries()) {
    rows.push({
      key: `line-${g.name}-${i}`,
      parts: [
        { text: '      │ ', tone: 'muted' },
        { text: truncate(text.replace(/\t/g, '  '), v.columns - 9) },
      ],
    });
  }
  return rows;
}

/** The active guest's steps: a window around the running one when they do not all fit. */
function activeRows(g: GroupView, v: UpdateLayoutView, budget: number): Row[] {
  const steps = g.model.steps;
  const running = steps.find((s) => s.state === 'running');
  const paneWanted = running ? Math.min(PANE_LINES, running.lines.size) + (running.progress ? 1 : 0) : 0;
  const stepRoom = Math.max(1, budget - Math.min(paneWanted, Math.max(0, budget - 3)));
  let start = 0;
  let end = steps.length;
  if (steps.length > stepRoom) {
    const at = Math.max(
      0,
      steps.findIndex((s) => s.state === 'running' || s.state === 'pending'),
    );
    const k = Math.max(1, stepRoom - 1);
    start = Math.max(0, Math.min(at - Math.floor(k / 2), steps.length - k));
    end = Math.min(steps.length, start + k);
  }
  const out: Row[] = [];
  if (start > 0)
    out.push({
      key: `above-${g.name}`,
      parts: [{ text: `      … ${start} earlier step(s)`, tone: 'muted' }],
    });
  for (const s of steps.slice(start, end)) {
    out.push(stepRow(g, s, v));
    if (s === running)
      out.push(...paneRows(g, s, v, Math.max(0, Math.min(PANE_LINES, budget - (end - start) - 2))));
  }
  if (end < steps.length)
    out.push({
      key: `below-${g.name}`,
      parts: [{ text: `      … ${steps.length - end} more step(s)`, tone: 'muted' }],
    });
  return out.slice(0, Math.max(0, budget));
}

export function layoutUpdate(m: UpdateModel, v: UpdateLayoutView): Row[] {
  const maxRows = Math.max(1, v.rows - 1);
  const finished = m.result !== null;
  const done = m.groups.filter((g) => g.outcome).length;
  const status: Part[] = finished
    ? [{ text: `finished · ${formatClock(v.now - m.startedAt)}`, tone: 'muted' }]
    : [{ text: `${done}/${Math.max(m.groups.length, done)} done · ${formatClock(v.now - m.startedAt)}` }];
  const header: Row = {
    key: 'header',
    parts: spread(
      [{ text: 'nix-mox', bold: true, tone: 'accent' }, { text: ` · ${v.title}` }],
      status,
      v.columns,
    ),
  };
  const hints = v.asking
    ? 'y stop after the running step · n keep going'
    : finished
      ? '↑↓ select guest · enter open its log · q quit'
      : '↑↓ select guest · enter open its log · ctrl-c stop';
  const footer: Row = { key: 'footer', parts: [{ text: truncate(hints, v.columns - 1), tone: 'muted' }] };
  const top: Row[] = [
    header,
    ...m.notes.slice(-1).map((n, i) => ({
      key: `note-${i}`,
      parts: spread([{ text: n, tone: 'muted' as Tone }], [], v.columns),
    })),
  ];
  const bottom: Row[] = [];
  if (v.asking) {
    bottom.push({
      key: 'ask',
      parts: spread(
        [
          {
            text: `${symbols.warn} Stop? The running step is stopped; guests not reached yet are left as they are.`,
            tone: 'warn',
            bold: true,
          },
        ],
        [],
        v.columns,
      ),
    });
  } else if (m.result) {
    bottom.push({ key: 'summary', parts: spread([{ text: headline(m.result), bold: true }], [], v.columns) });
  }
  bottom.push(footer);
  if (maxRows <= top.length + bottom.length) return [...top, ...bottom].slice(0, maxRows);

  const active = finished ? null : (m.groups.find((g) => g.outcome === null) ?? null);
  const selected = Math.max(0, Math.min(v.selected, m.groups.length - 1));
  const reasonRows = (g: GroupView): Row[] =>
    g.outcome && g.outcome.status !== 'updated'
      ? wrapText(g.outcome.reason, v.columns - 7, REASON_LINES).map((text, i) => ({
          key: `reason-${g.name}-${i}`,
          parts: [{ text: `      ${text}`, tone: STATUS[g.outcome!.status].tone }],
        }))
      : [];
  let budget = maxRows - top.length - bottom.length;
  const body: Row[] = [];
  const fixed = m.groups.length + m.groups.reduce((n, g) => n + reasonRows(g).length, 0);
  for (const [i, g] of m.groups.entries()) {
    if (budget <= 0) break;
    body.push(groupRow(g, v, i === selected, g === active));
    budget--;
    if (g === active) {
      const room = budget - (fixed - body.length);
      const rows = activeRows(g, v, Math.max(1, room));
      body.push(...rows.slice(0, budget));
      budget -= Math.min(rows.length, budget);
    }
    const reasons = reasonRows(g).slice(0, budget);
    body.push(...reasons);
    budget -= reasons.length;
  }
  return [...top, ...body, ...bottom].slice(0, maxRows);
}
