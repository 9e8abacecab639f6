// Shows a frame at once, then the hub when detection and the saved answers are in.
import { Box, Text, useApp } from 'ink';
import { useKeys } from './hooks/useKeys';
import { useEffect, useState } from 'react';
import type { CommandContext } from '../src/commands/context';
import type { Session } from '../src/session';
import type { PendingApply } from '../src/commands/apply-run';
import type { App as AppComponent } from './App';
import { Footer } from './components/Footer';
import { TitleBar } from './components/TitleBar';
import { color, symbols } from './theme';

export interface RootDeps {
  openSession(ctx: CommandContext): Promise<Session>;
}

export interface RootProps {
  ctx: CommandContext;
  deps?: Partial<RootDeps> | undefined;
  initialRoute?: string | null;
  onExit(code: number): void;
  /** Review & apply confirmed: the hub closes and the caller runs the plan. */
  onApply?(pending: PendingApply): void;
}

// Detection, the answers model and the section screens load after the first frame is on screen.
const defaultDeps: RootDeps = {
  openSession: (ctx) => import('../src/session').then((m) => m.openSession(ctx)),
};
const loadApp = () => import('./App').then((m) => m.App);

export function Root({ ctx, deps, initialRoute, onExit, onApply }: RootProps) {
  const { exit } = useApp();
  const [session, setSession] = useState<Session | null>(null);
  const [App, setApp] = useState<{ component: typeof AppComponent } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const open = deps?.openSession ?? defaultDeps.openSession;

  useEffect(() => {
    Promise.all([open(ctx), loadApp()]).then(
      ([opened, component]) => {
        setApp({ component });
        setSession(opened);
      },
      (err: unknown) => setFailure(err instanceof Error ? err.message : String(err)),
    );
  }, [ctx, open]);

  useKeys(
    (input, key) => {
      if (input === 'q' || (key.ctrl && input === 'c')) {
        onExit(failure ? 1 : key.ctrl ? 130 : 0);
        exit();
      }
    },
    { isActive: session === null || App === null },
  );

  if (session && App) {
    return (
      <App.component
        report={session.report}
        initialAnswers={session.answers}
        appliedAnswers={session.appliedAnswers}
        planOnlyReason={session.planOnlyReason}
        notices={session.notices}
        network={session.network}
        initialRoute={initialRoute ?? null}
        onApply={
          onApply
            ? (built, answers) => {
                onApply({ built, answers });
                onExit(0);
                exit();
              }
            : undefined
        }
        save={session.save}
        onExit={onExit}
        ctx={ctx}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <TitleBar title="nix-mox" right="" />
      {failure ? (
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} Could not start: {failure}
        </Text>
      ) : (
        <Text>Detecting this machine (PCI devices, IOMMU groups, disks, pools, guests)…</Text>
      )}
      <Footer hints={[{ keys: 'q', label: 'quit' }]} />
    </Box>
  );
}
