import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileUpToDate, sudoWriteCommands, writeFileEntry } from '../../src/run/write-step';
import { tempDir, testBin } from './helpers';

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const entry = (path: string, content = 'x = 1\n') => ({ path, content, mode: 0o644, owner: 'root:root' });

describe('write steps', () => {
  it('install a staged file through sudo as an atomic sequence, with the backup first', () => {
    expect(
      sudoWriteCommands(
        entry('/etc/a.conf'),
        '/tmp/s/content',
        '/etc/a.conf',
        '/var/lib/nix-mox/backups/S/etc/a.conf',
      ),
    ).toEqual([
      ['sudo', '-n', 'mkdir', '-p', '--', '/etc'],
      ['sudo', '-n', 'mkdir', '-p', '-m', '0700', '--', '/var/lib/nix-mox/backups/S/etc'],
      ['sudo', '-n', 'cp', '-p', '--', '/etc/a.conf', '/var/lib/nix-mox/backups/S/etc/a.conf'],
      [
        'sudo',
        '-n',
        'install',
        '-m',
        '0644',
        '-o',
        'root',
        '-g',
        'root',
        '--',
        '/tmp/s/content',
        '/etc/a.conf.nix-mox-new',
      ],
      ['sudo', '-n', 'sync', '--', '/etc/a.conf.nix-mox-new'],
      ['sudo', '-n', 'mv', '-f', '--', '/etc/a.conf.nix-mox-new', '/etc/a.conf'],
    ]);
    expect(
      sudoWriteCommands({ ...entry('/etc/b'), owner: 'alice', mode: 0o600 }, '/s', '/etc/b', null)[1],
    ).toEqual(['sudo', '-n', 'install', '-m', '0600', '-o', 'alice', '--', '/s', '/etc/b.nix-mox-new']);
  });

  it('write through sudo when not root', async () => {
    const sudoLog = join(dir, 'sudo.log');
    const target = join(dir, 'etc', 'new.conf');
    const r = await writeFileEntry(entry(target), {
      root: '/',
      asRoot: false,
      needsRoot: true,
      now: new Date('2026-05-01T03:00:00Z'),
      env: { ...process.env, PATH: `${testBin}:${process.env['PATH']}`, SUDO_LOG: sudoLog } as Record<
        string,
        string
      >,
    });
    expect(r).toEqual({ target, changed: true, backup: null });
    expect(readFileSync(target, 'utf8')).toBe('x = 1\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    const calls = readFileSync(sudoLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ').slice(0, 3).join(' '));
    expect(calls).toEqual(['-n mkdir -p', '-n install -m', '-n sync --', '-n mv -f']);
  });

  it('refuse a relative path', async () => {
    await expect(
      writeFileEntry(entry('etc/x'), { root: dir, asRoot: true, needsRoot: true, now: new Date() }),
    ).rejects.toThrow("write: path 'etc/x' must be absolute");
  });

  it('know when the file is already as wanted', async () => {
    const e = entry('/etc/y.conf');
    expect(fileUpToDate(dir, e)).toBe(false);
    await writeFileEntry(e, { root: dir, asRoot: true, needsRoot: true, now: new Date() });
    expect(fileUpToDate(dir, e)).toBe(true);
    expect(fileUpToDate(dir, { ...e, mode: 0o600 })).toBe(false);
    expect(fileUpToDate(dir, { ...e, content: 'other' })).toBe(false);
  });
});
