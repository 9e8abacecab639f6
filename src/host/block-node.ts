// One block device as lsblk reports it, whatever columns it was asked for; absent columns are null.
export interface BlockNode {
  name: string;
  path: string | null;
  type: string | null;
  sizeBytes: number | null;
  rotational: boolean | null;
  transport: string | null;
  model: string | null;
  serial: string | null;
  wwn: string | null;
  fstype: string | null;
  label: string | null;
  mountpoints: string[];
  removable: boolean | null;
  children: BlockNode[];
}

export function emptyNode(name: string): BlockNode {
  return {
    name,
    path: null,
    type: null,
    sizeBytes: null,
    rotational: null,
    transport: null,
    model: null,
    serial: null,
    wwn: null,
    fstype: null,
    label: null,
    mountpoints: [],
    removable: null,
    children: [],
  };
}
