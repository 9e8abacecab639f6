export interface FileEntry {
  /** Absolute path on the target system (staged under --root when given). */
  path: string;
  content: string;
  mode: number;
  owner: string;
}

/** Sorted by path, byte-stable for the same input. */
export type FileSet = FileEntry[];
