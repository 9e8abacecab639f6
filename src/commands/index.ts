// The commands, loaded on demand: starting `nix-mox setup` must not parse the code of `game` or `detect`.
import type { CommandModule } from './context';

export const commandNames = [
  'setup',
  'detect',
  'plan',
  'apply',
  'update',
  'snapshot',
  'backup',
  'game',
] as const;
export type CommandName = (typeof commandNames)[number];

const loaders: Record<CommandName, () => Promise<CommandModule>> = {
  setup: () => import('./setup').then((m) => m.setupCommand),
  detect: () => import('./detect').then((m) => m.detectCommand),
  plan: () => import('./plan').then((m) => m.planCommand),
  apply: () => import('./apply').then((m) => m.applyCommand),
  update: () => import('./update').then((m) => m.updateCommand),
  snapshot: () => import('./snapshot').then((m) => m.snapshotCommand),
  backup: () => import('./backup').then((m) => m.backupCommand),
  game: () => import('./game').then((m) => m.gameCommand),
};

export function isCommandName(word: string): word is CommandName {
  return (commandNames as readonly string[]).includes(word);
}

export function loadCommand(name: CommandName): Promise<CommandModule> {
  return loaders[name]();
}

export function loadAllCommands(): Promise<CommandModule[]> {
  return Promise.all(commandNames.map((n) => loaders[n]()));
}
