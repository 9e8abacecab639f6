// The argv that reaches into a guest, per transport. Every command is an argv array; over SSH the remote command
// is the argv quoted word by word (remote-shell.ts), because sshd hands it to the remote shell.
import { remoteCommand } from './remote-shell';
import type { Transport } from './types';

/** BatchMode: never prompt for a password (it would fight the live panes); fail fast when a guest is gone. */
export const SSH_OPTIONS = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'ServerAliveInterval=15'];

/** The QEMU guest agent takes at most this many characters per file-write (PVE API: content maxLength). */
export const AGENT_FILE_WRITE_MAX = 61440;

export function transportLabel(t: Transport): string {
  switch (t.kind) {
    case 'pct':
      return `pct exec ${t.vmid}`;
    case 'ssh':
      return `ssh ${t.destination}`;
    case 'agent':
      return `QEMU guest agent of VM ${t.vmid}`;
  }
}

/** Runs `argv` inside the guest. Through the agent, qm prints the guest's exit code as JSON (see agent-result.ts). */
export function execArgv(t: Transport, argv: string[]): string[] {
  switch (t.kind) {
    case 'pct':
      return ['pct', 'exec', String(t.vmid), '--', ...argv];
    case 'ssh':
      return ['ssh', ...SSH_OPTIONS, '--', t.destination, remoteCommand(argv)];
    case 'agent':
      // --timeout 0: wait for the command however long it runs (the step's own timeout still applies).
      return ['qm', 'guest', 'exec', String(t.vmid), '--timeout', '0', '--', ...argv];
  }
}

/**
 * Copies a file from the host into the guest. Through the agent the content travels in the API call itself,
 * base64-encoded by nix-mox (`encode 0`), so it must fit AGENT_FILE_WRITE_MAX.
 */
export function pushArgv(t: Transport, localPath: string, remotePath: string, base64?: string): string[] {
  switch (t.kind) {
    case 'pct':
      return ['pct', 'push', String(t.vmid), localPath, remotePath];
    case 'ssh':
      return ['scp', '-q', ...SSH_OPTIONS, '--', localPath, `${t.destination}:${remotePath}`];
    case 'agent': {
      if (base64 === undefined) throw new Error('pushArgv: the agent needs the content');
      if (base64.length > AGENT_FILE_WRITE_MAX) {
        throw new Error(
          `the packed flake is ${base64.length} characters in base64, more than the guest agent takes in one write (${AGENT_FILE_WRITE_MAX}); reach this VM over SSH instead`,
        );
      }
      return [
        'pvesh',
        'create',
        `/nodes/${t.node}/qemu/${t.vmid}/agent/file-write`,
        '--file',
        remotePath,
        '--content',
        base64,
        '--encode',
        '0',
      ];
    }
  }
}
