// Starts the interactive hub: first frame at once, detection and saved answers load behind it. When the user
// confirms Review & apply, the hub closes and the plan runs under live panes in the same terminal.
import type { PendingApply } from '../src/commands/apply-run';
import type { CommandContext } from '../src/commands/context';
import { renderWizard } from './render-wizard';
import { Root, type RootDeps } from './Root';

export interface StartOptions {
  deps?: Partial<RootDeps>;
  initialRoute?: string;
}

export async function startHub(ctx: CommandContext, opts: StartOptions = {}): Promise<number> {
  let code = 0;
  let pending: PendingApply | null = null;
  const app = renderWizard(
    <Root
      ctx={ctx}
      deps={opts.deps}
      initialRoute={opts.initialRoute ?? null}
      onExit={(c) => (code = c)}
      onApply={(p) => (pending = p)}
    />,
    ctx.io,
  );
  await app.waitUntilExit();
  const run = pending as PendingApply | null;
  if (!run) return code;
  const [{ runWithPanes }, { executePlan }] = await Promise.all([
    import('./run/RunApp'),
    import('../src/commands/apply-run'),
  ]);
  return executePlan(ctx, run.built.plan, { resume: false, answers: run.answers, panes: runWithPanes });
}
