// `nix-mox setup --save FILE` and `--answers FILE`, in-process and without a terminal.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/answers/defaults';
import { loadAnswersFile, saveAnswersFile } from '../../src/answers/load';
import { openAnswersStore } from '../../src/answers/store';
import { runCli } from '../../src/cli';
import { repoRoot } from '../helpers/shared';
import { captureIo } from '../helpers/cli-io';
import { demoReport } from './fixtures';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nix-mox-setup-'));
  const emptyBin = join(dir, 'bin');
  mkdirSync(emptyBin);
  // No tools on PATH and an empty root: detection finds nothing, quickly, and touches nothing of this machine.
  env = { XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, PATH: emptyBin };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = async (args: string[]) => {
  const io = captureIo({ env, interactive: false });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('setup --save FILE', () => {
  it('without saved answers writes the defaults detected on this machine, exit 0, no terminal needed', async () => {
    const root = join(dir, 'root');
    mkdirSync(root);
    const file = join(dir, 'answers.json');
    const r = await run(['setup', '--root', root, '--save', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote the defaults detected on this machine to ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const loaded = loadAnswersFile(file);
    expect(loaded.ok).toBe(true);
    // An empty root is not a Proxmox host: the defaults are those of a NixOS machine.
    expect(loaded.ok && loaded.answers.machine.role).toBe('nixos');
  });

  it('with saved answers writes exactly those', async () => {
    const saved = defaultAnswers(demoReport());
    openAnswersStore({ env }).save(saved);
    const file = join(dir, 'out.json');
    const r = await run(['setup', '--save', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote the saved answers');
    expect(loadAnswersFile(file)).toEqual({ ok: true, answers: saved, notes: [] });
  });

  it('- writes the JSON to stdout', async () => {
    const saved = defaultAnswers(demoReport());
    openAnswersStore({ env }).save(saved);
    const r = await run(['setup', '--save', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(saved);
  });

  it('a file it cannot write fails with exit 1 and says why', async () => {
    openAnswersStore({ env }).save(defaultAnswers(demoReport()));
    const r = await run(['setup', '--save', join(dir, 'no', 'such', 'dir', 'a.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^nix-mox setup: cannot write .*a\.json: ENOENT/);
  });
});

describe('setup --answers FILE', () => {
  it('a bad file exits 2 with the key path and the expected form', async () => {
    const file = join(repoRoot, 'test/fixtures/answers-bad/02-bad-hostname.json');
    const r = await run(['setup', '--answers', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `nix-mox setup: ${file}: machine.hostname: expected an RFC 1123 host label: 1-63 of a-z, 0-9 and -, not starting or ending with -, got "Bad_Host"\n`,
    );
    expect(openAnswersStore({ env }).load()).toBeNull();
  });

  it('a good file is imported into the store (exit 0 without a terminal), and --save gives it back', async () => {
    const answers = { ...defaultAnswers(demoReport()), messaging: ['signal' as const] };
    const file = join(dir, 'in.json');
    saveAnswersFile(file, answers);
    const r = await run(['setup', '--answers', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`imported ${file} into ${join(dir, 'config', 'nix-mox', 'answers.json')}`);
    expect(openAnswersStore({ env }).load()).toEqual(answers);
    const back = await run(['setup', '--save', '-']);
    expect(JSON.parse(back.out)).toEqual(answers);
  });

  it('a version-0 file is migrated on import, with notes on stderr', async () => {
    const r = await run(['setup', '--answers', join(repoRoot, 'test/fixtures/answers-v0/v0-homelab.json')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('nix-mox setup: note: messaging: skypeforlinux was dropped');
    const expected = JSON.parse(
      readFileSync(join(repoRoot, 'test/fixtures/answers-v0/v0-homelab.v1.json'), 'utf8'),
    );
    expect(openAnswersStore({ env }).load()).toEqual(expected);
  });

  it('without --answers or --save and without a terminal, setup still refuses with exit 2', async () => {
    const r = await run(['setup']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('needs a terminal');
  });
});
