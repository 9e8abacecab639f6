// The hub: title bar, sections with their status, footer; routes into section screens and overlays.
import { Box, Text, useApp } from 'ink';
import { useKeys } from './hooks/useKeys';
import { useRef, useState } from 'react';
import type { Answers } from '../src/answers/schema';
import type { CommandContext } from '../src/commands/context';
import type { HostReport } from '../src/host/types';
import type { ProbedNetwork } from '../src/network/index';
import { ConfirmBox } from './components/ConfirmBox';
import { Footer, type KeyHint } from './components/Footer';
import { HelpOverlay } from './components/HelpOverlay';
import { TitleBar } from './components/TitleBar';
import { TooSmall } from './components/TooSmall';
import { MIN_COLUMNS, MIN_ROWS, useTerminalSize } from './hooks/useTerminalSize';
import { hubEntries, machineLabel, type HubEntry } from './hub-model';
import { sectionList } from './section-list';
import type { Section } from './sections';
import { ReviewApplyContext } from './review/apply-context';
import type { BuiltPlan } from '../src/plan/build';
import { WizardContext, type WizardApi, type WizardState } from './state';
import { color, symbols } from './theme';

export interface AppProps {
  report: HostReport;
  initialAnswers: Answers;
  appliedAnswers: Answers | null;
  planOnlyReason: string | null;
  network?: ProbedNetwork | null;
  /** Shown once under the title bar (e.g. an unreadable answers file that was kept aside). */
  notices?: string[];
  /** Persists answers; returns false when the save failed (the hub then warns before quitting). */
  save(answers: Answers): boolean;
  onExit(code: number): void;
  /** The command that opened the hub (root, log dir, flags); null in screen tests that do not need it. */
  ctx?: CommandContext | null;
  /** The hub's sections; the product's list unless a test passes its own. */
  sections?: Section[];
  /** A section to open at once (`nix-mox apply` in a terminal opens Review & apply). */
  initialRoute?: string | null;
  /** Review & apply confirmed: the caller closes the hub and runs the plan with these answers. */
  onApply?: (built: BuiltPlan, answers: Answers) => void;
}

const HUB_HELP = [
  'The hub lists every part of the setup. Each line shows what is chosen now and whether it is complete.',
  '✓ done   ! missing (required)   · optional   i information only.',
  'Open a section with enter, change it, and esc brings you back here. Every confirmed change is saved at once.',
  'Review & apply shows the plan: files with diffs, commands with risk tags, disks touched, reboot needed.',
  'Keys: ↑/↓ or j/k move, enter opens, ? help, q quit, Ctrl-C leaves.',
];

export function App(props: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [answers, setAnswers] = useState(props.initialAnswers);
  // Several confirmed changes may land before React renders again; each builds on the one before.
  const answersRef = useRef(answers);
  const [unsaved, setUnsaved] = useState(false);
  const [cursor, setCursorState] = useState(0);
  // Keys can arrive faster than React renders (a fast typist, a terminal driver): the handler reads the ref.
  const cursorRef = useRef(0);
  const setCursor = (next: number) => {
    cursorRef.current = next;
    setCursorState(next);
  };
  const [route, setRoute] = useState<string | null>(props.initialRoute ?? null);
  const [help, setHelp] = useState<{ title: string; lines: string[] } | null>(null);
  const [quitting, setQuitting] = useState(false);

  const state: WizardState = {
    report: props.report,
    answers,
    appliedAnswers: props.appliedAnswers,
    planOnlyReason: props.planOnlyReason,
    network: props.network ?? null,
    unsaved,
  };
  const list = props.sections ?? sectionList;
  const entries = hubEntries(state, list);

  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  const leave = (code: number) => {
    props.onExit(code);
    exit();
  };

  const api: WizardApi = {
    ...state,
    update(change) {
      const next = change(answersRef.current);
      answersRef.current = next;
      setAnswers(next);
      setUnsaved(!props.save(next));
    },
    showHelp(title, lines) {
      setHelp({ title, lines });
    },
    inputActive: help === null && !quitting,
    command: props.ctx ?? null,
  };

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') {
      if (quitting) leave(130);
      else setQuitting(true);
      return;
    }
    if (quitting) {
      if (input === 'y' || input === 'Y') leave(0);
      else if (input === 'n' || input === 'N' || key.escape) setQuitting(false);
      return;
    }
    if (help) {
      if (key.escape || input === '?' || input === 'q') setHelp(null);
      return;
    }
    if (tooSmall) {
      if (input === 'q') leave(0);
      return;
    }
    if (route !== null || entries.length === 0) return;
    if (input === 'q') setQuitting(true);
    else if (input === '?') setHelp({ title: 'the hub', lines: HUB_HELP });
    else if (key.upArrow || input === 'k')
      setCursor((cursorRef.current + entries.length - 1) % entries.length);
    else if (key.downArrow || input === 'j') setCursor((cursorRef.current + 1) % entries.length);
    else if (key.return) {
      const entry = entries[cursorRef.current];
      if (entry?.enabled) setRoute(entry.section.id);
    }
  });

  if (tooSmall) {
    return <TooSmall columns={size.columns} rows={size.rows} />;
  }

  const open = route ? list.find((s) => s.id === route) : undefined;
  const hubHints: KeyHint[] = [
    { keys: '↑↓/jk', label: 'move' },
    { keys: 'enter', label: 'open' },
    { keys: '?', label: 'help' },
    { keys: 'q', label: 'quit' },
  ];

  return (
    <WizardContext.Provider value={api}>
      <ReviewApplyContext.Provider
        value={props.onApply ? (built) => props.onApply?.(built, answersRef.current) : null}
      >
        <Box flexDirection="column" width={size.columns} height={size.rows - 1}>
          <TitleBar
            title={`nix-mox · ${props.report.hostname ?? 'unknown host'}`}
            right={machineLabel(props.report) + (props.planOnlyReason ? ' · plan only' : '')}
          />
          {props.planOnlyReason ? (
            <Text color={color('warn')} wrap="wrap">
              {symbols.warn} Plan only: {props.planOnlyReason}
            </Text>
          ) : null}
          {(props.notices ?? []).map((n) => (
            <Text key={n} color={color('warn')} wrap="wrap">
              {symbols.warn} {n}
            </Text>
          ))}
          {quitting ? (
            <ConfirmBox
              question="Quit nix-mox?"
              detail={
                unsaved
                  ? 'Some changes could not be saved and will be lost.'
                  : 'Your answers are saved; reopen nix-mox to continue. (Ctrl-C again leaves at once.)'
              }
            />
          ) : null}
          {help ? <HelpOverlay title={help.title} lines={help.lines} /> : null}
          <Box flexDirection="column" flexGrow={1} display={help || quitting ? 'none' : 'flex'}>
            {open ? (
              <open.Screen onBack={() => setRoute(null)} />
            ) : (
              <HubList entries={entries} cursor={cursor} width={size.columns} />
            )}
          </Box>
          {open || help || quitting ? null : <Footer hints={hubHints} />}
        </Box>
      </ReviewApplyContext.Provider>
    </WizardContext.Provider>
  );
}

function HubList({ entries, cursor, width }: { entries: HubEntry[]; cursor: number; width: number }) {
  const titleWidth = Math.max(...entries.map((e) => e.section.title.length)) + 2;
  return (
    <Box flexDirection="column" marginTop={1}>
      {entries.map((e, i) => {
        const selected = i === cursor;
        return (
          <Box key={e.section.id} width={width}>
            <Box flexShrink={0}>
              <Text color={selected ? color('accent') : undefined} bold={selected}>
                {selected ? `${symbols.pointer} ` : '  '}
                {e.section.title.padEnd(titleWidth)}
              </Text>
            </Box>
            <Box flexShrink={1}>
              <Text color={color(e.tone)} wrap="truncate-end">
                {e.marker} {e.summary}
              </Text>
            </Box>
            {/* Outside the truncated summary, so a long summary never hides it. */}
            {e.changed ? (
              <Box flexShrink={0}>
                <Text color={color('accent')}> (changed since last apply)</Text>
              </Box>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
