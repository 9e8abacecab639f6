// `qm guest exec` exits 0 whenever the agent answered; the guest command's own result is in the JSON it prints:
// { "exitcode": N, "exited": 1, "out-data": "...", "err-data": "..." } (out-data already decoded by Proxmox).

export interface AgentExecResult {
  exited: boolean;
  exitcode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the agent only started the command (async exec, or a timeout reached). */
  pid: number | null;
}

export function parseAgentExec(text: string): AgentExecResult | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    exited: o['exited'] === 1 || o['exited'] === true,
    exitcode: num(o['exitcode']),
    stdout: str(o['out-data']),
    stderr: str(o['err-data']),
    pid: num(o['pid']),
  };
}

/** The exit code a step should report: the guest's, or 1 when the agent's answer says nothing usable. */
export function agentExitCode(r: AgentExecResult | null): number {
  if (!r) return 1;
  if (r.exited && r.exitcode !== null) return r.exitcode;
  return 1;
}
