// `nix-mox update --guests`: finds the NixOS guests (and the Windows VM) of the saved answers on this host, then
// updates them: the rollout (one at a time, or colmena for several), then Windows Update through the guest agent.
// Live panes with a terminal (passed in: src/ does not import screens/), plain lines without; a summary at the end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answers } from '../answers/schema';
import type { CommandContext } from '../commands/context';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { FLAKE_DIR } from '../generate/paths';
import { detect } from '../host/detect';
import { createHost, findOnPath } from '../host/host';
import { loadAnswers, logDirFor } from '../maintenance/run-maintenance';
import { ensureSudo, runningAsRoot } from '../run/sudo';
import { captureAsRoot } from '../run/capture-command';
import { stringEnv } from '../run/string-env';
import { updateWindows } from '../windows/update';
import { createExecutor } from './exec';
import { RolloutPrinter } from './plain';
import { probeTargets } from './probe';
import { type StrategyChoice, chooseStrategy, runRollout } from './rollout';
import { rolloutExitCode, summaryLines } from './summary';
import { transportLabel } from './transport';
import type { GuestOutcome, GuestTarget, RolloutListener, RolloutResult, UpdateSettings } from './types';
import { existsSync } from 'node:fs';

export type RolloutRun = (emit: RolloutListener, signal: AbortSignal) => Promise<RolloutResult>;
export type RolloutPanes = (run: RolloutRun, opts: { title: string }) => Promise<RolloutResult>;

export class UsageError extends Error {}

function fail(ctx: CommandContext, message: string, code: number): number {
  ctx.io.stderr.write(`nix-mox update --guests: ${message}\n`);
  return code;
}

/** --ssh name=host (repeatable): the address to reach a VM at, instead of asking its guest agent. */
export function parseSshHosts(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  const out: Record<string, string> = {};
  for (const v of list) {
    const m = /^([a-z0-9][a-z0-9-]*)=([A-Za-z0-9_.:-]+)$/i.exec(String(v));
    if (!m) throw new UsageError(`--ssh '${String(v)}': use name=host, e.g. --ssh nixos-vm=192.168.1.50`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function strategyOf(opts: Record<string, unknown>): StrategyChoice {
  if (opts['sequential'] && opts['colmena']) throw new UsageError('--sequential and --colmena: choose one');
  return opts['sequential'] ? 'sequential' : opts['colmena'] ? 'colmena' : 'auto';
}

function keepOf(opts: Record<string, unknown>): number {
  const v = opts['keepSnapshots'];
  if (v === undefined) return 3;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError(`--keep-snapshots '${String(v)}': a whole number from 1 to 1000`);
  return n;
}

function nowOf(env: NodeJS.ProcessEnv): Date {
  const fixed = env['NIX_MOX_NOW'];
  return fixed && /^\d+$/.test(fixed) ? new Date(Number(fixed) * 1000) : new Date();
}

/** What --dry-run prints: the targets, how each is reached, and how the rollout would go. */
export function describeRollout(
  targets: GuestTarget[],
  windows: { name: string; vmid: number } | null,
  strategy: { strategy: string; why: string },
  s: UpdateSettings,
): string[] {
  const lines = [
    `Would update ${targets.filter((t) => !t.skipReason).length} NixOS guest(s): ${strategy.why}.`,
  ];
  for (const t of targets) {
    if (t.skipReason) {
      lines.push(`  ${t.name}: skipped (${t.skipReason})`);
      continue;
    }
    const snap =
      t.datasets.length > 0
        ? `snapshot ${t.datasets.join(', ')}`
        : `no snapshot (${t.noSnapshotReason ?? 'not on ZFS'})`;
    lines.push(
      `  ${t.name} (${t.kind === 'lxc' ? 'CT' : 'VM'} ${t.vmid}) through ${transportLabel(t.transport)}: ${s.inputs === 'pinned' ? 'pinned inputs' : 'nix flake update'}, dry-build, ${snap}, switch, health check`,
    );
  }
  if (windows)
    lines.push(`  ${windows.name} (VM ${windows.vmid}): Windows Update through the QEMU guest agent`);
  return lines;
}

function windowsTarget(
  answers: Answers,
  report: { guests: { vmid: number; kind: string }[] },
): { name: string; vmid: number } | null {
  const w = answers.guests.windowsVm;
  if (!w.enabled || !report.guests.some((g) => g.vmid === w.vmid && g.kind === 'qemu')) return null;
  return { name: w.name, vmid: w.vmid };
}

export async function runGuestsUpdate(ctx: CommandContext, panes: RolloutPanes): Promise<number> {
  const opts = ctx.opts;
  let strategy: StrategyChoice;
  let sshHosts: Record<string, string>;
  let keep: number;
  try {
    strategy = strategyOf(opts);
    sshHosts = parseSshHosts(opts['ssh']);
    keep = keepOf(opts);
  } catch (err) {
    if (err instanceof UsageError) return fail(ctx, err.message, EXIT_USAGE);
    throw err;
  }
  const { answers, errors } = loadAnswers(ctx);
  if (errors.length > 0)
    return fail(ctx, `--answers ${ctx.global.answers}:\n  ${errors.join('\n  ')}`, EXIT_USAGE);
  if (!answers)
    return fail(ctx, 'no saved answers: run nix-mox setup first, or pass --answers FILE', EXIT_USAGE);
  if (answers.machine.role !== 'proxmox-host') {
    return fail(
      ctx,
      'this machine is set up as NixOS, not a Proxmox host: use nix-mox update --flake',
      EXIT_USAGE,
    );
  }
  const env = stringEnv(ctx.io.env);
  const host = createHost(ctx.global.root, ctx.io.env);
  const report = await detect(host);
  const targets = await probeTargets(answers, report, host, { sshHosts });
  const windows = opts['windows'] === false ? null : windowsTarget(answers, report);
  const hostFlakeDir = join(ctx.global.root, FLAKE_DIR);
  const settings: UpdateSettings = {
    hostFlakeDir,
    guestFlakeDir: FLAKE_DIR,
    inputs: opts['pinned'] ? 'pinned' : 'update',
    snapshotKeep: keep,
    now: nowOf(ctx.io.env),
    workDir: mkdtempSync(join(tmpdir(), 'nix-mox-update-')),
  };
  const colmenaOnPath = findOnPath('colmena', ctx.io.env) !== null;
  let chosen: ReturnType<typeof chooseStrategy>;
  try {
    chosen = chooseStrategy(targets.filter((t) => !t.skipReason).length, strategy, colmenaOnPath);
  } catch (err) {
    return fail(ctx, (err as Error).message, EXIT_USAGE);
  }
  if (targets.length === 0 && !windows)
    return fail(ctx, 'no NixOS guest and no Windows VM in the answers exist on this host', EXIT_FAILED);
  if (ctx.global.dryRun) {
    for (const l of describeRollout(targets, windows, chosen, settings)) ctx.io.stdout.write(`${l}\n`);
    return EXIT_OK;
  }
  if (targets.some((t) => !t.skipReason) && !existsSync(join(hostFlakeDir, 'flake.nix'))) {
    return fail(ctx, `no flake at ${hostFlakeDir}: run nix-mox apply first`, EXIT_FAILED);
  }

  const logDir = logDirFor(ctx, 'update-guests');
  const asRoot = runningAsRoot();
  const capture = captureAsRoot(env, asRoot);
  const run: RolloutRun = async (emit, signal) => {
    const result = await runRollout(
      targets,
      settings,
      { strategy, colmenaOnPath, logDir, env, asRoot, signal },
      emit,
    );
    if (windows && !signal.aborted) {
      const outcome: GuestOutcome = await updateWindows(
        windows,
        { logDir, reboot: opts['reboot'] !== false, signal },
        {
          exec: createExecutor({ logDir, env, asRoot, signal }, emit),
          run: capture,
          emit,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          now: Date.now,
        },
      );
      result.outcomes.push(outcome);
    }
    result.cancelled = signal.aborted;
    return result;
  };

  let result: RolloutResult;
  if (ctx.io.interactive) {
    if (!asRoot && !(await ensureSudo({ env: ctx.io.env })))
      return fail(ctx, 'sudo did not accept; pct, qm and zfs need root', EXIT_FAILED);
    result = await panes(run, { title: 'update --guests' });
    for (const l of summaryLines(result)) ctx.io.stdout.write(`${l}\n`);
  } else {
    const printer = new RolloutPrinter((l) => ctx.io.stdout.write(`${l}\n`));
    const abort = new AbortController();
    result = await run((e) => printer.event(e), abort.signal);
    printer.summary(result);
  }
  ctx.io.stdout.write(`Logs: ${logDir}\n`);
  return rolloutExitCode(result);
}
