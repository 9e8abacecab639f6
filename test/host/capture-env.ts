// Runs detection over published hardware captures: a temp root (IOMMU tree, /proc/cmdline) and the captures-bin
// shims first on PATH, printing the lspci/lsblk capture whatever flags the probe passes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detect } from '../../src/host/detect';
import { createHost } from '../../src/host/host';
import type { HostReport } from '../../src/host/types';
import { parseIommuCapture, writeIommuTree } from '../helpers/iommu-tree';
import { fixture, repoRoot } from '../helpers/shared';

export const capturesBin = join(repoRoot, 'test/fixtures/captures-bin');

export interface CaptureSpec {
  /** lspci capture under fixtures/ (e.g. `lspci/01-...txt`). */
  lspci?: string;
  /** IOMMU listing under fixtures/: becomes root/sys/kernel/iommu_groups; its lspci lines serve as lspci output
   * unless `lspci` is given too. */
  iommu?: string;
  lsblk?: string;
  /** A /proc/cmdline line for the root (when the listing does not carry one). */
  cmdline?: string;
}

export interface CaptureRun {
  root: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function captureRun(spec: CaptureSpec): CaptureRun {
  const root = mkdtempSync(join(tmpdir(), 'nix-mox-capture-'));
  const env: NodeJS.ProcessEnv = { PATH: `${capturesBin}:/usr/local/bin:/usr/bin:/bin`, HOME: root };
  if (spec.iommu) {
    const capture = parseIommuCapture(readFileSync(fixture(spec.iommu), 'utf8'));
    writeIommuTree(root, capture);
    if (!spec.lspci && capture.lspci !== '') {
      const file = join(root, 'lspci-from-listing.txt');
      writeFileSync(file, capture.lspci);
      env['NIX_MOX_CAPTURE_LSPCI'] = file;
    }
  }
  if (spec.cmdline) {
    mkdirSync(join(root, 'proc'), { recursive: true });
    writeFileSync(join(root, 'proc/cmdline'), `${spec.cmdline}\n`);
  }
  if (spec.lspci) env['NIX_MOX_CAPTURE_LSPCI'] = fixture(spec.lspci);
  if (spec.lsblk) env['NIX_MOX_CAPTURE_LSBLK'] = fixture(spec.lsblk);
  return { root, env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Detection in-process, through the same createHost + detect the CLI uses. */
export async function detectCapture(spec: CaptureSpec): Promise<HostReport> {
  const run = captureRun(spec);
  try {
    return await detect(createHost(run.root, run.env));
  } finally {
    run.cleanup();
  }
}
