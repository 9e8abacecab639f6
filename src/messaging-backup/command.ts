// `nix-mox backup --messaging [--to POOL/DATASET] [--label L] [--keep N]`: the messaging backup of the saved answers,
// with the same panes (passed in) or plain lines as `update --guests`. The lead wires it into commands/backup.ts.
import type { CommandContext } from '../commands/context';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import type { RolloutPanes } from '../guests/command';
import { createExecutor } from '../guests/exec';
import { RolloutPrinter } from '../guests/plain';
import { probeTargets } from '../guests/probe';
import { rolloutExitCode, summaryLines } from '../guests/summary';
import type { RolloutResult } from '../guests/types';
import { detect } from '../host/detect';
import { createHost } from '../host/host';
import { loadAnswers, logDirFor } from '../maintenance/run-maintenance';
import { findScriptsDir } from '../maintenance/scripts-dir';
import { captureAsRoot } from '../run/capture-command';
import { stringEnv } from '../run/string-env';
import { ensureSudo, runningAsRoot } from '../run/sudo';
import { appsWithoutDirs } from './app-dirs';
import {
  type MessagingSource,
  copySteps,
  coveredBySchedule,
  messagingDataset,
  messagingGuests,
  snapshotStep,
} from './plan';
import { runMessagingBackup } from './run';

const LABEL = /^[a-z0-9][a-z0-9-]{0,31}$/;
const DATASET = /^[A-Za-z][A-Za-z0-9_.:-]*(\/[A-Za-z0-9_.:-]+)+$/;

function fail(ctx: CommandContext, message: string, code: number): number {
  ctx.io.stderr.write(`nix-mox backup --messaging: ${message}\n`);
  return code;
}

export async function runMessagingBackupCommand(ctx: CommandContext, panes: RolloutPanes): Promise<number> {
  const o = ctx.opts;
  const label = typeof o['label'] === 'string' ? o['label'] : 'daily';
  if (!LABEL.test(label))
    return fail(ctx, `--label '${label}': a-z, 0-9 and -, at most 32 characters`, EXIT_USAGE);
  const target = typeof o['to'] === 'string' ? o['to'] : null;
  if (target !== null && !DATASET.test(target))
    return fail(ctx, `--to '${target}': a dataset on the other pool, like backup/messaging`, EXIT_USAGE);
  const { answers, errors } = loadAnswers(ctx);
  if (errors.length > 0) return fail(ctx, errors.join('; '), EXIT_USAGE);
  if (!answers)
    return fail(ctx, 'no saved answers: run nix-mox setup first, or pass --answers FILE', EXIT_USAGE);
  const dataset = messagingDataset(answers);
  if (!dataset)
    return fail(
      ctx,
      'the answers have no messaging dataset (Storage: the "messaging" dataset on a pool)',
      EXIT_USAGE,
    );
  if (target?.split('/')[0] === dataset.split('/')[0])
    return fail(
      ctx,
      `--to ${target} is on the same pool as ${dataset}: choose a second pool or an external disk`,
      EXIT_USAGE,
    );
  const keepOf = answers.maintenance.snapshots.keep as Record<string, number>;
  const keep = o['keep'] !== undefined ? Number(o['keep']) : (keepOf[label] ?? 7);
  if (!Number.isInteger(keep) || keep < 1)
    return fail(ctx, `--keep '${String(o['keep'])}': a whole number, at least 1`, EXIT_USAGE);
  const missing = appsWithoutDirs(answers.messaging);
  if (missing.length > 0)
    return fail(ctx, `nix-mox does not know where ${missing.join(', ')} keep their data`, EXIT_FAILED);

  const env = stringEnv(ctx.io.env);
  const asRoot = runningAsRoot();
  const capture = captureAsRoot(env, asRoot);
  const mount = await capture(['zfs', 'get', '-H', '-o', 'value', 'mountpoint', dataset]);
  if (mount.code !== 0)
    return fail(
      ctx,
      `${dataset} does not exist (${mount.stderr.trim()}): run nix-mox apply first`,
      EXIT_FAILED,
    );
  const host = createHost(ctx.global.root, ctx.io.env);
  const report = await detect(host);
  const wanted = new Set(messagingGuests(answers).map((g) => g.name));
  const targets = (await probeTargets(answers, report, host)).filter((t) => wanted.has(t.name));
  const sources: MessagingSource[] = targets.map((t) => ({
    guest: t.name,
    access: t.skipReason
      ? { kind: 'none', reason: t.skipReason }
      : t.transport.kind === 'ssh'
        ? { kind: 'ssh', destination: t.transport.destination }
        : { kind: 'none', reason: 'only its guest agent answers, and copying needs SSH' },
  }));
  let scriptsDir: string;
  try {
    scriptsDir = findScriptsDir(ctx.io.env);
  } catch (err) {
    return fail(ctx, (err as Error).message, EXIT_FAILED);
  }
  const settings = {
    dataset,
    mountpoint: mount.stdout.trim(),
    user: answers.machine.adminUser,
    apps: answers.messaging,
    label,
    keep,
    scriptsDir,
    target,
  };
  if (ctx.global.dryRun) {
    const { steps, notes } = copySteps(sources, settings);
    for (const s of [...steps, snapshotStep(settings)])
      ctx.io.stdout.write(`${s.title}\n    $ ${s.argv.join(' ')}\n`);
    if (target)
      ctx.io.stdout.write(
        `Send the new snapshots to ${target} (zfs send | zfs receive; incremental when it has an earlier one)\n`,
      );
    for (const n of notes) ctx.io.stdout.write(`Note: ${n}\n`);
    if (!coveredBySchedule(answers, dataset))
      ctx.io.stdout.write(
        `Note: no snapshot timer covers ${dataset}; add its pool in Maintenance to snapshot it on a schedule\n`,
      );
    return EXIT_OK;
  }
  const logDir = logDirFor(ctx, 'backup-messaging');
  const run = async (
    emit: Parameters<Parameters<RolloutPanes>[0]>[0],
    signal: AbortSignal,
  ): Promise<RolloutResult> => {
    const outcome = await runMessagingBackup(sources, settings, {
      exec: createExecutor({ logDir, env, asRoot, signal }, emit),
      emit,
      run: capture,
      logDir,
      env,
      asRoot,
      signal,
    });
    return {
      strategy: 'sequential',
      why: 'messaging backup',
      outcomes: [outcome],
      cancelled: signal.aborted,
    };
  };
  let result: RolloutResult;
  if (ctx.io.interactive) {
    if (!asRoot && !(await ensureSudo({ env: ctx.io.env })))
      return fail(ctx, 'sudo did not accept; zfs and rsync need root', EXIT_FAILED);
    result = await panes(run, { title: 'backup --messaging' });
    for (const l of summaryLines(result)) ctx.io.stdout.write(`${l}\n`);
  } else {
    const printer = new RolloutPrinter((l) => ctx.io.stdout.write(`${l}\n`));
    result = await run((e) => printer.event(e), new AbortController().signal);
    printer.summary(result);
  }
  return rolloutExitCode(result);
}
