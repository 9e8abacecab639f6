// `nix-mox game` in a terminal: pre-flight, game, runner, installer, review, live steps, undo on failure,
// the game's program, launcher and entries, done. One phase at a time; esc goes back where it can.
import { Box, Text, useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { FinishPlan } from '../../src/game/finish';
import { finishPlanFor, undoFailedStep, undoFor } from '../../src/game/flow';
import { type RestoreResult, runStamp } from '../../src/game/snapshot';
import { type SetupPlan, buildSetupPlan } from '../../src/game/steps';
import type { CatalogGame, GameRunnerKind, GameSetup, PreflightReport } from '../../src/game/types';
import type { RunResult } from '../../src/run/types';
import { HelpOverlay } from '../components/HelpOverlay';
import { TitleBar } from '../components/TitleBar';
import { TooSmall } from '../components/TooSmall';
import { useKeys } from '../hooks/useKeys';
import { MIN_COLUMNS, MIN_ROWS, useTerminalSize } from '../hooks/useTerminalSize';
import { color, symbols } from '../theme';
import { BlockedView } from './BlockedView';
import { type GameWizardDeps, phaseContext, preflightTarget } from './deps';
import { DoneView } from './DoneView';
import { ExeChoice } from './ExeChoice';
import { FailureView, type UndoState } from './FailureView';
import { type GamePick, GameList } from './GameList';
import { InstallerForm } from './InstallerForm';
import { PreflightView } from './PreflightView';
import { ReviewView } from './ReviewView';
import { RunnerChoice } from './RunnerChoice';
import { RunPanel } from './RunPanel';
import type { StepView } from './run-model';

interface Prepared {
  setup: GameSetup;
  plan: SetupPlan;
  stamp: string;
}

type Phase =
  | { kind: 'preflight' }
  | { kind: 'games' }
  | { kind: 'blocked'; game: CatalogGame }
  | { kind: 'runner'; pick: GamePick }
  | { kind: 'installer'; pick: GamePick; runner: GameRunnerKind }
  | { kind: 'preparing' }
  | ({ kind: 'review' } & Prepared)
  | ({ kind: 'running'; which: 'setup' | 'finish'; attempt: number; finish: FinishPlan | null } & Prepared)
  | ({
      kind: 'failed';
      which: 'setup' | 'finish';
      attempt: number;
      finish: FinishPlan | null;
      result: RunResult;
      step: StepView | null;
      /** Set when the run itself broke (not a step): shown instead of a step's output. */
      error: string | null;
      undo: UndoState;
    } & Prepared)
  | ({ kind: 'exe'; ranked: string[]; picked: string | null } & Prepared)
  | { kind: 'done'; setup: GameSetup; finish: FinishPlan; answers: string | null };

const HELP: Record<string, string[]> = {
  preflight: [
    'Each check is ok (✓), a warning (!) or FAIL (✗); what was found is on its line.',
    'For anything not ok the fix is shown: a NixOS setting on NixOS (add it to configuration.nix or let nix-mox',
    'carry it), a package to install on other distributions. Fix, then press r to check again.',
    'Warnings do not stop the setup; a failed Wine or Vulkan check usually means the game will not run.',
  ],
  games: [
    'Anti-cheat decides first: a kernel-level anti-cheat (Riot Vanguard, RICOCHET, Javelin) or one whose publisher',
    'has not enabled Proton support refuses Linux. Those games are marked ✗ and get the Windows VM instead.',
    'Another Windows game: give its installer; check its anti-cheat yourself before relying on it.',
  ],
};

export function GameWizard({ deps, onExit }: { deps: GameWizardDeps; onExit(code: number): void }) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [checking, setChecking] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'preflight' });
  const [help, setHelp] = useState<string | null>(null);
  const [stopAsked, setStopAsked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastGame, setLastGame] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const cancelRun = useRef<(() => void) | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `checking` is the re-check trigger (r)
  useEffect(() => {
    let live = true;
    setReport(null);
    deps.preflight(preflightTarget(deps.dirs)).then((r) => live && setReport(r));
    return () => {
      live = false;
    };
  }, [deps, checking]);

  const leave = (code: number) => {
    onExit(code);
    exit();
  };

  // One handler for the keys of the wizard's own views. It is subscribed once, for the wizard's whole life, so a
  // key pressed right after a view appears is never lost between one view's unsubscribe and the next's subscribe.
  useKeys((input, key) => {
    if (help !== null) {
      if (key.escape || input === '?') setHelp(null);
      return;
    }
    if (stopAsked) {
      if (input === 'y' || input === 'Y') {
        cancelRun.current?.();
        setStopAsked(false);
      } else if (input === 'n' || input === 'N' || key.escape) setStopAsked(false);
      return;
    }
    if (key.ctrl && input === 'c') {
      if (phase.kind === 'running') setStopAsked(true);
      else leave(130);
      return;
    }
    switch (phase.kind) {
      case 'preflight': {
        const n = report?.checks.length ?? 0;
        if (input === 'q') leave(0);
        else if (!report || n === 0) return;
        else if (key.upArrow || input === 'k') setCursor((c) => (c + n - 1) % n);
        else if (key.downArrow || input === 'j') setCursor((c) => (c + 1) % n);
        else if (key.return) setPhase({ kind: 'games' });
        else if (input === 'r') setChecking((c) => c + 1);
        else if (input === '?') setHelp('preflight');
        return;
      }
      case 'blocked':
        if (key.escape || key.return) setPhase({ kind: 'games' });
        else if (input === 'q') leave(0);
        return;
      case 'review':
        if (key.return) setPhase({ ...phase, kind: 'running', which: 'setup', attempt: 0, finish: null });
        else if (key.escape) setPhase({ kind: 'games' });
        return;
      case 'failed': {
        if (phase.undo.kind === 'undoing') return;
        const ref = phase.which === 'setup' ? undoFor(phase.plan, phase.result) : null;
        if (input === 'u' && ref && phase.undo.kind === 'none') undo(phase);
        else if (input === 'r') setPhase({ ...phase, kind: 'running', attempt: phase.attempt + 1 });
        else if (input === 'q') leave(phase.result.cancelled ? 130 : 1);
        return;
      }
      case 'exe':
        if (phase.ranked.length === 0 && input === 'q') leave(1);
        return;
      case 'done':
        if (input === 'q' || key.return || key.escape) leave(0);
        return;
      default:
        return;
    }
  });

  function undo(failed: Extract<Phase, { kind: 'failed' }>) {
    setPhase({ ...failed, undo: { kind: 'undoing' } });
    const settle = (result: RestoreResult) =>
      setPhase((p) => (p.kind === 'failed' ? { ...p, undo: { kind: 'done', result } } : p));
    undoFailedStep(phaseContext(deps, failed.setup, failed.stamp), failed.plan, failed.result).then(
      (r) => settle(r ?? { ok: false, differences: [], verified: false, message: 'nothing to undo' }),
      (err: unknown) =>
        settle({ ok: false, differences: [], verified: false, message: `undo failed: ${String(err)}` }),
    );
  }

  const inputActive = help === null && !stopAsked;

  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS)
    return <TooSmall columns={size.columns} rows={size.rows} />;

  const tools = report?.tools;
  const rows = size.rows - 3;

  const pickName = (pick: GamePick) => (pick.kind === 'catalog' ? pick.game.name : null);

  async function prepare(
    pick: GamePick,
    runner: GameRunnerKind,
    name: string | null,
    installer: string,
    prefix: string,
  ) {
    if (!tools) return;
    setPhase({ kind: 'preparing' });
    try {
      const setup = await deps.prepare(
        { game: pick.kind === 'catalog' ? pick.game : null, name, installer, runner, prefix },
        tools,
      );
      const stamp = runStamp(deps.now());
      setError(null);
      setPhase({ kind: 'review', setup, plan: buildSetupPlan(setup, stamp), stamp });
    } catch (err) {
      setError((err as Error).message);
      setPhase({ kind: 'installer', pick, runner });
    }
  }

  async function afterSetup(p: Prepared) {
    const found = await deps.executables(p.setup);
    setPhase({ ...p, ...found, kind: 'exe' });
  }

  function onRunDone(
    p: Prepared & { which: 'setup' | 'finish'; attempt: number; finish: FinishPlan | null },
  ) {
    return (result: RunResult, steps: StepView[], error: string | null) => {
      setStopAsked(false);
      if (!result.ok) {
        const step = steps.find((s) => s.id === result.failedStepId) ?? null;
        setPhase({ ...p, kind: 'failed', result, step, error, undo: { kind: 'none' } });
        return;
      }
      if (p.which === 'setup') void afterSetup(p);
      else if (p.finish) {
        const answers = report?.nixos ? deps.recordAnswers(p.setup).message : null;
        setPhase({ kind: 'done', setup: p.setup, finish: p.finish, answers });
      }
    };
  }

  function body() {
    switch (phase.kind) {
      case 'preflight':
        return <PreflightView report={report} cursor={cursor} rows={rows} />;
      case 'games':
        return (
          <GameList
            initial={lastGame}
            isActive={inputActive}
            rows={rows}
            onBack={() => setPhase({ kind: 'preflight' })}
            onHelp={() => setHelp('games')}
            onPick={(pick) => {
              setLastGame(pick.kind === 'catalog' ? pick.game.slug : null);
              if (pick.kind === 'catalog' && pick.game.antiCheat.verdict === 'blocked') {
                setPhase({ kind: 'blocked', game: pick.game });
              } else setPhase({ kind: 'runner', pick });
            }}
          />
        );
      case 'blocked':
        return <BlockedView game={phase.game} />;
      case 'runner':
        return (
          <RunnerChoice
            tools={tools!}
            gameName={pickName(phase.pick) ?? 'the game'}
            isActive={inputActive}
            onBack={() => setPhase({ kind: 'games' })}
            onPick={(runner) => setPhase({ kind: 'installer', pick: phase.pick, runner })}
          />
        );
      case 'installer':
        return (
          <InstallerForm
            gameName={pickName(phase.pick)}
            slug={phase.pick.kind === 'catalog' ? phase.pick.game.slug : null}
            home={deps.dirs.home}
            cwd={deps.cwd}
            isActive={inputActive}
            onBack={() => setPhase({ kind: 'runner', pick: phase.pick })}
            onDone={(a) => void prepare(phase.pick, phase.runner, a.name, a.installer, a.prefix)}
          />
        );
      case 'preparing':
        return <Text>Looking at the prefix (ZFS dataset or plain directory)…</Text>;
      case 'review':
        return <ReviewView setup={phase.setup} plan={phase.plan} rows={rows} />;
      case 'running': {
        const ctx = phaseContext(deps, phase.setup, phase.stamp);
        const plan = phase.which === 'setup' ? phase.plan : phase.finish!;
        const opts = {
          logDir: `${ctx.logDir}/${phase.which}`,
          env: deps.env,
          resume: phase.attempt > 0,
        };
        return (
          <RunPanel
            key={`${phase.which}-${phase.attempt}`}
            steps={plan.steps}
            start={(onEvent, signal) => deps.runPlan(plan, { ...opts, signal }, onEvent)}
            onDone={onRunDone(phase)}
            stopAsked={stopAsked}
            cancelRef={cancelRun}
            rows={rows}
            columns={size.columns}
          />
        );
      }
      case 'failed':
        return (
          <FailureView
            step={phase.step}
            cancelled={phase.result.cancelled}
            error={phase.error}
            undo={phase.which === 'setup' ? undoFor(phase.plan, phase.result) : null}
            undoState={phase.undo}
          />
        );
      case 'exe':
        return (
          <ExeChoice
            prefix={phase.setup.prefix}
            ranked={phase.ranked}
            picked={phase.picked}
            rows={rows}
            isActive={inputActive}
            onQuit={() => leave(1)}
            onPick={(exe) => {
              const finish = finishPlanFor(
                phaseContext(deps, phase.setup, phase.stamp),
                phase.plan,
                exe,
                deps.now(),
              );
              setPhase({ ...phase, kind: 'running', which: 'finish', attempt: 0, finish });
            }}
          />
        );
      case 'done':
        return <DoneView setup={phase.setup} finish={phase.finish} answers={phase.answers} />;
    }
  }

  const titles: Record<Phase['kind'], string> = {
    preflight: 'Pre-flight',
    games: 'Game',
    blocked: 'Game',
    runner: 'Runner',
    installer: 'Installer',
    preparing: 'Installer',
    review: 'Review',
    running: 'Setting up',
    failed: 'Failed',
    exe: 'The game’s program',
    done: 'Done',
  };
  return (
    <Box flexDirection="column" width={size.columns}>
      <TitleBar title={`nix-mox game · ${titles[phase.kind]}`} right={report?.nixos ? 'NixOS' : 'Linux'} />
      {error ? (
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} {error}
        </Text>
      ) : null}
      {help ? <HelpOverlay title={titles[phase.kind]} lines={HELP[help] ?? []} /> : body()}
    </Box>
  );
}
