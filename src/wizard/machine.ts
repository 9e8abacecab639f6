// Machine section: field checks and the hub status.
import { AbsPath, type Answers, Hostname, Username } from '../answers/schema';
import { type Check, checkWith, fail, ok } from './check';
import { type WizardStatus, missingOr } from './status';
import { checkTimezone } from './timezone';

export const roleLabels: Record<Answers['machine']['role'], string> = {
  'proxmox-host': 'Proxmox host',
  nixos: 'NixOS machine',
};

export const checkHostname = (raw: string): Check<string> => checkWith('Hostname', Hostname, raw.trim());
export const checkAdminUser = (raw: string): Check<string> => {
  const name = raw.trim();
  if (name === 'root') return fail('Admin user', 'a personal account, not root (root stays for emergencies)');
  return checkWith('Admin user', Username, name);
};

// Private keys (id_ed25519, ssh_host_rsa_key...) must never be named here: only the .pub next to them.
const privateKeyName = /(^|\/)(id_[a-z0-9_-]+|ssh_host_[a-z0-9_]+_key|[^/]*\.(pem|key))$/;

const publicKeyLine =
  /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+/m;

/**
 * `read` gives the file's text on the machine being set up (under --root), or null when it cannot be read; the
 * generator reads the key later, so a path that does not hold a public key is refused here, naming the field.
 */
export function checkSshKeyFile(
  raw: string,
  existing: readonly string[],
  read?: (path: string) => string | null,
): Check<string> {
  const field = 'SSH key file';
  const path = raw.trim();
  if (path === '') return fail(field, 'required');
  const shape = checkWith(field, AbsPath, path);
  if (!shape.ok)
    return fail(field, `expected an absolute path like /root/.ssh/id_ed25519.pub, got "${path}"`);
  if (/\s/.test(path)) return fail(field, 'a path without spaces or line breaks');
  if (privateKeyName.test(path))
    return fail(field, `${path} looks like a private key; give the public key (${path}.pub)`);
  if (existing.includes(path)) return fail(field, `${path} is already in the list`);
  if (read) {
    const text = read(path);
    if (text === null) return fail(field, `${path} could not be read`);
    if (!publicKeyLine.test(text)) {
      return fail(
        field,
        `${path} does not hold an OpenSSH public key (a line like "ssh-ed25519 AAAA… user@host")`,
      );
    }
  }
  return ok(path);
}

export function machineProblems(m: Answers['machine']): string[] {
  const problems: string[] = [];
  if (!checkHostname(m.hostname).ok) problems.push('hostname');
  if (!checkTimezone(m.timezone).ok) problems.push('time zone');
  if (!checkAdminUser(m.adminUser).ok) problems.push('admin user');
  if (m.sshKeyFiles.length === 0) problems.push('an SSH public key file');
  return problems;
}

export function machineStatus(answers: Answers): WizardStatus {
  const m = answers.machine;
  const keys = `${m.sshKeyFiles.length} SSH key${m.sshKeyFiles.length === 1 ? '' : 's'}`;
  const summary = [
    roleLabels[m.role],
    m.hostname || '(no hostname)',
    m.timezone,
    `admin ${m.adminUser || '?'}`,
    keys,
  ];
  return missingOr(machineProblems(m), { kind: 'done', summary: summary.join(' · ') });
}
