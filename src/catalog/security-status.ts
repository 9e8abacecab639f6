// The Security section's hub line: complete when every enabled service has the file that holds its secret.
import type { Answers } from '../answers/schema';
import type { ListStatus } from './rows';

export function securityProblems(s: Answers['security']): string[] {
  const problems: string[] = [];
  if (s.tailscale.enabled && !s.tailscale.authKeyFile) problems.push('Tailscale auth key file');
  if (s.infisical.enabled && !s.infisical.tokenFile) problems.push('Infisical token file');
  return problems;
}

export function securityStatus(s: Answers['security']): ListStatus {
  const parts = [
    s.sshHardening ? 'SSH keys only' : 'SSH passwords allowed',
    s.firewall ? 'firewall on' : 'firewall off',
    ...(s.tailscale.enabled ? ['Tailscale'] : []),
    ...(s.infisical.enabled ? ['Infisical'] : []),
  ];
  const problems = securityProblems(s);
  if (problems.length > 0)
    return { kind: 'missing', summary: `missing: ${problems.join('; ')} · ${parts.join(' · ')}` };
  return { kind: 'done', summary: parts.join(' · ') };
}
