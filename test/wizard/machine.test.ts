import { describe, expect, it } from 'vitest';
import { checkAdminUser, checkHostname, checkSshKeyFile, machineStatus } from '../../src/wizard/machine';
import { checkTimezone } from '../../src/wizard/timezone';
import { demoAnswers } from './fixtures';

const message = (c: { ok: boolean; message?: string }) => (c.ok ? 'ok' : c.message);

describe('machine field checks', () => {
  it('accepts RFC 1123 host labels and names the field when refusing', () => {
    for (const good of ['pve', 'pve-01', 'a', 'x'.repeat(63), '0lab'])
      expect(checkHostname(good).ok).toBe(true);
    for (const bad of ['', '-pve', 'pve-', 'My_Host', 'pve.lan', 'x'.repeat(64), 'Pve']) {
      expect(message(checkHostname(bad))).toMatch(/^Hostname: /);
    }
    expect(message(checkHostname(''))).toBe('Hostname: required');
  });

  it('accepts POSIX user names, refuses root', () => {
    for (const good of ['alice', '_svc', 'bob-2', 'a_b']) expect(checkAdminUser(good).ok).toBe(true);
    for (const bad of ['Alice', '1bob', 'bob smith', 'x'.repeat(33)])
      expect(message(checkAdminUser(bad))).toMatch(/^Admin user: /);
    expect(message(checkAdminUser('root'))).toMatch(/^Admin user: a personal account, not root/);
  });

  it('accepts tz database names and suggests a fix for near misses', () => {
    for (const good of ['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Europe/Kyiv']) {
      expect(checkTimezone(good)).toEqual({ ok: true, value: good });
    }
    expect(message(checkTimezone('europe/berlin'))).toBe(
      'Time zone: "europe/berlin" is not a tz database name like Europe/Berlin (did you mean Europe/Berlin?)',
    );
    expect(message(checkTimezone('Europe/Berln'))).toMatch(/did you mean Europe\/Berlin\?/);
    expect(message(checkTimezone('+02:00'))).toMatch(/^Time zone: /);
    expect(message(checkTimezone(''))).toBe('Time zone: required');
  });

  it('takes public key files by absolute path and never a private key', () => {
    expect(checkSshKeyFile('/root/.ssh/id_ed25519.pub', [])).toEqual({
      ok: true,
      value: '/root/.ssh/id_ed25519.pub',
    });
    expect(checkSshKeyFile(' /home/a/.ssh/authorized_keys ', []).ok).toBe(true);
    expect(message(checkSshKeyFile('/root/.ssh/id_ed25519', []))).toBe(
      'SSH key file: /root/.ssh/id_ed25519 looks like a private key; give the public key (/root/.ssh/id_ed25519.pub)',
    );
    expect(message(checkSshKeyFile('/etc/ssh/ssh_host_ed25519_key', []))).toMatch(/private key/);
    expect(message(checkSshKeyFile('~/.ssh/id_rsa.pub', []))).toMatch(
      /^SSH key file: expected an absolute path/,
    );
    expect(message(checkSshKeyFile('/a b.pub', []))).toMatch(/without spaces/);
    expect(message(checkSshKeyFile('/k.pub', ['/k.pub']))).toBe(
      'SSH key file: /k.pub is already in the list',
    );
  });
});

describe('machineStatus', () => {
  it('is missing until a key file is given, then done with the values', () => {
    const a = demoAnswers();
    expect(machineStatus(a)).toEqual({
      kind: 'missing',
      summary: 'missing: an SSH public key file · Proxmox host · pve · UTC · admin admin · 0 SSH keys',
    });
    a.machine.sshKeyFiles = ['/root/.ssh/id_ed25519.pub'];
    expect(machineStatus(a)).toEqual({
      kind: 'done',
      summary: 'Proxmox host · pve · UTC · admin admin · 1 SSH key',
    });
    a.machine.hostname = 'Bad_Name';
    expect(machineStatus(a).summary).toMatch(/^missing: hostname/);
  });

  it('refuses an SSH key file that cannot be read or holds no public key', () => {
    const files: Record<string, string> = {
      '/root/.ssh/id_ed25519.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0 admin@pve\n',
      '/root/notes.txt': 'hello\n',
    };
    const read = (p: string) => files[p] ?? null;
    expect(checkSshKeyFile('/root/.ssh/id_ed25519.pub', [], read).ok).toBe(true);
    const missing = checkSshKeyFile('/root/.ssh/other.pub', [], read);
    expect(missing.ok ? '' : missing.message).toBe('SSH key file: /root/.ssh/other.pub could not be read');
    const notKey = checkSshKeyFile('/root/notes.txt', [], read);
    expect(notKey.ok ? '' : notKey.message).toMatch(
      /^SSH key file: \/root\/notes.txt does not hold an OpenSSH public key/,
    );
  });
});
