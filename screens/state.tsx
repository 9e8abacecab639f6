// The wizard's shared state: the detected host, the answers being edited, and what was last saved/applied.
import { createContext, useContext } from 'react';
import type { Answers } from '../src/answers/schema';
import type { CommandContext } from '../src/commands/context';
import type { HostReport } from '../src/host/types';
import type { ProbedNetwork } from '../src/network/index';

export interface WizardState {
  report: HostReport;
  answers: Answers;
  /** Answers as they were at the last apply (null before the first apply): the hub marks what changed since. */
  appliedAnswers: Answers | null;
  /** Set when this machine cannot be changed by nix-mox (not a Proxmox host, or a demo root): plan only. */
  planOnlyReason: string | null;
  /** The host's interfaces and bridges when probed (Proxmox hosts), so the plan includes the bridges change. */
  network?: ProbedNetwork | null;
  /** A save failed or the answers came from a file that is not the store: quitting loses changes. */
  unsaved: boolean;
}

export interface WizardApi extends WizardState {
  /** Apply a confirmed change; the answers are saved at once. */
  update(change: (answers: Answers) => Answers): void;
  showHelp(title: string, lines: string[]): void;
  /** False while an overlay (help, quit) owns the keyboard: screens pass it to useInput's isActive. */
  inputActive: boolean;
  /** The command that opened the hub: --root, --log-dir, --dry-run. Null in screen tests. */
  command: CommandContext | null;
}

export const WizardContext = createContext<WizardApi | null>(null);

export function useWizard(): WizardApi {
  const api = useContext(WizardContext);
  if (!api) throw new Error('useWizard outside <WizardContext.Provider>');
  return api;
}
