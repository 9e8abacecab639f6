// The Nix JSON log parser against logs captured from real `nix-build --log-format internal-json -v` runs
// on this machine (test/fixtures/nix-logs/capture.sh makes them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeNixProgress,
  NixLogParser,
  type NixProgress,
  nixBar,
  storeName,
  stripAnsi,
} from '../../src/run/nix-log';
import { repoRoot } from '../helpers/shared';

const fixture = (name: string) =>
  readFileSync(join(repoRoot, 'test/fixtures/nix-logs', name), 'utf8')
    .split('\n')
    .filter(Boolean);

function feedAll(lines: string[]) {
  const parser = new NixLogParser();
  const shown: string[] = [];
  const progress: NixProgress[] = [];
  for (const line of lines) {
    const out = parser.feed(line);
    expect(out, line).not.toBeNull();
    shown.push(...out!.lines);
    if (out!.progress) progress.push(out!.progress);
  }
  return { shown, progress, final: parser.snapshot() };
}

describe('NixLogParser on a successful build', () => {
  const { shown, progress, final } = feedAll(fixture('build-ok.jsonl'));

  it('counts the builds up to all of them', () => {
    expect(final.builds).toEqual({ done: 4, total: 4 });
    const done = progress.map((p) => p.builds.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.some((p) => p.builds.done === 2 && p.builds.total === 4)).toBe(true);
  });

  it('names the derivation being built, and nothing once all stopped', () => {
    const activities = progress.map((p) => p.activity).filter(Boolean);
    expect(activities).toContain('building nix-mox-capture-step-1');
    expect(activities).toContain('building nix-mox-capture-step-2');
    expect(activities).toContain('building nix-mox-capture-all');
    expect(final.activity).toBeNull();
  });

  it('shows the builders output and the info messages, as plain nix-build would', () => {
    expect(shown).toContain('these 4 derivations will be built:');
    expect(shown).toContain('line 2 of step 3');
    expect(shown).toContain('final');
    expect(
      shown.some((l) => /^building '\/nix\/store\/[0-9a-z]{32}-nix-mox-capture-step-2\.drv'$/.test(l)),
    ).toBe(true);
    // talkative-level noise (querying info about missing paths) stays out
    expect(shown.some((l) => l.includes('querying info'))).toBe(false);
  });

  it('describes the progress in one line', () => {
    const mid = progress.find((p) => p.builds.done === 1 && p.activity);
    // Nix itself briefly expects one path to copy during this build; the label says what Nix says.
    expect(describeNixProgress(mid!)).toMatch(
      /^building nix-mox-capture-step-\d · 1\/4 built(, 0\/1 copied)?$/,
    );
    expect(nixBar(final)).toEqual({ done: 4, total: 4 });
  });
});

describe('NixLogParser on a failed build', () => {
  const { shown, final } = feedAll(fixture('build-fail.jsonl'));

  it('keeps the builders error output and the final error without colour codes', () => {
    expect(shown).toContain('error: something went wrong');
    const last = shown[shown.length - 1]!;
    expect(last).toMatch(
      /^error: builder for '\/nix\/store\/.*-nix-mox-capture-broken\.drv' failed with exit code 3$/,
    );
    expect(last).not.toContain('\u001b');
  });

  it('counts the build that succeeded and not the failed one', () => {
    expect(final.builds.done).toBe(1);
  });
});

describe('NixLogParser on a build that copies paths from a cache', () => {
  const { shown, progress, final } = feedAll(fixture('substitute-ok.jsonl'));

  it('counts the copied paths as downloads', () => {
    expect(final.downloads).toEqual({ done: 3, total: 3 });
    expect(progress.some((p) => p.downloads.done === 1 && p.downloads.total === 3)).toBe(true);
    expect(progress.map((p) => p.activity)).toContain('copying nix-mox-capture-leaf-2');
  });

  it('shows the fetch plan and the copy lines', () => {
    expect(shown.some((l) => /^these 3 paths will be fetched/.test(l))).toBe(true);
    expect(
      shown.some((l) => /^copying path '\/nix\/store\/.*-nix-mox-capture-leaf-1' from 'file:\/\//.test(l)),
    ).toBe(true);
  });

  it('puts builds and copies on one bar', () => {
    expect(nixBar(final)).toEqual({ done: final.builds.done + 3, total: final.builds.total + 3 });
    expect(describeNixProgress({ ...final, activity: null })).toMatch(/built, 3\/3 copied$/);
  });
});

describe('NixLogParser edge cases', () => {
  it('returns null for lines that are not Nix JSON, so they stay ordinary output', () => {
    const p = new NixLogParser();
    expect(p.feed('plain text')).toBeNull();
    expect(p.feed('@nix {not json')).toBeNull();
    expect(p.feed('@nixos says hi')).toBeNull();
  });

  it('reports progress only when something changed', () => {
    const p = new NixLogParser();
    expect(p.feed('@nix {"action":"start","id":1,"level":0,"text":"","type":104}')!.progress).toBeDefined();
    expect(p.feed('@nix {"action":"result","fields":[0,2,0,0],"id":1,"type":105}')!.progress).toMatchObject({
      builds: { done: 0, total: 2 },
    });
    expect(p.feed('@nix {"action":"result","fields":[0,2,0,0],"id":1,"type":105}')!.progress).toBeUndefined();
  });

  it('adds the build phase to the activity', () => {
    const p = new NixLogParser();
    p.feed(
      '@nix {"action":"start","fields":["/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-2.12.drv","",1,1],"id":5,"level":3,"text":"building","type":105}',
    );
    const out = p.feed('@nix {"action":"result","fields":["buildPhase"],"id":5,"type":104}');
    expect(out!.progress!.activity).toBe('building hello-2.12 (buildPhase)');
  });

  it('storeName and stripAnsi', () => {
    expect(storeName("building '/nix/store/vivs4r8wqsmlif3pnvxpm7fhnnamrbyj-foo-1.0.drv'")).toBe('foo-1.0');
    expect(storeName('/nix/store/vivs4r8wqsmlif3pnvxpm7fhnnamrbyj-bar')).toBe('bar');
    expect(storeName('no path')).toBeNull();
    expect(stripAnsi('\u001b[31;1merror:\u001b[0m x')).toBe('error: x');
  });
});
