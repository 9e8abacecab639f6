// The host's network as nix-mox sees it: links from `ip -j`, the ifupdown2 files, and the SSH session.

export interface IpAddress {
  family: 'inet' | 'inet6';
  local: string;
  prefixlen: number;
  scope: string | null;
}

/** One link, `ip -j -d link` merged with its addresses from `ip -j addr`. */
export interface IpLink {
  name: string;
  index: number;
  flags: string[];
  operstate: string;
  linkType: string;
  mac: string | null;
  /** The bridge or bond this link is enslaved to. */
  master: string | null;
  /** linkinfo.info_kind: bridge, bond, vlan, tun, veth... null for a physical NIC. */
  kind: string | null;
  /** pci, usb, virtio... only physical devices have one. */
  parentBus: string | null;
  addresses: IpAddress[];
}

/** A file ifupdown2 reads, in the order it reads them. */
export interface InterfacesFile {
  path: string;
  content: string;
}

export interface NetworkCurrent {
  /** The main file first, then every sourced file in ifupdown2's reading order. */
  files: InterfacesFile[];
  links: IpLink[];
  /** Server address of the current SSH session (the third field of SSH_CONNECTION), or null. */
  sshServerAddress: string | null;
  /** Client address of the current SSH session, for the reason text. */
  sshClientAddress: string | null;
}

export const MAIN_INTERFACES = '/etc/network/interfaces';
export const NIX_MOX_DROPIN = '/etc/network/interfaces.d/nix-mox';
export const MANAGED_BRIDGES = ['vmbr1', 'vmbr2'] as const;
export type ManagedBridge = (typeof MANAGED_BRIDGES)[number];

/** A file the change rewrites: its content now (null when it does not exist yet) and after. */
export interface NetworkTarget {
  path: string;
  before: string | null;
  after: string;
}
