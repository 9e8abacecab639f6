// Golden tests for the four interfaces fixtures: the generated files match the goldens byte for byte, every
// user line is kept, applying the result again changes nothing, and turning the bridges off gives back the
// original file exactly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answers, BridgeConfig } from '../../src/answers/schema';
import { BLOCK_BEGIN, BLOCK_END } from '../../src/network/interfaces-parse';
import { generateNetworkFiles } from '../../src/network/generate';
import { MAIN_INTERFACES, type NetworkCurrent, NIX_MOX_DROPIN } from '../../src/network/types';
import { sampleAnswers } from '../helpers/sample';
import { type FixtureHost, loadHost } from './fixtures';

const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env['NIX_MOX_UPDATE_GOLDEN'] === '1';

const off: BridgeConfig = { enabled: false, port: null, address: 'manual', cidr: null, gateway: null };
const bridge = (port: string | null, cidr: string | null = null): BridgeConfig => ({
  enabled: true,
  port,
  address: cidr ? 'static' : 'manual',
  cidr,
  gateway: null,
});

function answersWith(vmbr1: BridgeConfig, vmbr2: BridgeConfig): Answers {
  const a = sampleAnswers();
  return { ...a, network: { vmbr1, vmbr2 } };
}

const scenarios: Record<FixtureHost, Answers> = {
  fresh: answersWith(bridge('enp6s0'), bridge(null, '10.10.10.1/24')),
  // vmbr1 is the user's own (outside the block): it stays as it is; only vmbr2 is added.
  'with-vmbr1': answersWith(bridge('enp3s0'), bridge(null, '10.20.0.1/24')),
  bond: answersWith(bridge('enp4s0'), off),
  'sources-dir': answersWith(bridge('nic1'), bridge(null, '10.30.0.1/24')),
};

/** The current state with the generated files in place, as the next probe would read it. */
function afterApply(current: NetworkCurrent, targets: { path: string; after: string }[]): NetworkCurrent {
  const files = current.files.map((f) => ({
    ...f,
    content: targets.find((t) => t.path === f.path)?.after ?? f.content,
  }));
  for (const t of targets)
    if (!files.some((f) => f.path === t.path)) files.push({ path: t.path, content: t.after });
  return { ...current, files };
}

/** The file with our block (and the one blank line before it) taken out. */
function withoutBlock(text: string): string {
  const lines = text.split('\n');
  const b = lines.findIndex((l) => l.startsWith(BLOCK_BEGIN));
  const e = lines.findIndex((l) => l.startsWith(BLOCK_END));
  if (b < 0) return text;
  const from = b > 0 && lines[b - 1] === '' ? b - 1 : b;
  return [...lines.slice(0, from), ...lines.slice(e + 1)].join('\n');
}

function golden(name: string, path: string, actual: string): string {
  const file = join(GOLDEN, name, path);
  if (update) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file))
    throw new Error(`no golden ${file}; run with NIX_MOX_UPDATE_GOLDEN=1 once and review it`);
  return readFileSync(file, 'utf8');
}

describe.each(Object.keys(scenarios) as FixtureHost[])('interfaces fixture %s', (name) => {
  const current = loadHost(name);
  const answers = scenarios[name];
  const result = generateNetworkFiles(answers, current);

  it('matches the golden files byte for byte', () => {
    expect(result.changed).toBe(true);
    for (const t of result.targets) expect(t.after).toBe(golden(name, t.path, t.after));
  });

  it('keeps every line outside the block byte for byte', () => {
    for (const t of result.targets) {
      // A new drop-in holds nothing of the user's; an existing file keeps all of it, with the block added at the end.
      if (t.before === null) continue;
      expect(withoutBlock(t.after)).toBe(t.before);
      expect(t.after.startsWith(t.before)).toBe(true);
    }
    // Files the change does not target are not in the result at all: nothing else is rewritten.
    const targeted = result.targets.map((t) => t.path);
    expect(targeted.every((p) => p === MAIN_INTERFACES || p === NIX_MOX_DROPIN)).toBe(true);
  });

  it('changes nothing when applied a second time', () => {
    const again = generateNetworkFiles(answers, afterApply(current, result.targets));
    expect(again.targets).toEqual([]);
    expect(again.changed).toBe(false);
    expect(again.stage).toEqual([]);
  });

  it('gives back the original files when the bridges are turned off again', () => {
    const applied = afterApply(current, result.targets);
    const undone = generateNetworkFiles(answersWith(off, off), applied);
    const main = undone.targets.find((t) => t.path === MAIN_INTERFACES);
    const original = current.files.find((f) => f.path === MAIN_INTERFACES)!.content;
    if (main) expect(main.after).toBe(original);
    const dropin = undone.targets.find((t) => t.path === NIX_MOX_DROPIN);
    if (dropin) expect(dropin.after).not.toContain('iface vmbr');
  });
});

describe('where the block goes', () => {
  it('goes into /etc/network/interfaces.d/nix-mox when the main file sources that directory', () => {
    const r = generateNetworkFiles(scenarios['sources-dir'], loadHost('sources-dir'));
    expect(r.targets.map((t) => t.path)).toEqual([NIX_MOX_DROPIN]);
    expect(r.targets[0]!.before).toBeNull();
  });

  it('goes into /etc/network/interfaces otherwise', () => {
    const r = generateNetworkFiles(scenarios.fresh, loadHost('fresh'));
    expect(r.targets.map((t) => t.path)).toEqual([MAIN_INTERFACES]);
  });

  it('moves a block from the main file to the drop-in once the main file sources interfaces.d', () => {
    const fresh = loadHost('fresh');
    const first = generateNetworkFiles(scenarios.fresh, fresh);
    const applied = afterApply(fresh, first.targets);
    const main = applied.files.find((f) => f.path === MAIN_INTERFACES)!;
    main.content += '\nsource /etc/network/interfaces.d/*\n';
    const moved = generateNetworkFiles(scenarios.fresh, applied);
    const newMain = moved.targets.find((t) => t.path === MAIN_INTERFACES)!;
    expect(newMain.after).not.toContain(BLOCK_BEGIN);
    expect(newMain.after).toContain('source /etc/network/interfaces.d/*');
    expect(moved.targets.find((t) => t.path === NIX_MOX_DROPIN)!.after).toContain('iface vmbr1 inet manual');
  });
});
