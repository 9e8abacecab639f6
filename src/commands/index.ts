import type { CommandModule } from './context';
import { setupCommand } from './setup';
import { detectCommand } from './detect';
import { planCommand } from './plan';
import { applyCommand } from './apply';
import { updateCommand } from './update';
import { snapshotCommand } from './snapshot';
import { backupCommand } from './backup';
import { gameCommand } from './game';

export const commands: CommandModule[] = [
  setupCommand,
  detectCommand,
  planCommand,
  applyCommand,
  updateCommand,
  snapshotCommand,
  backupCommand,
  gameCommand,
];
