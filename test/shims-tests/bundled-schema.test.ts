// The repository carries a slim copy of the Proxmox VE 9.1 API schema for clones without ../shared; it must be
// exactly what the shims would make of the full schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledSchemaFile, sharedSchemaFile, slim } from '../shims/lib/pve-api.mjs';
import { sharedAvailable } from '../helpers/shared';

describe.skipIf(!sharedAvailable())('the bundled API schema', () => {
  it('equals the shared apidata.json without descriptions, return types and permissions', () => {
    const full = JSON.parse(readFileSync(sharedSchemaFile, 'utf8')) as unknown;
    const bundled = JSON.parse(readFileSync(bundledSchemaFile, 'utf8')) as unknown;
    expect(bundled).toEqual(slim(full));
  });
});
