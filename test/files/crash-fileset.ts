// Two generations of a FileSet for the crash-safety test: files of several sizes, in several directories, one an
// edit of a file the user owns. Each file's content says which generation it is and is otherwise filler, so a
// partial write is easy to tell from a whole one.
import type { FileSet } from '../../src/generate/types';

export const USER_TEXT = "# the user's own line\noptions snd_hda_intel power_save=0\n";

const SIZES: [string, number][] = [
  ['/etc/nix-mox/flake/flake.nix', 700],
  ['/etc/nix-mox/flake/hosts/a/default.nix', 64 * 1024],
  ['/usr/local/lib/nix-mox/big', 1024 * 1024],
  ['/etc/systemd/system/nix-mox-update.timer', 300],
];

function filler(gen: number, path: string, size: number): string {
  const head = `generation ${gen} of ${path}\n`;
  const line = `${gen}`.repeat(63) + '\n';
  let body = head;
  while (body.length < size) body += line;
  return `${body}end of generation ${gen}\n`;
}

export function crashFileSet(gen: number): FileSet {
  return [
    ...SIZES.map(([path, size]) => ({ path, content: filler(gen, path, size), mode: 0o644, owner: '0:0' })),
    {
      path: '/etc/modprobe.d/vfio.conf',
      content: `options vfio-pci ids=${gen === 0 ? '10de:2504' : '1002:73df'} disable_vga=1\n`,
      mode: 0o644,
      owner: '0:0',
      edit: { kind: 'marked-block' as const },
    },
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
}
