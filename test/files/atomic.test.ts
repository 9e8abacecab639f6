// Atomic writes, backups, owners and diffs.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic';
import { BACKUP_DIR, backupPathFor, backupStamp } from '../../src/files/backup';
import { diffStat, unifiedDiff } from '../../src/files/diff';
import { resolveOwner } from '../../src/files/owner';
import { underRoot, writeFileSet } from '../../src/files/write-set';

const tmp = () => mkdtempSync(join(tmpdir(), 'nixmox-files-'));
const mode = (p: string) => statSync(p).mode & 0o7777;

describe('writeFileAtomic', () => {
  it('creates parent directories, the file with its mode, and leaves no temp file', () => {
    const dir = tmp();
    const path = join(dir, 'a/b/c.conf');
    const r = writeFileAtomic(path, 'hello\n', { mode: 0o640, owner: null, backupTo: join(dir, 'bak') });
    expect(r).toEqual({ changed: true, backupPath: null });
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
    expect(mode(path)).toBe(0o640);
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['c.conf']);
  });

  it('backs up the replaced file (content and mode) before replacing it', () => {
    const dir = tmp();
    const path = join(dir, 'x.conf');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o600);
    const bak = join(dir, 'backups/x.conf');
    const r = writeFileAtomic(path, 'new\n', { mode: 0o644, owner: null, backupTo: bak });
    expect(r).toEqual({ changed: true, backupPath: bak });
    expect(readFileSync(bak, 'utf8')).toBe('old\n');
    expect(mode(bak)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
  });

  it('writes nothing and backs up nothing when content and mode are already right', () => {
    const dir = tmp();
    const path = join(dir, 'same');
    writeFileSync(path, 'same\n');
    chmodSync(path, 0o644);
    const before = statSync(path).mtimeMs;
    const r = writeFileAtomic(path, 'same\n', { mode: 0o644, owner: null, backupTo: join(dir, 'bak') });
    expect(r).toEqual({ changed: false, backupPath: null });
    expect(existsSync(join(dir, 'bak'))).toBe(false);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('fixes only the mode when only the mode differs (no backup: the content is the same)', () => {
    const dir = tmp();
    const path = join(dir, 'script');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o644);
    const r = writeFileAtomic(path, '#!/bin/sh\n', { mode: 0o755, owner: null, backupTo: join(dir, 'bak') });
    expect(r).toEqual({ changed: true, backupPath: null });
    expect(mode(path)).toBe(0o755);
  });

  it('removes temp files a killed writer left for the same file', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.f.nix-mox-tmp-123-abcd'), 'half');
    writeFileSync(join(dir, '.other.nix-mox-tmp-1-x'), 'not ours to judge');
    writeFileAtomic(join(dir, 'f'), 'full\n', { mode: 0o644, owner: null, backupTo: null });
    expect(readdirSync(dir).sort()).toEqual(['.other.nix-mox-tmp-1-x', 'f']);
  });

  it.skipIf(process.getuid?.() !== 0)('sets the owner when running as root', () => {
    const dir = tmp();
    const path = join(dir, 'owned');
    writeFileAtomic(path, 'x', { mode: 0o644, owner: { uid: 1234, gid: 2345 }, backupTo: null });
    expect(statSync(path).uid).toBe(1234);
    expect(statSync(path).gid).toBe(2345);
    // Same content, other owner: fixed in place.
    expect(
      writeFileAtomic(path, 'x', { mode: 0o644, owner: { uid: 0, gid: 0 }, backupTo: null }).changed,
    ).toBe(true);
    expect(statSync(path).uid).toBe(0);
  });
});

describe('owners', () => {
  it('resolves names from passwd and group, and numbers as they are', () => {
    const etc = tmp();
    writeFileSync(
      join(etc, 'passwd'),
      'root:x:0:0:root:/root:/bin/bash\nalex:x:1000:1000::/home/alex:/bin/bash\n',
    );
    writeFileSync(join(etc, 'group'), 'root:x:0:\nwheel:x:10:alex\n');
    expect(resolveOwner('root:root', etc)).toEqual({ uid: 0, gid: 0 });
    expect(resolveOwner('alex', etc)).toEqual({ uid: 1000, gid: 1000 });
    expect(resolveOwner('alex:wheel', etc)).toEqual({ uid: 1000, gid: 10 });
    expect(resolveOwner('33:44', etc)).toEqual({ uid: 33, gid: 44 });
    expect(() => resolveOwner('nobody-here', etc)).toThrow(/no user 'nobody-here'/);
  });
});

describe('backups', () => {
  it('go under /var/lib/nix-mox/backups/<stamp>/<path> in the root', () => {
    const stamp = backupStamp(new Date('2026-05-01T12:34:56.789Z'));
    expect(stamp).toBe('2026-05-01T12-34-56Z');
    expect(backupPathFor('/stage', stamp, '/etc/kernel/cmdline')).toBe(
      `/stage${BACKUP_DIR}/${stamp}/etc/kernel/cmdline`,
    );
  });
});

describe('writeFileSet', () => {
  it('stays under the root and refuses paths that leave it', () => {
    expect(underRoot('/stage', '/etc/x')).toBe('/stage/etc/x');
    expect(() => underRoot('/stage', '/etc/../../x')).toThrow(/must not contain/);
    expect(() => underRoot('/stage', 'etc/x')).toThrow(/must be absolute/);
  });

  it('resolves edits against the file there now, and reports what it did', () => {
    const root = tmp();
    mkdirSync(join(root, 'etc/kernel'), { recursive: true });
    writeFileSync(join(root, 'etc/kernel/cmdline'), 'root=ZFS=rpool/ROOT/pve-1 boot=zfs\n');
    const files = [
      {
        path: '/etc/kernel/cmdline',
        content: 'iommu=pt',
        mode: 0o644,
        owner: '0:0',
        edit: { kind: 'kernel-cmdline' as const, ensure: ['iommu=pt'], remove: [] },
      },
      {
        path: '/etc/default/grub',
        content: 'iommu=pt',
        mode: 0o644,
        owner: '0:0',
        edit: { kind: 'grub-cmdline' as const, ensure: ['iommu=pt'], remove: [] },
      },
      {
        path: '/etc/modules-load.d/vfio.conf',
        content: 'vfio\n',
        mode: 0o644,
        owner: '0:0',
        edit: { kind: 'marked-block' as const },
      },
    ];
    const now = new Date('2026-05-01T12:00:00Z');
    const r = writeFileSet(root, files, { now });
    expect(r.map((x) => x.outcome)).toEqual(['written', 'absent', 'written']);
    expect(r[0]!.backupPath).toBe(join(root, BACKUP_DIR, '2026-05-01T12-00-00Z/etc/kernel/cmdline'));
    expect(readFileSync(join(root, 'etc/kernel/cmdline'), 'utf8')).toBe(
      'root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt\n',
    );
    expect(existsSync(join(root, 'etc/default/grub'))).toBe(false);
    const again = writeFileSet(root, files, { now: new Date('2026-05-02T12:00:00Z') });
    expect(again.map((x) => x.outcome)).toEqual(['unchanged', 'absent', 'unchanged']);
    expect(readdirSync(join(root, BACKUP_DIR))).toEqual(['2026-05-01T12-00-00Z']);
  });
});

describe('unifiedDiff', () => {
  it('shows a new file whole against /dev/null', () => {
    const d = unifiedDiff('/etc/x.conf', null, 'a\nb\n');
    expect(d).toBe('--- /dev/null\n+++ /etc/x.conf\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(diffStat(d)).toEqual({ added: 2, removed: 0 });
  });

  it('shows changed lines with context, and nothing for equal text', () => {
    const d = unifiedDiff('/etc/kernel/cmdline', 'root=x boot=zfs\n', 'root=x boot=zfs iommu=pt\n');
    expect(d).toBe(
      '--- /etc/kernel/cmdline\n+++ /etc/kernel/cmdline\n@@ -1,1 +1,1 @@\n-root=x boot=zfs\n+root=x boot=zfs iommu=pt\n',
    );
    expect(unifiedDiff('/x', 'same', 'same')).toBe('');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('/x', 'a\n', 'a')).toContain('\\ No newline at end of file');
  });
});
