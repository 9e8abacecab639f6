import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost, findOnPath } from '../../src/host/host';

const bin = mkdtempSync(join(tmpdir(), 'nix-mox-host-'));
function script(name: string, body: string) {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}
script('echo-args', 'for a in "$@"; do printf "[%s]\\n" "$a"; done');
script('fail', 'echo partial; echo "it broke" >&2; exit 3');
script('hang', 'sleep 30 & wait');
script('locale', 'printf "%s" "$LC_ALL"');
writeFileSync(join(bin, 'not-executable'), '#!/bin/sh\necho no\n');
afterAll(() => rmSync(bin, { recursive: true, force: true }));

const env = { PATH: `${bin}:/usr/bin:/bin` };

describe('createHost', () => {
  it('runs argv arrays without a shell: arguments arrive verbatim', async () => {
    const host = createHost('/', env);
    const r = await host.run('echo-args', ['two words', '$(touch /tmp/x)', '; ls', '*']);
    expect(r).toEqual({ stdout: '[two words]\n[$(touch /tmp/x)]\n[; ls]\n[*]\n', stderr: '', code: 0 });
  });
  it('passes a failing exit code and both streams through', async () => {
    const r = await createHost('/', env).run('fail', []);
    expect(r).toEqual({ stdout: 'partial\n', stderr: 'it broke\n', code: 3 });
  });
  it('a missing command is code 127 with a message, not an exception', async () => {
    const r = await createHost('/', env).run('no-such-tool', ['x']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('no-such-tool: command not found on PATH');
    expect((await createHost('/', env).run('not-executable', [])).code).toBe(127);
  });
  it('stops a command that outlives the timeout, with its whole process group, as code 124', async () => {
    const started = Date.now();
    const r = await createHost('/', env, { timeoutMs: 300 }).run('hang', []);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(3000);
    const perCall = await createHost('/', env).run('hang', [], { timeoutMs: 200 });
    expect(perCall.code).toBe(124);
  });
  it('finds commands on the PATH it was given and runs them in the C locale', async () => {
    expect(await findOnPath('locale', env)).toBe(join(bin, 'locale'));
    expect(await findOnPath('locale', { PATH: '/nonexistent' })).toBeNull();
    expect((await createHost('/', env).run('locale', [])).stdout).toBe('C');
    expect(createHost('/some/root', env).root).toBe('/some/root');
  });
});
