// Starts the game wizard in the terminal and returns its exit code.
import { render } from 'ink';
import type { CommandContext } from '../../src/commands/context';
import { type GameWizardDeps, realDeps } from './deps';
import { GameWizard } from './GameWizard';

export async function startGameWizard(ctx: CommandContext, deps?: GameWizardDeps): Promise<number> {
  let code = 0;
  const app = render(<GameWizard deps={deps ?? realDeps(ctx)} onExit={(c) => (code = c)} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    stdout: ctx.io.stdout as NodeJS.WriteStream,
    stdin: ctx.io.stdin as NodeJS.ReadStream,
    stderr: ctx.io.stderr as NodeJS.WriteStream,
  });
  await app.waitUntilExit();
  return code;
}
