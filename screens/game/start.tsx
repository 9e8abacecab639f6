// Starts the game wizard in the terminal and returns its exit code.
import type { CommandContext } from '../../src/commands/context';
import { renderWizard } from '../render-wizard';
import { type GameWizardDeps, realDeps } from './deps';
import { GameWizard } from './GameWizard';

export async function startGameWizard(ctx: CommandContext, deps?: GameWizardDeps): Promise<number> {
  let code = 0;
  const app = renderWizard(<GameWizard deps={deps ?? realDeps(ctx)} onExit={(c) => (code = c)} />, ctx.io);
  await app.waitUntilExit();
  return code;
}
