// argv -> command. Parses with commander, turns usage errors into one line and exit 2,
// and hands each command a CommandContext. Only this file (through commands/) reaches screens/.
import { Command, CommanderError, Option } from 'commander';
import { closest } from './suggest';
import { EXIT_FAILED, EXIT_USAGE } from './exit-codes';
import type { CommandModule, GlobalOptions, Io } from './commands/context';
import {
  type CommandName,
  commandNames,
  isCommandName,
  loadAllCommands,
  loadCommand,
} from './commands/index';
import { VERSION } from './version';

function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--root <dir>', 'file-system root that probes read and staged writes go to', '/')
    .option('--dry-run', 'show what would be done; change nothing', false)
    .option('--answers <file>', 'answers file to load (JSON, as saved by the wizard)')
    .option('--yes', 'do not ask; run what the answers say (non-interactive)', false)
    .option('--log-dir <dir>', 'where step logs go (default: $XDG_STATE_HOME/nix-mox/logs)')
    .option('--json', 'print data as JSON where the output is data', false);
}

function optionNames(cmd: Command): string[] {
  return [...cmd.options.map((o) => o.long ?? o.short ?? ''), '--help'].filter(Boolean);
}

function usageLine(err: CommanderError, cmd: Command): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1];
  if (err.code === 'commander.unknownOption' && quoted) {
    const flag = quoted.split('=')[0]!;
    const best = closest(flag, optionNames(cmd));
    return `nix-mox ${cmd.name()}: unknown option '${flag}'${best ? ` (did you mean '${best}'?)` : ''}; see nix-mox ${cmd.name()} --help`;
  }
  const text = err.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return `nix-mox ${cmd.name() === 'nix-mox' ? '' : cmd.name() + ' '}: ${text}`.replace(' :', ':');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  let exitCode: number | null = null;
  let failedCommand: Command | null = null;

  const program = new Command('nix-mox')
    .description(
      'Set up and maintain a Proxmox home-lab with NixOS guests, GPU passthrough, ZFS and backups.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpCommand(false)
    .showSuggestionAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    });

  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !isCommandName(first)) {
    const best = closest(first, commandNames);
    io.stderr.write(
      `nix-mox: unknown command '${first}'${best ? ` (did you mean '${best}'?)` : ''}; see nix-mox --help\n`,
    );
    return EXIT_USAGE;
  }
  // Only the invoked command's code is loaded; program-level help needs every summary.
  const programLevel = argv.some((a) => a === '--help' || a === '-h');
  const target: CommandName | null = first !== undefined && isCommandName(first) ? first : null;
  const commands =
    target !== null
      ? [await loadCommand(target)]
      : programLevel
        ? await loadAllCommands()
        : [await loadCommand('setup')];

  const run =
    (mod: CommandModule) =>
    async (...parsed: unknown[]) => {
      const cmd = parsed[parsed.length - 1] as Command;
      const opts = cmd.opts() as Record<string, unknown>;
      const global: GlobalOptions = {
        root: String(opts['root'] ?? '/'),
        dryRun: Boolean(opts['dryRun']),
        answers: opts['answers'] as string | undefined,
        yes: Boolean(opts['yes']),
        logDir: opts['logDir'] as string | undefined,
        json: Boolean(opts['json']),
      };
      exitCode = await mod.run({ global, args: cmd.args, opts, io });
    };

  for (const mod of commands) {
    const cmd = new Command(mod.name).description(mod.summary);
    addGlobalOptions(cmd);
    mod.configure?.(cmd);
    cmd.exitOverride((err) => {
      failedCommand = cmd;
      throw err;
    });
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    });
    cmd.action(run(mod));
    program.addCommand(cmd, mod.name === 'setup' ? { isDefault: true } : {});
  }
  program.addHelpText(
    'after',
    `
Every command also takes: --root DIR, --dry-run, --answers FILE, --yes, --log-dir DIR, --json
(see nix-mox <command> --help). Without a command nix-mox runs setup.`,
  );
  program.exitOverride();
  program.addOption(new Option('--no-color', 'no colours (NO_COLOR is respected too)').hideHelp());

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return 0;
      }
      io.stderr.write(usageLine(err, failedCommand ?? program) + '\n');
      return EXIT_USAGE;
    }
    io.stderr.write(`nix-mox: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILED;
  }
  return exitCode ?? 0;
}
