// Answers + the host's current network -> the new interfaces file(s) and the staging area that
// scripts/network-confirm applies. Pure and byte-stable: the same input gives the same bytes.
import type { Answers } from '../answers/schema';
import type { FileEntry } from '../generate/types';
import { DROPIN_HEADER, renderBlock, renderStanza, spliceBlock } from './block';
import { checkNetworkAnswers, NetworkAnswerError, networkErrors } from './check';
import { bridgeView, buildNetworkView, type NetworkView } from './topology';
import { stageDirFor, stageEntries } from './stage';
import {
  MAIN_INTERFACES,
  MANAGED_BRIDGES,
  type NetworkCurrent,
  type NetworkTarget,
  NIX_MOX_DROPIN,
} from './types';

export type { NetworkTarget } from './types';

export interface NetworkFiles {
  /** The files that change, before and after, for the review's diff. networkSteps installs them; never write them directly. */
  targets: NetworkTarget[];
  /** The staging files (manifest, new contents, syntax-check tree) to put in the FileSet; they change nothing live. */
  stage: FileEntry[];
  /** The staging directory (holds the manifest); '' when nothing changes. */
  stageDir: string;
  /** The bridges the block defines after the change, and those it drops. */
  bridges: string[];
  removed: string[];
  changed: boolean;
}

function wantedBlock(answers: Answers, view: NetworkView): { block: string | null; bridges: string[] } {
  const bridges: string[] = [];
  const stanzas: string[] = [];
  for (const name of MANAGED_BRIDGES) {
    const cfg = answers.network[name];
    if (!cfg.enabled || bridgeView(view, name)?.origin === 'config') continue;
    bridges.push(name);
    stanzas.push(renderStanza(name, cfg));
  }
  return { block: stanzas.length > 0 ? renderBlock(stanzas) : null, bridges };
}

/** New content of each file that holds (or will hold) the block. */
function newContents(current: NetworkCurrent, view: NetworkView, block: string | null): NetworkTarget[] {
  const byPath = new Map(current.files.map((f) => [f.path, f.content]));
  const out: NetworkTarget[] = [];
  const main = byPath.get(MAIN_INTERFACES) ?? '';
  if (view.targetPath === NIX_MOX_DROPIN) {
    // The block lives in the drop-in; a block left in the main file from before moves there.
    out.push({ path: MAIN_INTERFACES, before: main, after: spliceBlock(MAIN_INTERFACES, main, null) });
    const dropin = byPath.get(NIX_MOX_DROPIN) ?? null;
    if (dropin !== null || block !== null) {
      out.push({
        path: NIX_MOX_DROPIN,
        before: dropin,
        after: spliceBlock(NIX_MOX_DROPIN, dropin ?? DROPIN_HEADER, block),
      });
    }
  } else {
    out.push({ path: MAIN_INTERFACES, before: main, after: spliceBlock(MAIN_INTERFACES, main, block) });
  }
  return out.filter((t) => t.after !== t.before);
}

export interface GenerateOptions {
  /** Where the staging files go (default STAGE_DIR). */
  stageDir?: string;
}

/**
 * The network part of the FileSet. Throws NetworkAnswerError (naming each field) when the answers cannot be
 * applied on this host: a port that is missing or taken, the SSH session's interface moved, a bad address.
 */
export function generateNetworkFiles(
  answers: Answers,
  current: NetworkCurrent,
  opts: GenerateOptions = {},
): NetworkFiles {
  // Bridges belong to the Proxmox host; a NixOS machine's network is its flake's business.
  if (answers.machine.role !== 'proxmox-host') {
    return { targets: [], stage: [], stageDir: '', bridges: [], removed: [], changed: false };
  }
  const view = buildNetworkView(current);
  const errors = networkErrors(checkNetworkAnswers(answers, view));
  if (errors.length > 0) throw new NetworkAnswerError(errors);
  const blockProblems = view.files.flatMap((f) => f.problems).filter((p) => p.includes('without'));
  if (blockProblems.length > 0)
    throw new NetworkAnswerError(
      blockProblems.map((m) => ({ field: 'network', message: m, severity: 'error' })),
    );
  const { block, bridges } = wantedBlock(answers, view);
  const targets = newContents(current, view, block);
  const changed = targets.length > 0;
  const stageDir = changed ? (opts.stageDir ?? stageDirFor(targets)) : '';
  const removed = view.bridges
    .filter((b) => b.origin === 'nix-mox' && !bridges.includes(b.name))
    .map((b) => b.name);
  return {
    targets,
    stage: changed ? stageEntries(current, targets, stageDir) : [],
    stageDir,
    bridges,
    removed,
    changed,
  };
}
