// Lays a run out as terminal rows: one row per step, a pane (bar and last lines) under each running step,
// the failure view under the step that failed, header and footer. Always fewer rows than the terminal has:
// at full height Ink would clear the whole screen on every frame.
import { formatMs } from '../../src/run/format';
import { symbols, type Tone } from '../theme';
import type { RunModel, StepView } from './run-model';

export interface Part {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export interface Row {
  key: string;
  parts: Part[];
}

export interface LayoutView {
  rows: number;
  columns: number;
  selected: number;
  now: number;
  /** Spinner frame counter (advanced by the one frame timer). */
  tick: number;
  asking: boolean;
  title: string;
  resumeCommand?: string;
}

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Output lines under a running step, and under a failed one, when there is room. */
export const RUNNING_TAIL = 6;
export const FAILURE_TAIL = 10;
/** Quiet for this long and the pane says so, so that a quiet step never looks dead. */
export const QUIET_NOTICE_MS = 3000;

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** `text` cut to `width` columns, ending with … when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Left text and right text on one row of `columns` (one column spare), the left cut short first. */
function spread(left: Part[], right: Part[], columns: number): Part[] {
  const avail = Math.max(0, columns - 1);
  let rightLen = right.reduce((n, p) => n + p.text.length, 0);
  if (rightLen > avail) {
    right = [{ ...right[0], text: truncate(right.map((p) => p.text).join(''), avail) }];
    rightLen = right[0]!.text.length;
  }
  const room = Math.max(0, avail - (rightLen > 0 ? rightLen + 1 : 0));
  const out: Part[] = [];
  let used = 0;
  for (const p of left) {
    if (p.text === '') continue;
    const text = truncate(p.text, room - used);
    if (text === '') break;
    out.push({ ...p, text });
    used += text.length;
    if (text !== p.text) break;
  }
  if (rightLen > 0) out.push({ text: ' '.repeat(Math.max(0, avail - used - rightLen)) }, ...right);
  return out;
}

function isStopped(m: RunModel, s: StepView): boolean {
  return m.result?.cancelled === true && m.result.failedStepId === s.id;
}

function stepSymbol(m: RunModel, s: StepView, tick: number): Part {
  switch (s.state) {
    case 'running':
      return { text: SPINNER[tick % SPINNER.length]!, tone: 'accent' };
    case 'done':
      return { text: symbols.ok, tone: 'ok' };
    case 'failed':
      return isStopped(m, s) ? { text: '■', tone: 'warn' } : { text: symbols.bad, tone: 'bad' };
    case 'skipped':
      return { text: '↷', tone: 'muted' };
    default:
      return { text: symbols.todo, tone: 'muted' };
  }
}

function stepRight(m: RunModel, s: StepView, now: number): Part[] {
  switch (s.state) {
    case 'running':
      return [{ text: formatClock(now - (s.startedAt ?? now)) }];
    case 'done':
      return [{ text: formatMs(s.ms ?? 0), tone: 'muted' }];
    case 'failed':
      return [
        {
          text: isStopped(m, s)
            ? `stopped · ${formatMs(s.ms ?? 0)}`
            : `exit ${s.code} · ${formatMs(s.ms ?? 0)}`,
          tone: isStopped(m, s) ? 'warn' : 'bad',
        },
      ];
    case 'skipped':
      return [{ text: `skipped: ${s.skipReason ?? ''}`, tone: 'muted' }];
    default:
      return [];
  }
}

function stepRow(m: RunModel, s: StepView, v: LayoutView, selected: boolean): Row {
  const left: Part[] = [
    { text: selected ? `${symbols.pointer} ` : '  ', tone: 'accent' },
    stepSymbol(m, s, v.tick),
    { text: ' ' },
    { text: s.title, bold: s.state === 'running' || selected },
  ];
  return { key: `step-${s.id}`, parts: spread(left, stepRight(m, s, v.now), v.columns) };
}

function barRow(s: StepView, v: LayoutView): Row {
  const p = s.progress;
  const quiet =
    s.quietMs >= QUIET_NOTICE_MS
      ? [{ text: ` · no output for ${formatClock(s.quietMs)}`, tone: 'muted' as Tone }]
      : [];
  if (p && p.total !== null) {
    const width = Math.max(5, Math.min(30, Math.floor(v.columns / 3)));
    const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
    const parts: Part[] = [
      { text: '    ' },
      { text: '█'.repeat(filled), tone: 'accent' },
      { text: '░'.repeat(width - filled), tone: 'muted' },
      { text: ` ${p.done}/${p.total} ` },
      { text: p.label },
      ...quiet,
    ];
    return { key: `bar-${s.id}`, parts: spread(parts, [], v.columns) };
  }
  const label = p?.label || 'working';
  return {
    key: `bar-${s.id}`,
    parts: spread(
      [
        { text: '    ' },
        { text: SPINNER[v.tick % SPINNER.length]!, tone: 'accent' },
        { text: ` ${label}` },
        ...quiet,
      ],
      [],
      v.columns,
    ),
  };
}

function lineRows(s: StepView, n: number, v: LayoutView): Row[] {
  return s.lines.tail(n).map((text, i) => ({
    key: `line-${s.id}-${i}`,
    parts: [{ text: '    │ ', tone: 'muted' }, { text: truncate(text.replace(/\t/g, '  '), v.columns - 7) }],
  }));
}

function failureRows(m: RunModel, s: StepView, v: LayoutView): Row[] {
  const rows: Row[] = [];
  if (s.error)
    rows.push({
      key: `err-${s.id}`,
      parts: spread([{ text: `    ${symbols.warn} ${s.error}`, tone: 'bad' }], [], v.columns),
    });
  rows.push({
    key: `log-${s.id}`,
    parts: spread([{ text: '    Log: ', bold: true }, { text: s.logPath ?? '(none)' }], [], v.columns),
  });
  const resume = v.resumeCommand;
  const next = isStopped(m, s)
    ? resume
      ? `To continue from this step: ${resume}`
      : 'Run it again to continue.'
    : resume
      ? `Next: read the log (enter), fix the cause, then: ${resume}`
      : 'Next: read the log (enter), fix the cause, then run it again.';
  rows.push({ key: `next-${s.id}`, parts: spread([{ text: `    ${next}`, tone: 'warn' }], [], v.columns) });
  return rows;
}

/** Every row fits in `columns - 1`, whatever built it. */
function clip(row: Row, columns: number): Row {
  const parts: Part[] = [];
  let room = Math.max(0, columns - 1);
  for (const p of row.parts) {
    if (room <= 0) break;
    const text = truncate(p.text, room);
    parts.push(text === p.text ? p : { ...p, text });
    room -= text.length;
  }
  return { key: row.key, parts };
}

interface Expanded {
  step: StepView;
  fixed: Row[];
  wantLines: number;
}

export function layoutRun(m: RunModel, v: LayoutView): Row[] {
  const maxRows = Math.max(1, v.rows - 1);
  const done = m.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
  const current = m.steps.findIndex((s) => s.state === 'running');
  const r = m.result;
  const status: Part[] = r
    ? r.ok
      ? [{ text: `${symbols.ok} done · ${formatClock(v.now - m.startedAt)}`, tone: 'ok' }]
      : r.cancelled
        ? [{ text: `stopped · ${done}/${m.steps.length} done`, tone: 'warn' }]
        : [{ text: `${symbols.bad} failed · ${done}/${m.steps.length} done`, tone: 'bad' }]
    : [
        {
          text: `step ${current >= 0 ? current + 1 : done}/${m.steps.length} · ${formatClock(v.now - m.startedAt)}`,
        },
      ];
  const header: Row = {
    key: 'header',
    parts: spread(
      [{ text: 'nix-mox', bold: true, tone: 'accent' }, { text: ` · ${v.title}` }],
      status,
      v.columns,
    ),
  };
  const footerHints = v.asking
    ? 'y stop the run · n keep going'
    : r
      ? r.ok
        ? 'q quit'
        : '↑↓ select · enter open log · q quit'
      : '↑↓ select · enter open log · ctrl-c stop';
  const footer: Row = {
    key: 'footer',
    parts: [{ text: truncate(footerHints, v.columns - 1), tone: 'muted' }],
  };
  const extra: Row[] = [];
  if (v.asking) {
    extra.push({
      key: 'ask',
      parts: spread(
        [
          {
            text: `${symbols.warn} Stop the run? The running step and everything it started will be stopped.`,
            tone: 'warn',
            bold: true,
          },
        ],
        [],
        v.columns,
      ),
    });
  } else if (r?.ok) {
    const resumed = r.resumed?.length ?? 0;
    extra.push({
      key: 'summary',
      parts: spread(
        [
          {
            text: `${symbols.ok} All ${m.steps.length} steps done (${r.completed.length} ran, ${r.skipped.length + resumed} skipped)`,
            tone: 'ok',
          },
        ],
        [],
        v.columns,
      ),
    });
  }
  if (maxRows < 3) return [header, footer].slice(0, maxRows).map((row) => clip(row, v.columns));

  const budget = maxRows - 2 - extra.length;
  const expanded = new Map<string, Expanded>();
  for (const s of m.steps) {
    if (s.state === 'running')
      expanded.set(s.id, { step: s, fixed: [barRow(s, v)], wantLines: Math.min(RUNNING_TAIL, s.lines.size) });
    else if (r && !r.ok && r.failedStepId === s.id && s.state === 'failed') {
      expanded.set(s.id, {
        step: s,
        fixed: failureRows(m, s, v),
        wantLines: Math.min(FAILURE_TAIL, s.lines.size),
      });
    }
  }
  const fixedRows = [...expanded.values()].reduce((n, e) => n + e.fixed.length, 0);
  const minLines = [...expanded.values()].reduce((n, e) => n + Math.min(2, e.wantLines), 0);
  const n = m.steps.length;
  const selected = Math.max(0, Math.min(v.selected, n - 1));

  // Which steps get a row: all when they fit, else a window around the selected step.
  let start = 0;
  let end = n;
  const listRoom = budget - fixedRows - minLines;
  if (n > listRoom) {
    const k = Math.max(1, listRoom - 2);
    start = Math.max(0, Math.min(selected - Math.floor(k / 2), n - k));
    end = Math.min(n, start + k);
  }
  const listRows = end - start + (start > 0 ? 1 : 0) + (end < n ? 1 : 0);
  const visibleExpanded = [...expanded.values()].filter((e) => {
    const i = m.steps.indexOf(e.step);
    return i >= start && i < end;
  });
  let linesLeft = budget - listRows - visibleExpanded.reduce((c, e) => c + e.fixed.length, 0);

  const body: Row[] = [];
  if (start > 0) {
    const hiddenDone = m.steps
      .slice(0, start)
      .filter((s) => s.state === 'done' || s.state === 'skipped').length;
    body.push({
      key: 'above',
      parts: [{ text: `  … ${start} earlier step(s), ${hiddenDone} done`, tone: 'muted' }],
    });
  }
  for (let i = start; i < end; i++) {
    const s = m.steps[i]!;
    body.push(stepRow(m, s, v, i === selected));
    const e = expanded.get(s.id);
    if (!e) continue;
    const share = Math.max(
      0,
      Math.min(e.wantLines, Math.floor(linesLeft / Math.max(1, visibleExpanded.length))),
    );
    const fixed = e.fixed;
    if (s.state === 'running') body.push(...fixed, ...lineRows(s, share, v));
    else body.push(...lineRows(s, share, v), ...fixed);
    linesLeft -= share;
  }
  if (end < n) body.push({ key: 'below', parts: [{ text: `  … ${n - end} more step(s)`, tone: 'muted' }] });

  return [header, ...body.slice(0, budget), ...extra, footer]
    .slice(0, maxRows)
    .map((row) => clip(row, v.columns));
}
