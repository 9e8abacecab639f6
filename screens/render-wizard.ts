// Starts a full-screen wizard (the hub, the game wizard) on the command's own terminal streams. Ctrl-C is the
// wizard's to handle (it asks before quitting), and console output is left alone.
import { type Instance, render } from 'ink';
import type { ReactElement } from 'react';
import type { CommandContext } from '../src/commands/context';

export function renderWizard(view: ReactElement, io: CommandContext['io']): Instance {
  return render(view, {
    exitOnCtrlC: false,
    patchConsole: false,
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    stderr: io.stderr as NodeJS.WriteStream,
  });
}
