// pvecm status|nodes (pve-cluster): corosync-quorumtool's report for platform.json's cluster, or
// PVE::Corosync::check_conf_exists's error on a standalone node.
import { readPlatform } from '../pve-state.mjs';
import { ShimExit, now, runShim } from '../shim-runtime.mjs';

const NOT_CLUSTERED =
  "Error: Corosync config '/etc/pve/corosync.conf' does not exist - is this node part of a cluster?\n";

runShim('pvecm', ({ argv, out }) => {
  const sub = argv[0];
  if (sub !== 'status' && sub !== 'nodes') {
    throw new ShimExit(70, `nix-mox shim: 'pvecm ${sub ?? ''}' is not simulated (only status and nodes)\n`);
  }
  const { cluster } = readPlatform();
  if (!cluster) throw new ShimExit(255, NOT_CLUSTERED);
  const nodes = cluster.nodes;
  const localIndex = Math.max(
    0,
    nodes.findIndex((n) => n.local),
  );
  const members = (/** @type {(i: number) => string} */ id) =>
    `\nMembership information\n----------------------\n    Nodeid      Votes Name\n${nodes
      .map((n, i) => `${id(i + 1)} ${'1'.padStart(10)} ${n.ip}${i === localIndex ? ' (local)' : ''}\n`)
      .join('')}`;
  if (sub === 'nodes') {
    out(members((i) => String(i).padStart(10)));
    return 0;
  }
  const hex = (/** @type {number} */ i) => `0x${i.toString(16).padStart(8, '0')}`;
  const d = now();
  const date = `${d.toLocaleString('en-US', { weekday: 'short' })} ${d.toLocaleString('en-US', { month: 'short' })} ${String(d.getDate()).padStart(2)} ${d.toTimeString().slice(0, 8)} ${d.getFullYear()}`;
  const n = nodes.length;
  out(
    `Cluster information\n-------------------\nName:             ${cluster.name}\nConfig Version:   ${cluster.configVersion ?? n}\nTransport:        knet\nSecure auth:      on\n\n` +
      `Quorum information\n------------------\nDate:             ${date}\nQuorum provider:  corosync_votequorum\nNodes:            ${n}\nNode ID:          ${hex(localIndex + 1)}\nRing ID:          1.${(n + 8).toString(16)}\nQuorate:          Yes\n\n` +
      `Votequorum information\n----------------------\nExpected votes:   ${n}\nHighest expected: ${n}\nTotal votes:      ${n}\nQuorum:           ${Math.floor(n / 2) + 1}  \nFlags:            Quorate \n` +
      members(hex),
  );
  return 0;
});
