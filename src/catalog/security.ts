// Security settings as NixOS options. Secrets are only ever file paths (authKeyFile, token files).
import type { Answers } from '../answers/schema';
import { type OptionSetting, on } from './types';

export interface SecurityNix {
  options: OptionSetting[];
  packages: string[];
}

export function securityNix(security: Answers['security']): SecurityNix {
  const options: OptionSetting[] = [];
  const packages: string[] = [];
  if (security.tailscale.enabled) {
    options.push(on('services.tailscale.enable'));
    if (security.tailscale.authKeyFile) {
      options.push({ path: 'services.tailscale.authKeyFile', value: security.tailscale.authKeyFile });
    }
  }
  if (security.infisical.enabled) packages.push('infisical');
  if (security.sshHardening) {
    options.push(
      on('services.openssh.enable'),
      { path: 'services.openssh.settings.PasswordAuthentication', value: false },
      { path: 'services.openssh.settings.PermitRootLogin', value: 'prohibit-password' },
    );
  }
  options.push({ path: 'networking.firewall.enable', value: security.firewall });
  return { options, packages };
}
