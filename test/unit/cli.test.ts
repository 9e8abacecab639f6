import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli';
import { loadAllCommands } from '../../src/commands/index';
import { VERSION } from '../../src/version';
import { captureIo } from '../helpers/cli-io';

describe('nix-mox CLI surface', () => {
  it('--help lists every command and the global flags', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of ['setup', 'detect', 'plan', 'apply', 'update', 'snapshot', 'backup', 'game']) {
      expect(io.out()).toContain(name);
    }
    expect(io.out()).toContain('--version');
    expect(io.out()).toContain('Every command also takes: --root DIR, --dry-run, --answers FILE, --yes');
  });

  it('each command has its own help with the global flags', async () => {
    for (const cmd of await loadAllCommands()) {
      const io = captureIo();
      expect(await runCli([cmd.name, '--help'], io)).toBe(0);
      expect(io.out()).toContain(`Usage: nix-mox ${cmd.name}`);
      expect(io.out()).toContain(cmd.summary.slice(0, 30));
      for (const flag of [
        '--root <dir>',
        '--dry-run',
        '--answers <file>',
        '--yes',
        '--log-dir <dir>',
        '--json',
      ]) {
        expect(io.out()).toContain(flag);
      }
    }
  });

  it('--version prints the package version', async () => {
    const io = captureIo();
    expect(await runCli(['--version'], io)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(io.out().trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it('an unknown command exits 2 with one line naming it and the closest command', async () => {
    const io = captureIo();
    expect(await runCli(['bogus'], io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain("'bogus'");
    const io2 = captureIo();
    expect(await runCli(['detcet'], io2)).toBe(2);
    expect(io2.err()).toContain("did you mean 'detect'");
  });

  it('an unknown flag exits 2 with one line naming it and the closest flag', async () => {
    const io = captureIo();
    expect(await runCli(['setup', '--bogus'], io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain("'--bogus'");
    const io2 = captureIo();
    expect(await runCli(['detect', '--jsno'], io2)).toBe(2);
    expect(io2.err()).toContain("did you mean '--json'");
  });

  it('setup without a terminal exits 2 and says how to run the same thing non-interactively', async () => {
    const io = captureIo({ interactive: false });
    expect(await runCli(['setup'], io)).toBe(2);
    expect(io.err()).toContain('nix-mox apply --answers FILE --yes');
    const io2 = captureIo({ interactive: false });
    expect(await runCli([], io2)).toBe(2);
    expect(io2.err()).toContain('needs a terminal');
  });

  it('a missing option value is a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['detect', '--root'], io)).toBe(2);
    expect(io.err()).toContain('--root');
  });
});

describe('nix-mox backup --messaging', () => {
  it('reaches the messaging backup, which checks its own flags', async () => {
    const io = captureIo();
    expect(await runCli(['backup', '--messaging', '--label', 'Bad Label'], io)).toBe(2);
    expect(io.err()).toContain('nix-mox backup --messaging:');
    expect(io.err()).toContain('Bad Label');
  });
});
