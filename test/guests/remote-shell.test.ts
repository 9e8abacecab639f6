// SSH hands its command to the remote shell as one string: every argv word is quoted so that the remote shell's
// split gives back exactly the argv nix-mox built. Checked against the POSIX splitting the ssh test double does.
import { describe, expect, it } from 'vitest';
import { remoteCommand, shellQuote } from '../../src/guests/remote-shell';
import { execArgv, pushArgv, AGENT_FILE_WRITE_MAX } from '../../src/guests/transport';
// @ts-expect-error: a plain JS module of the test doubles
import { splitShellWords } from '../shims/lib/shell-words.mjs';

describe('quoting for the remote shell', () => {
  it('leaves plain words alone and quotes the rest, so the remote split gives the argv back', () => {
    expect(shellQuote('/etc/nix-mox/flake')).toBe('/etc/nix-mox/flake');
    expect(shellQuote('nix-command flakes')).toBe("'nix-command flakes'");
    const tricky = [
      'nix',
      '--option',
      'x',
      "it's",
      '$(reboot)',
      'a;b',
      '`id`',
      '*',
      '#comment',
      '',
      'tab\there',
      'line\nbreak',
    ];
    expect(splitShellWords(remoteCommand(tricky))).toEqual(tricky);
  });

  it('builds the argv of each transport, and refuses a flake too big for one guest agent write', () => {
    expect(execArgv({ kind: 'pct', vmid: 100 }, ['true'])).toEqual(['pct', 'exec', '100', '--', 'true']);
    expect(
      execArgv({ kind: 'ssh', destination: 'root@vm' }, ['nixos-rebuild', 'switch', '--flake', '/f#vm']),
    ).toEqual([
      'ssh',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=10',
      '-o',
      'ServerAliveInterval=15',
      '--',
      'root@vm',
      "nixos-rebuild switch --flake '/f#vm'",
    ]);
    expect(execArgv({ kind: 'agent', vmid: 102, node: 'localhost' }, ['true'])).toEqual([
      'qm',
      'guest',
      'exec',
      '102',
      '--timeout',
      '0',
      '--',
      'true',
    ]);
    expect(() =>
      pushArgv(
        { kind: 'agent', vmid: 102, node: 'localhost' },
        '/tmp/f',
        '/tmp/g',
        'A'.repeat(AGENT_FILE_WRITE_MAX + 1),
      ),
    ).toThrow(/more than the guest agent takes in one write \(61440\); reach this VM over SSH instead/);
  });
});
