// Locates ../shared (fixtures, API schema). CI always has it; elsewhere a test that needs it says why it skips.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const hasShared = existsSync(join(sharedDir, 'fixtures', 'SOURCES.md'));

/** Use as `describe.skipIf(!sharedAvailable())(...)`: fails loudly in CI when ../shared is missing. */
export function sharedAvailable(): boolean {
  if (hasShared) return true;
  if (process.env['NIX_MOX_IN_CI'] === '1') {
    throw new Error(`../shared is missing at ${sharedDir}; CI must provide it`);
  }
  console.warn(
    `[skip] ../shared not found at ${sharedDir}: tests that read the real hardware captures are skipped`,
  );
  return false;
}

export const fixture = (...parts: string[]): string => join(sharedDir, 'fixtures', ...parts);
export const apiSchemaPath = join(sharedDir, 'proxmox-api', 'apidata.json');
