// Golden tests (issue 5, acceptance 1): for the demo host and four other answer sets, the FileSet and the Plan
// match reviewed files in test/golden/<case>/ byte for byte. UPDATE_GOLDEN=1 rewrites them (then review the diff).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../src/plan/render-text';
import { repoRoot } from '../helpers/shared';
import { CASES, buildCase, fileSetText, planJson, summarizeCopies } from './cases';

const update = process.env['UPDATE_GOLDEN'] === '1';

function golden(name: string, file: string, actual: string): void {
  const dir = join(repoRoot, 'test/golden', name);
  const path = join(dir, file);
  if (update) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden and review it`);
  // toBe on the whole text: a mismatch shows the differing lines.
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.each(CASES)('golden %s', (name) => {
  const c = buildCase(name);

  it('FileSet matches test/golden/<case>/fileset.txt', () => {
    golden(name, 'fileset.txt', fileSetText(c.files));
  });

  it('Plan matches test/golden/<case>/plan.json', () => {
    golden(name, 'plan.json', planJson(c.plan));
  });

  it('plan text matches test/golden/<case>/plan.txt', () => {
    golden(name, 'plan.txt', renderPlanText(c.plan, c.current, `nix-mox plan: ${name}`, { summarize: summarizeCopies }));
  });

  it('is byte-stable: generating and planning again gives the same bytes', () => {
    const again = buildCase(name);
    expect(fileSetText(again.files)).toBe(fileSetText(c.files));
    expect(planJson(again.plan)).toBe(planJson(c.plan));
  });
});
