// The golden cases: a HostReport, an answers set and the files on the machine now (a root directory, plus for a
// reconfigure the answers of the earlier apply, whose FileSet is written into the root first). Shared by the
// golden tests, the Nix checks and the Proxmox API checks.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Answers } from '../../src/answers/schema';
import { writeFileSet } from '../../src/files/write-set';
import { generate } from '../../src/generate/index';
import { packageRoot } from '../../src/generate/package-files';
import type { FileSet } from '../../src/generate/types';
import type { HostReport } from '../../src/host/types';
import { plan } from '../../src/plan/plan';
import { readCurrent, readGenerateInputs } from '../../src/plan/read-current';
import type { Plan, Step } from '../../src/plan/types';
import { repoRoot } from '../helpers/shared';

export const CASES = ['demo', 'gaming-desktop', 'no-passthrough', 'two-gpus', 'minimal-server'] as const;
export type CaseName = (typeof CASES)[number];

export const NOW = new Date('2026-05-01T12:00:00Z');
const fixtures = join(repoRoot, 'test/fixtures');

export const readReport = (name: string): HostReport =>
  JSON.parse(readFileSync(join(fixtures, 'reports', `${name}.json`), 'utf8')) as HostReport;
export const readAnswers = (name: string): Answers =>
  JSON.parse(readFileSync(join(fixtures, 'answers', `${name}.json`), 'utf8')) as Answers;

export interface BuiltCase {
  name: string;
  report: HostReport;
  answers: Answers;
  /** A fresh copy of the case's machine (its files now), safe to write into. */
  root: string;
  files: FileSet;
  current: Map<string, string | null>;
  plan: Plan;
}

/** Copies the case's machine files into a temp root; a reconfigure case first applies its earlier answers. */
export function caseRoot(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `nixmox-${name}-`));
  const src = join(fixtures, 'reports', `${name}-root`);
  if (existsSync(src)) cpSync(src, root, { recursive: true });
  const before = join(fixtures, 'answers', `${name}.before.json`);
  if (existsSync(before)) {
    const report = readReport(name);
    const answers = JSON.parse(readFileSync(before, 'utf8')) as Answers;
    writeFileSet(root, generate(answers, report, readGenerateInputs(root, answers, report)), { now: NOW });
  }
  return root;
}

export function buildCase(name: string): BuiltCase {
  const report = readReport(name);
  const answers = readAnswers(name);
  const root = caseRoot(name);
  const files = generate(answers, report, readGenerateInputs(root, answers, report));
  const current = readCurrent(root, files);
  return { name, report, answers, root, files, current, plan: plan(answers, report, files, current, { now: NOW }) };
}

/** Files shipped in the package (scripts/, fragments/), by content, so goldens can name them instead. */
function packageFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(readFileSync(p, 'utf8'), relative(packageRoot(), p));
    }
  };
  walk(join(packageRoot(), 'scripts'));
  walk(join(packageRoot(), 'fragments'));
  return out;
}

let shipped: Map<string, string> | null = null;
/** `scripts/zfs-snapshot` when `content` is byte for byte that package file, else null. */
export function copiedFrom(content: string): string | null {
  shipped ??= packageFiles();
  return shipped.get(content) ?? null;
}

export function fileSetText(files: FileSet): string {
  return files
    .map((f) => {
      const edit = f.edit ? ` edit=${JSON.stringify(f.edit)}` : '';
      const head = `=== ${f.path}\nmode=${f.mode.toString(8).padStart(4, '0')} owner=${f.owner}${edit}\n`;
      const from = copiedFrom(f.content);
      if (from) return `${head}(copied byte for byte from ${from})\n`;
      return head + f.content + (f.content === '' || f.content.endsWith('\n') ? '' : '\n(no newline at end)\n');
    })
    .join('');
}

function stepForGolden(s: Step): Step {
  if (!s.write) return s;
  const from = copiedFrom(s.write.content);
  return from ? { ...s, write: { ...s.write, content: `(copied byte for byte from ${from})` } } : s;
}

export function planJson(p: Plan): string {
  return `${JSON.stringify({ ...p, steps: p.steps.map(stepForGolden) }, null, 2)}\n`;
}

export const summarizeCopies = (s: Step): string | null => {
  const from = s.write ? copiedFrom(s.write.content) : null;
  return from ? `(new file, copied byte for byte from ${from})` : null;
};
