export interface FileEntry {
  /** Absolute path on the target system (staged under --root when given). */
  path: string;
  content: string;
  mode: number;
  owner: string;
  /**
   * Set for files the user already owns (kernel command line, /etc/default/grub, modprobe.d): nix-mox changes only
   * its own arguments or marked block and keeps every other byte. `content` is then nix-mox's part only (the
   * arguments, or the block); `resolveContent(entry, current)` in src/generate/edits.ts gives the whole file.
   * Plan steps always carry the resolved, whole content.
   */
  edit?: FileEdit;
}

export type FileEdit =
  /** A kernel command line: `ensure` arguments are present (same key replaced in place), `remove` ones gone. */
  | { kind: 'kernel-cmdline'; ensure: string[]; remove: string[] }
  /** The same, inside GRUB_CMDLINE_LINUX_DEFAULT="..." of /etc/default/grub. */
  | { kind: 'grub-cmdline'; ensure: string[]; remove: string[] }
  /** A `# BEGIN nix-mox` ... `# END nix-mox` block holding `content`; an empty content removes the block. */
  | { kind: 'marked-block' };

/** Sorted by path, byte-stable for the same input. */
export type FileSet = FileEntry[];
