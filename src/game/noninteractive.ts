// `nix-mox game --game SLUG --installer PATH --yes`: the whole setup as plain lines, never a prompt.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { defaultLogBase } from '../run/logs';
import { runPlain } from '../run/plain';
import { runPlan } from '../run/runner';
import { closest } from '../suggest';
import { findGame, gameCatalog } from './catalog';
import { type PhaseContext, executableCandidates, finishPlanFor, recordInAnswers, undoFor } from './flow';
import { createGameHost } from './host';
import { type UserDirs, defaultPrefix, resolvePrefix, userDirs } from './paths';
import { wineserverPaths } from './preflight/context';
import { runPreflight } from './preflight/index';
import { checkLines } from './report-lines';
import { prepareSetup } from './setup';
import { slugify } from './slug';
import { describeSnapshot, restoreSnapshot, runStamp } from './snapshot';
import { buildSetupPlan, setupBlocker } from './steps';
import type { CatalogGame, GameRunnerKind, GameSetup } from './types';
import { blockedText } from './vm-offer';

export interface NonInteractiveOptions {
  game: string | null;
  name: string | null;
  installer: string | null;
  runner: GameRunnerKind | null;
  prefix: string | null;
  exe: string | null;
  root: string;
  logDir: string | null;
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: Date;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
  stdout: NodeJS.WritableStream;
}

type Resolved = { ok: true; game: CatalogGame | null; name: string | null } | { ok: false; code: number };

function resolveGame(opts: NonInteractiveOptions, o: Output): Resolved {
  if (opts.game && opts.name) {
    o.err(
      'nix-mox game: give either --game SLUG (a catalog game) or --name NAME (another Windows game), not both',
    );
    return { ok: false, code: EXIT_USAGE };
  }
  if (opts.name) {
    if (!slugify(opts.name)) {
      o.err('nix-mox game: --name needs letters or digits');
      return { ok: false, code: EXIT_USAGE };
    }
    return { ok: true, game: null, name: opts.name };
  }
  const game = findGame(opts.game ?? '');
  if (!game) {
    const best = closest(
      opts.game ?? '',
      gameCatalog.map((g) => g.slug),
    );
    o.err(
      `nix-mox game: unknown game '${opts.game}'${best ? ` (did you mean '${best}'?)` : ''}; ` +
        'see nix-mox game --list, or use --name NAME for another Windows game',
    );
    return { ok: false, code: EXIT_USAGE };
  }
  return { ok: true, game, name: null };
}

export async function runNonInteractive(opts: NonInteractiveOptions, o: Output): Promise<number> {
  const chosen = resolveGame(opts, o);
  if (!chosen.ok) return chosen.code;
  if (chosen.game?.antiCheat.verdict === 'blocked') {
    for (const line of blockedText(chosen.game)) o.err(line);
    return EXIT_FAILED;
  }
  if (!opts.installer) {
    o.err('nix-mox game: --installer PATH is required (the game’s .exe or .msi installer)');
    return EXIT_USAGE;
  }
  let dirs: UserDirs;
  try {
    dirs = userDirs(opts.env);
  } catch (err) {
    o.err(`nix-mox game: ${(err as Error).message}`);
    return EXIT_USAGE;
  }
  const slug = chosen.game?.slug ?? slugify(chosen.name ?? '');
  let prefix: string;
  try {
    prefix = resolvePrefix(opts.prefix ?? defaultPrefix(dirs.home, slug), dirs.home);
  } catch (err) {
    o.err(`nix-mox game: ${(err as Error).message}`);
    return EXIT_USAGE;
  }

  const host = createGameHost(opts.root, opts.env);
  o.out('Pre-flight checks:');
  const report = await runPreflight(host, prefix);
  for (const line of checkLines(report.checks)) o.out(`  ${line}`);
  const runner: GameRunnerKind = opts.runner ?? (report.tools.wine ? 'wine' : 'umu');

  let setup: GameSetup;
  try {
    setup = await prepareSetup(
      { host, dirs, tools: report.tools, cwd: opts.cwd },
      { game: chosen.game, name: chosen.name, installer: opts.installer, runner, prefix },
    );
  } catch (err) {
    o.err(`nix-mox game: ${(err as Error).message}`);
    return EXIT_USAGE;
  }
  const blocker = setupBlocker(setup);
  if (blocker) {
    o.err(
      `nix-mox game: cannot set up ${setup.name} with ${runner === 'wine' ? 'system Wine' : 'Proton'}: ${blocker}`,
    );
    return EXIT_FAILED;
  }
  const stamp = runStamp(opts.now);
  const ctx: PhaseContext = {
    setup,
    stamp,
    logDir: opts.logDir ?? join(defaultLogBase(opts.env), `game-${setup.slug}-${stamp}`),
    env: Object.fromEntries(
      Object.entries(opts.env).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    runPlan,
  };
  o.out('');
  o.out(
    `Setting up ${setup.name} in ${setup.prefix} with ${runner === 'wine' ? 'system Wine' : 'Proton (umu-launcher)'}.`,
  );
  if (opts.dryRun) {
    for (const s of buildSetupPlan(setup, stamp).steps) o.out(`  [${s.risk.join('') || '-'}] ${s.title}`);
    o.out('Dry run: nothing was changed. Then: the launcher, a menu entry and the Lutris entry.');
    return EXIT_OK;
  }

  const plan = buildSetupPlan(setup, stamp);
  const result = await runPlain(plan, { logDir: join(ctx.logDir, 'setup'), env: ctx.env }, o.stdout);
  if (!result.ok) {
    const ref = undoFor(plan, result);
    if (ref) {
      o.err(`The prefix was snapshotted before this step (${describeSnapshot(ref)}). To undo the step:`);
      o.err(
        `  nix-mox game --restore '${ref.kind === 'zfs' ? `${ref.dataset}@${ref.name}` : ref.path}' --prefix '${setup.prefix}'`,
      );
    }
    return EXIT_FAILED;
  }

  const { ranked, picked } = await executableCandidates(setup);
  const exe = opts.exe ? (isAbsolute(opts.exe) ? opts.exe : join(setup.prefix, 'drive_c', opts.exe)) : picked;
  if (!exe) {
    o.err('nix-mox game: which program starts the game? Pass --exe PATH (under drive_c). Found:');
    for (const p of ranked.length > 0 ? ranked : ['(no .exe outside the Windows folder)']) o.err(`  ${p}`);
    return EXIT_FAILED;
  }
  const finish = finishPlanFor(ctx, plan, exe, opts.now);
  const done = await runPlain(finish, { logDir: join(ctx.logDir, 'finish'), env: ctx.env }, o.stdout);
  if (!done.ok) return EXIT_FAILED;

  o.out('');
  o.out(`${setup.name} is set up.`);
  o.out(`  launcher:   ${finish.launcher}`);
  o.out(`  menu entry: ${finish.desktopEntry}`);
  if (finish.lutrisConfig) o.out(`  Lutris:     ${finish.lutrisConfig}`);
  if (report.nixos) o.out(`  ${recordInAnswers(opts.env, setup).message}`);
  return EXIT_OK;
}

/** `--restore SNAPSHOT --prefix DIR`: undo a failed step of an earlier run. */
export async function restoreFromFlag(
  snapshot: string,
  prefixFlag: string | null,
  env: NodeJS.ProcessEnv,
  o: Output,
): Promise<number> {
  if (!prefixFlag) {
    o.err('nix-mox game: --restore needs --prefix DIR (the prefix to put back)');
    return EXIT_USAGE;
  }
  let prefix: string;
  try {
    prefix = resolvePrefix(prefixFlag, userDirs(env).home);
  } catch (err) {
    o.err(`nix-mox game: ${(err as Error).message}`);
    return EXIT_USAGE;
  }
  const zfs = /^([^@/][^@]*)@([A-Za-z0-9_.:-]+)$/.exec(snapshot);
  const ref =
    zfs && !snapshot.startsWith('/')
      ? { kind: 'zfs' as const, dataset: zfs[1]!, name: zfs[2]!, prefix }
      : { kind: 'copy' as const, path: snapshot, prefix };
  const host = createGameHost('/', env);
  const wineserver = host.which('wineserver') ?? wineserverPaths.find((p) => existsSync(p)) ?? null;
  const r = await restoreSnapshot(ref, { env, wineserver });
  (r.ok ? o.out : o.err)(`${r.ok ? '' : 'nix-mox game: '}${r.message}`);
  for (const d of r.differences.slice(0, 20)) o.err(`  ${d.change}: ${d.path}`);
  return r.ok ? EXIT_OK : EXIT_FAILED;
}
