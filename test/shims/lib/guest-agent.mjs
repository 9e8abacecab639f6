// The QEMU guest agent (and `pct exec`) as agent.json scripts it:
// { "<vmid>": { "running": true, "commands": [{ "argv": [...], "exitcode": 0, "out-data": "..." }] } }.
import { agentResultFromGuest } from './nixos-guest.mjs';
import { readState, writeState } from './shim-runtime.mjs';

/**
 * @typedef {{ argv?: string[], exitcode?: number, 'out-data'?: string, 'err-data'?: string }} AgentCommand
 * @typedef {{ running?: boolean, commands?: AgentCommand[], results?: Record<string, unknown>,
 *   execs?: Record<string, Record<string, unknown>>, nextPid?: number, nixos?: string }} AgentState
 */

/** @returns {Record<string, AgentState>} */
export const readAgents = () => readState('agent', {});

/** The scripted result for a command line: the entry with the same argv, else one without argv. */
export function runInGuest(/** @type {AgentState | undefined} */ agent, /** @type {string[]} */ argv) {
  // "nixos": "<name>" hands the guest to the NixOS guest model (nixos-guest.mjs, nixos-guests.json).
  if (typeof agent?.nixos === 'string') return agentResultFromGuest(agent.nixos, argv);
  const cmds = agent?.commands ?? [];
  const hit =
    cmds.find((c) => Array.isArray(c.argv) && JSON.stringify(c.argv) === JSON.stringify(argv)) ??
    cmds.find((c) => c.argv === undefined);
  /** @type {Record<string, unknown>} */
  const result = { exitcode: hit?.exitcode ?? 0, exited: 1 };
  if (hit?.['out-data']) result['out-data'] = hit['out-data'];
  if (hit?.['err-data']) result['err-data'] = hit['err-data'];
  return result;
}

/** Starts an asynchronous exec: stores its result under a new pid. */
export function startExec(/** @type {number} */ vmid, /** @type {Record<string, unknown>} */ result) {
  const agents = readAgents();
  const agent = agents[String(vmid)] ?? {};
  const pid = agent.nextPid ?? 1000;
  agent.nextPid = pid + 1;
  agent.execs = { ...(agent.execs ?? {}), [String(pid)]: result };
  agents[String(vmid)] = agent;
  writeState('agent', agents);
  return pid;
}
