// Reading answers from anywhere (a file, the store): migrate, check required keys, fill the rest from defaults,
// then validate strictly. Every error names the key path and the expected form.
import type { z } from 'zod';
import type { HostReport } from '../host/types';
import { datasetPoolFor, defaultAnswers, emptyReport, snapshotPoolsFor } from './defaults';
import { expectedForm, formatIssues, keyPath, showValue } from './format';
import { hasPath, isPlainObject, mergeDefaults, valueAt } from './merge';
import { migrate } from './migrate';
import { type Answers, AnswersSchema, AnswersShape, DATASETS } from './schema';
import { GUEST_KEYS } from './cross-field';
import { poolAlreadyCreated } from './pool-created';

export type ParseResult = { ok: true; answers: Answers; notes: string[] } | { ok: false; errors: string[] };

/** Keys a file must give; everything else has a default. */
export const REQUIRED_KEYS: { path: string[]; form: string }[] = [
  { path: ['machine', 'role'], form: '"proxmox-host" or "nixos"' },
  { path: ['machine', 'hostname'], form: 'an RFC 1123 host label like pve or homelab' },
  { path: ['machine', 'adminUser'], form: 'a user name like alice' },
];

type AnyZod = z.ZodType;

/** The keys an object accepts at a path in the schema (for "did you mean" on unknown keys). */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: AnyZod | undefined = AnswersShape;
  for (const step of path) {
    schema = schema ? stepInto(schema, step) : undefined;
  }
  const obj = schema ? unwrap(schema) : undefined;
  return obj && obj.type === 'object' ? Object.keys((obj as z.ZodObject).shape) : [];
}

function unwrap(schema: AnyZod): AnyZod {
  let s = schema;
  while (s.type === 'nullable' || s.type === 'optional') s = (s as z.ZodNullable).unwrap() as AnyZod;
  return s;
}

function stepInto(schema: AnyZod, step: PropertyKey): AnyZod | undefined {
  const s = unwrap(schema);
  if (s.type === 'object' && typeof step === 'string')
    return (s as z.ZodObject).shape[step] as AnyZod | undefined;
  if (s.type === 'array' && typeof step === 'number') return (s as z.ZodArray).element as AnyZod;
  return undefined;
}

/** Strict validation of a complete answers object (no defaults filled in). */
export function validateAnswers(data: unknown): ParseResult {
  const r = AnswersSchema.safeParse(data, { reportInput: true, error: (iss) => expectedForm(iss) });
  if (r.success) return { ok: true, answers: r.data, notes: [] };
  return { ok: false, errors: formatIssues(r.error.issues, knownKeysAt) };
}

function baseReport(raw: Record<string, unknown>, report: HostReport | undefined): HostReport {
  if (report) return report;
  const role = valueAt(raw, ['machine', 'role']);
  const hostname = valueAt(raw, ['machine', 'hostname']);
  return emptyReport(
    role === 'proxmox-host' ? 'proxmox' : 'nixos',
    typeof hostname === 'string' ? hostname : null,
  );
}

/** Defaults that follow from other keys: when the file leaves them out, derive them from what it does say. */
function fillDerived(
  merged: Record<string, unknown>,
  raw: Record<string, unknown>,
  report: HostReport,
): void {
  const m = merged as unknown as Answers;
  const lacks = (...path: string[]) => !hasPath(raw, path);
  const put = (path: string[], value: unknown) => {
    const parent = valueAt(merged, path.slice(0, -1));
    if (isPlainObject(parent)) parent[path[path.length - 1] as string] = value;
  };
  const proxmox = m.machine?.role === 'proxmox-host';
  const win = m.guests?.windowsVm;
  if (lacks('passthrough', 'targetVmid') && proxmox && typeof win?.vmid === 'number') {
    put(['passthrough', 'targetVmid'], win.vmid);
  }
  if (lacks('passthrough', 'functions') && !lacks('passthrough', 'gpu')) {
    const gpu = m.passthrough?.gpu;
    const detected = report.gpus.find((g) => g.address === gpu)?.functions;
    put(['passthrough', 'functions'], typeof gpu === 'string' ? [...(detected ?? [gpu])] : []);
  }
  const newPool =
    isPlainObject(m.storage?.newPool) && typeof m.storage.newPool.name === 'string'
      ? m.storage.newPool
      : null;
  if (lacks('storage', 'datasetPool'))
    put(['storage', 'datasetPool'], proxmox ? datasetPoolFor(report, newPool) : null);
  if (lacks('storage', 'datasets'))
    put(['storage', 'datasets'], valueAt(merged, ['storage', 'datasetPool']) ? [...DATASETS] : []);
  if (lacks('maintenance', 'snapshots', 'pools'))
    put(['maintenance', 'snapshots', 'pools'], snapshotPoolsFor(report, newPool));
  if (lacks('maintenance', 'snapshots', 'enabled')) {
    const pools = valueAt(merged, ['maintenance', 'snapshots', 'pools']);
    put(['maintenance', 'snapshots', 'enabled'], Array.isArray(pools) && pools.length > 0);
  }
}

/** Facts of this machine win over the file: a GPU always goes with every function detection found for it. */
function withReportFacts(answers: Answers, report: HostReport, notes: string[]): Answers {
  const gpu = report.gpus.find((g) => g.address === answers.passthrough.gpu);
  if (!gpu) return answers;
  const same =
    gpu.functions.length === answers.passthrough.functions.length &&
    gpu.functions.every((f) => answers.passthrough.functions.includes(f));
  if (same) return answers;
  notes.push(`passthrough.functions: set to all functions of ${gpu.address}: ${gpu.functions.join(', ')}`);
  return { ...answers, passthrough: { ...answers.passthrough, functions: [...gpu.functions] } };
}

/** What the answers ask of this machine that it cannot give: VMIDs taken by other guests, devices or disks it lacks. */
export function reportIssues(answers: Answers, report: HostReport): string[] {
  const errors: string[] = [];
  for (const key of GUEST_KEYS) {
    const g = answers.guests[key];
    if (!g.enabled) continue;
    const kind = key === 'nixosLxc' ? 'lxc' : 'qemu';
    const there = report.guests.find((e) => e.vmid === g.vmid);
    if (there && !(there.name === g.name && there.kind === kind)) {
      errors.push(
        `${keyPath(['guests', key, 'vmid'])}: expected a VMID no existing guest uses (${there.vmid} is the ${there.kind} guest "${there.name}"), got ${g.vmid}`,
      );
    }
  }
  const gpu = answers.passthrough.gpu;
  if (gpu !== null && report.pci.length > 0 && !report.gpus.some((g) => g.address === gpu)) {
    const found = report.gpus.map((g) => g.address).join(', ') || 'none';
    errors.push(
      `passthrough.gpu: expected the address of a GPU on this machine (found: ${found}), got ${showValue(gpu)}`,
    );
  }
  answers.passthrough.usbControllers.forEach((u, i) => {
    if (report.pci.length > 0 && !report.usbControllers.some((c) => c.address === u)) {
      errors.push(
        `passthrough.usbControllers[${i}]: expected a USB controller on this machine, got ${showValue(u)}`,
      );
    }
  });
  const pool = answers.storage.newPool;
  if (pool && report.disks.length > 0) {
    pool.disks.forEach((d, i) => {
      const disk = report.disks.find((x) => x.byId === d);
      if (!disk) {
        errors.push(
          `storage.newPool.disks[${i}]: expected a disk of this machine by its /dev/disk/by-id path, got ${showValue(d)}`,
        );
      } else if (disk.system) {
        errors.push(
          `storage.newPool.disks[${i}]: expected a disk the system does not use (${disk.name} holds the system), got ${showValue(d)}`,
        );
      }
    });
  }
  if (pool && report.zfs?.pools.some((p) => p.name === pool.name) && !poolAlreadyCreated(pool, report)) {
    errors.push(
      `storage.newPool.name: expected a name no pool on this machine has, got ${showValue(pool.name)}`,
    );
  }
  return errors;
}

/** Reads answers written by a person or an older nix-mox: migrate, required keys, defaults, strict validation. */
export function parseAnswers(raw: unknown, opts: { report?: HostReport } = {}): ParseResult {
  const migrated = migrate(raw);
  if (!migrated.ok) return { ok: false, errors: migrated.errors };
  const data = migrated.value;

  const missing = REQUIRED_KEYS.filter((k) => valueAt(data, k.path) === undefined).map(
    (k) => `${keyPath(k.path)}: missing; expected ${k.form}`,
  );
  if (missing.length > 0) return { ok: false, errors: missing };

  const report = baseReport(data, opts.report);
  const merged = mergeDefaults(defaultAnswers(report), data) as Record<string, unknown>;
  fillDerived(merged, data, report);
  const checked = validateAnswers(merged);
  if (!checked.ok) return checked;

  const notes = [...migrated.notes];
  const answers = opts.report ? withReportFacts(checked.answers, opts.report, notes) : checked.answers;
  if (opts.report) {
    const errors = reportIssues(answers, opts.report);
    if (errors.length > 0) return { ok: false, errors };
  }
  return { ok: true, answers, notes };
}
