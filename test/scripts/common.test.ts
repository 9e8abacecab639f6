// Every script: shellcheck-clean, strict mode, --help, usage errors with exit 2.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, scriptNames, scriptsDir } from './helpers';

describe('scripts', () => {
  it('are shellcheck-clean', async () => {
    const files = [...scriptNames.map((n) => join(scriptsDir, n)), join(scriptsDir, 'lib/nix-mox.sh')];
    const r = await execa('shellcheck', ['-x', '--severity=style', ...files], {
      reject: false,
      cwd: scriptsDir,
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  for (const name of scriptNames) {
    describe(name, () => {
      it('is bash in strict mode', () => {
        const text = readFileSync(join(scriptsDir, name), 'utf8');
        expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
        expect(text).toContain('\nset -euo pipefail\n');
      });

      it('explains itself with --help and exit 0', async () => {
        const r = await runScript(name, ['--help']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: ${name} `));
        expect(r.stdout).toContain('--dry-run');
        expect(r.stdout).toMatch(/Exit codes:\n {2}0 /);
      });

      it('rejects an unknown argument with exit 2 and a pointer to --help', async () => {
        const r = await runScript(name, ['--no-such-flag']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`${name}: unknown argument '--no-such-flag'\nTry '${name} --help'.\n`);
      });
    });
  }
});
