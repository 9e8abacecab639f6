// `nix-mox game`: the guided Wine/Lutris setup of a Windows game. A wizard in a terminal; `--list`; and a form
// without questions: --game SLUG (or --name NAME) --installer PATH [--runner wine|umu] [--prefix DIR] --yes.
import { Option } from 'commander';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { gameCatalog } from '../game/catalog';
import { type Output, restoreFromFlag, runNonInteractive } from '../game/noninteractive';
import { catalogJson, catalogLines } from '../game/report-lines';
import type { GameRunnerKind } from '../game/types';
import { type CommandModule, writeLine } from './context';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const gameCommand: CommandModule = {
  name: 'game',
  summary: 'guided Wine/Lutris setup of a Windows game',
  configure(cmd) {
    cmd
      .option('--list', 'list the games the wizard knows, with their anti-cheat status')
      .option('--game <slug>', 'a game from --list')
      .option('--name <name>', 'another Windows game, by name (instead of --game)')
      .option('--installer <path>', "the game's installer (.exe or .msi)")
      .addOption(
        new Option('--runner <runner>', 'system Wine, or Proton through umu-launcher').choices([
          'wine',
          'umu',
        ]),
      )
      .option('--prefix <dir>', 'the Wine prefix (default: ~/Games/<slug>)')
      .option('--exe <path>', "the game's program after installing (under drive_c), when it cannot be told")
      .option(
        '--restore <snapshot>',
        'undo a failed step: put the prefix (--prefix) back from this snapshot',
      );
  },
  async run(ctx) {
    const o = ctx.opts;
    const io = ctx.io;
    const output: Output = {
      out: (line) => writeLine(io.stdout, line),
      err: (line) => writeLine(io.stderr, line),
      stdout: io.stdout,
    };
    if (o['list']) {
      if (ctx.global.json) writeLine(io.stdout, JSON.stringify(catalogJson(gameCatalog), null, 2));
      else {
        for (const line of catalogLines(gameCatalog)) writeLine(io.stdout, line);
        writeLine(io.stdout, 'Another Windows game: nix-mox game --name NAME --installer PATH --yes');
      }
      return EXIT_OK;
    }
    const restore = str(o['restore']);
    if (restore) return restoreFromFlag(restore, str(o['prefix']), io.env, output);

    const game = str(o['game']);
    const name = str(o['name']);
    if (game || name) {
      if (!ctx.global.yes) {
        output.err(
          'nix-mox game: --game/--name set the game up without questions only with --yes; ' +
            'run nix-mox game in a terminal for the wizard',
        );
        return EXIT_USAGE;
      }
      return runNonInteractive(
        {
          game,
          name,
          installer: str(o['installer']),
          runner: (str(o['runner']) as GameRunnerKind | null) ?? null,
          prefix: str(o['prefix']),
          exe: str(o['exe']),
          root: ctx.global.root,
          logDir: ctx.global.logDir ?? null,
          dryRun: ctx.global.dryRun,
          env: io.env,
          cwd: process.cwd(),
          now: new Date(),
        },
        output,
      );
    }
    if (!io.interactive) {
      output.err(
        'nix-mox game: the wizard needs a terminal (stdin and stdout must be TTYs).\n' +
          'Without one: nix-mox game --list, then nix-mox game --game SLUG --installer PATH --yes',
      );
      return EXIT_USAGE;
    }
    const { startGameWizard } = await import('../../screens/game/start');
    return startGameWizard(ctx);
  },
};
