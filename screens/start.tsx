// Starts the interactive hub: first frame at once, detection and saved answers load behind it.
import { render } from 'ink';
import type { CommandContext } from '../src/commands/context';
import { Root, type RootDeps } from './Root';

export async function startHub(ctx: CommandContext, deps?: Partial<RootDeps>): Promise<number> {
  let code = 0;
  const app = render(<Root ctx={ctx} deps={deps} onExit={(c) => (code = c)} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    stdout: ctx.io.stdout as NodeJS.WriteStream,
    stdin: ctx.io.stdin as NodeJS.ReadStream,
    stderr: ctx.io.stderr as NodeJS.WriteStream,
  });
  await app.waitUntilExit();
  return code;
}
