import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedAvailable } from '../helpers/shared';
import { type PveFail, type PveOk, validatePveCommand } from '../shims/lib/pve-api.mjs';

const ok = (argv: string[]): PveOk => {
  const r = validatePveCommand(argv);
  if (!r.ok) throw new Error(`expected ${argv.join(' ')} to pass:\n${r.stderr}`);
  return r;
};
const fail = (argv: string[]): PveFail => {
  const r = validatePveCommand(argv);
  if (r.ok) throw new Error(`expected ${argv.join(' ')} to be rejected`);
  return r;
};

describe.skipIf(!sharedAvailable())('validatePveCommand: what Proxmox accepts', () => {
  it('accepts the DESIGN.md Windows VM with q35, OVMF and an EFI disk, as POST /nodes/{node}/qemu', () => {
    const r = ok([
      'qm',
      'create',
      '100',
      '--name',
      'windows',
      '--machine',
      'q35',
      '--bios',
      'ovmf',
      '--efidisk0',
      'local-zfs:1,efitype=4m,pre-enrolled-keys=1',
      '--cpu',
      'host',
      '--cores',
      '8',
      '--memory',
      '16384',
      '--scsihw',
      'virtio-scsi-single',
      '--net0',
      'virtio,bridge=vmbr1',
      '--ostype',
      'win11',
    ]);
    expect(r).toMatchObject({ method: 'POST', path: '/nodes/pve/qemu', command: 'create' });
    expect(r.params).toMatchObject({
      vmid: '100',
      node: 'pve',
      machine: 'q35',
      efidisk0: 'local-zfs:1,efitype=4m,pre-enrolled-keys=1',
    });
  });

  it('accepts qm set --hostpci0 0000:01:00,pcie=1,x-vga=1 as PUT .../config (host is the default key)', () => {
    const r = ok(['qm', 'set', '100', '--hostpci0', '0000:01:00,pcie=1,x-vga=1']);
    expect(r).toMatchObject({ method: 'PUT', path: '/nodes/pve/qemu/100/config' });
    expect(ok(['qm', 'set', '100', '--hostpci0', 'host=01:00.0;01:00.1,pcie=on']).ok).toBe(true);
  });

  it('accepts the NixOS container of DESIGN.md, with the template as ostemplate', () => {
    const r = ok([
      'pct',
      'create',
      '101',
      'local:vztmpl/nixos-26.05-x86_64-linux.tar.xz',
      '--ostype',
      'nixos',
      '--unprivileged',
      '1',
      '--features',
      'nesting=1',
      '--net0',
      'name=eth0,bridge=vmbr0,ip=dhcp',
    ]);
    expect(r).toMatchObject({ method: 'POST', path: '/nodes/pve/lxc' });
    expect(r.params).toMatchObject({
      ostemplate: 'local:vztmpl/nixos-26.05-x86_64-linux.tar.xz',
      unprivileged: '1',
    });
  });

  it('accepts vzdump --all with a retention policy, and joins listed guests into the vmid list', () => {
    ok([
      'vzdump',
      '--all',
      '1',
      '--mode',
      'snapshot',
      '--compress',
      'zstd',
      '--storage',
      'local',
      '--prune-backups',
      'keep-daily=7,keep-weekly=4,keep-monthly=6',
    ]);
    expect(ok(['vzdump', '100', '101', '--mode', 'stop']).params['vmid']).toBe('100,101');
  });

  it('accepts pvesh create /cluster/backup with a schedule, and pvesm add zfspool', () => {
    const job = ok([
      'pvesh',
      'create',
      '/cluster/backup',
      '--schedule',
      '03:00',
      '--all',
      '1',
      '--storage',
      'local',
      '--mode',
      'snapshot',
      '--compress',
      'zstd',
      '--prune-backups',
      'keep-daily=7,keep-weekly=4,keep-monthly=6',
    ]);
    expect(job).toMatchObject({ method: 'POST', path: '/cluster/backup' });
    const sm = ok(['pvesm', 'add', 'zfspool', 'tank-vm', '--pool', 'tank/vm', '--content', 'images,rootdir']);
    expect(sm).toMatchObject({ method: 'POST', path: '/storage' });
    expect(sm.params).toMatchObject({ type: 'zfspool', storage: 'tank-vm', pool: 'tank/vm' });
  });

  it('takes path parameters from the pvesh path and output options apart from the API ones', () => {
    const r = ok(['pvesh', 'get', '/nodes/pve/qemu', '--output-format', 'json']);
    expect(r).toMatchObject({ method: 'GET', path: '/nodes/pve/qemu' });
    expect(r.params).toMatchObject({ node: 'pve', 'output-format': 'json' });
  });

  it('maps guest agent commands, agent alias included, and keeps extra-args after --', () => {
    expect(ok(['qm', 'guest', 'exec', '100', '--', 'cmd', '/c', 'ver']).params['extra-args']).toEqual([
      'cmd',
      '/c',
      'ver',
    ]);
    expect(ok(['qm', 'agent', '100', 'ping'])).toMatchObject({
      command: 'guest cmd',
      path: '/nodes/pve/qemu/100/agent',
    });
  });

  it('reads options the way Getopt::Long does: --opt=value, one dash, unique abbreviations, bare booleans', () => {
    expect(ok(['qm', 'set', '100', '--cores=4']).params['cores']).toBe('4');
    expect(ok(['qm', 'set', '100', '-cores', '4']).params['cores']).toBe('4');
    expect(ok(['qm', 'set', '100', '--core', '4']).params['cores']).toBe('4');
    expect(
      ok(['pct', 'create', '101', 'local:vztmpl/x.tar.xz', '--unprivileged', '--ostype', 'nixos']).params[
        'unprivileged'
      ],
    ).toBe('1');
  });

  it('uses the node name it is given', () => {
    expect(validatePveCommand(['qm', 'start', '100'], { node: 'pve2' })).toMatchObject({
      ok: true,
      path: '/nodes/pve2/qemu/100/status/start',
    });
  });
});

describe.skipIf(!sharedAvailable())('validatePveCommand: what Proxmox rejects, in its words', () => {
  it('prints the CLI rejection exactly: header, error lines, usage, exit 255', () => {
    const r = fail(['qm', 'set', '100', '--bios', 'uefi']);
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toBe(
      "400 Parameter verification failed.\nbios: value 'uefi' does not have a value in the enumeration 'seabios, ovmf'\nqm set <vmid> [OPTIONS]\n",
    );
    expect(r.errors).toEqual(["bios: value 'uefi' does not have a value in the enumeration 'seabios, ovmf'"]);
  });

  it('rejects an unknown option name through Getopt, as "unable to parse option"', () => {
    const r = fail(['qm', 'set', '100', '--frobnicate', '1']);
    expect(r.stderr).toBe(
      'Unknown option: frobnicate\n400 unable to parse option\nqm set <vmid> [OPTIONS]\n',
    );
    expect(fail(['qm', 'set', '100', '--hostpci16', '01:00']).errors).toContain('Unknown option: hostpci16');
    expect(fail(['qm', 'set', '100', '--c', '1']).errors[0]).toMatch(/^Option c is ambiguous \(/);
  });

  it('rejects a VMID below 100 by its format', () => {
    const r = fail(['qm', 'create', '99']);
    expect(r.errors).toEqual(['vmid: invalid format - value does not look like a valid VM ID']);
    expect(r.stderr).toBe(
      '400 Parameter verification failed.\nvmid: invalid format - value does not look like a valid VM ID\n\nqm create <vmid> [OPTIONS]\n',
    );
  });

  it('rejects out-of-range numbers and wrong types', () => {
    expect(fail(['qm', 'set', '100', '--cores', '0']).errors).toEqual([
      'cores: value must have a minimum value of 1',
    ]);
    expect(fail(['qm', 'set', '100', '--sockets', 'two']).errors).toEqual([
      "sockets: type check ('integer') failed - got 'two'",
    ]);
    expect(fail(['qm', 'set', '100', '--memory', '8']).errors).toEqual([
      'memory: invalid format - format error',
      'memory.current: value must have a minimum value of 16',
    ]);
    expect(fail(['qm', 'start', '100', '--skiplock', 'maybe']).errors).toEqual([
      'unable to parse boolean option',
    ]);
  });

  it('rejects property-string keys hostpci does not have, bad enums and bad booleans in it', () => {
    expect(fail(['qm', 'set', '100', '--hostpci0', '0000:01:00,pcie=1,rom=1']).errors).toEqual([
      'hostpci0: invalid format - format error',
      'hostpci0.rom: property is not defined in schema and the schema does not allow additional properties',
    ]);
    expect(fail(['qm', 'set', '100', '--hostpci0', '0000:01:00,driver=nvidia']).errors[1]).toBe(
      "hostpci0.driver: value 'nvidia' does not have a value in the enumeration 'vfio, keep'",
    );
    expect(fail(['qm', 'set', '100', '--hostpci0', '0000:01:00,x-vga=maybe']).errors[1]).toBe(
      "hostpci0.x-vga: type check ('boolean') failed - got 'maybe'",
    );
    expect(fail(['qm', 'set', '100', '--hostpci0', '01:00.0.1']).errors[1]).toBe(
      'hostpci0.host: value does not match the regex pattern',
    );
    expect(fail(['qm', 'set', '100', '--hostpci0', '01:00,01:01']).errors).toEqual([
      'hostpci0: invalid format - duplicate key in comma-separated list property: host',
    ]);
  });

  it('rejects a container NIC without its required name, unknown features and a bad IP', () => {
    const tpl = 'local:vztmpl/x.tar.xz';
    expect(fail(['pct', 'create', '101', tpl, '--net0', 'bridge=vmbr0,ip=dhcp']).errors[1]).toBe(
      'net0.name: property is missing and it is not optional',
    );
    expect(fail(['pct', 'create', '101', tpl, '--features', 'nesting=1,docker=1']).errors[1]).toBe(
      'features.docker: property is not defined in schema and the schema does not allow additional properties',
    );
    expect(fail(['pct', 'create', '101', tpl, '--net0', 'name=eth0,ip=10.0.0.1']).errors[1]).toBe(
      'net0.ip: invalid format - value does not look like a valid ipv4 network configuration',
    );
    expect(fail(['pct', 'create', '101', tpl, '--ostype', 'windows']).errors[0]).toMatch(
      /^ostype: value 'windows' does not have/,
    );
  });

  it('rejects bad retention keys and values, storage ids and content types', () => {
    expect(fail(['vzdump', '--all', '1', '--prune-backups', 'keep-daily=-1']).errors[1]).toBe(
      'prune-backups.keep-daily: value must have a minimum value of 0',
    );
    expect(fail(['vzdump', '--all', '1', '--prune-backups', 'keep-days=7']).errors[1]).toMatch(
      /^prune-backups\.keep-days: property is not defined/,
    );
    expect(fail(['vzdump', '--all', '1', '--compress', 'xz']).errors[0]).toMatch(/^compress: value 'xz'/);
    expect(fail(['pvesm', 'add', 'zfspool', 'tank vm', '--pool', 'tank/vm']).errors).toEqual([
      "storage: invalid format - storage ID 'tank vm' contains illegal characters",
    ]);
    expect(fail(['pvesm', 'add', 'zfspool', 'tank-vm', '--content', 'images,movies']).errors).toEqual([
      "content: invalid format - invalid content type 'movies'",
    ]);
    expect(fail(['pvesm', 'add', 'zfs-pool', 'tank-vm']).errors[0]).toMatch(
      /^type: value 'zfs-pool' does not have/,
    );
  });

  it('rejects missing and extra positional arguments', () => {
    expect(fail(['qm', 'start']).stderr).toBe('400 not enough arguments\nqm start <vmid> [OPTIONS]\n');
    expect(fail(['qm', 'start', '100', '101']).errors).toEqual(['too many arguments']);
    expect(fail(['pvesm', 'add', 'zfspool']).errors).toEqual(['not enough arguments']);
  });

  it('rejects an API path pvesh has no handler for (exit 1) and invalid path parameters', () => {
    const r = fail(['pvesh', 'get', '/cluster/nonsense']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("No 'get' handler defined for '/cluster/nonsense'\n");
    expect(fail(['pvesh', 'get', '/nodes/bad_node/qemu']).errors).toEqual([
      'node: invalid format - value does not look like a valid node name',
    ]);
    expect(fail(['pvesh', 'get', '/cluster/resources', '--output-format', 'xml']).errors[0]).toMatch(
      /^output-format: value 'xml'/,
    );
  });

  it('tells a typo (unknown command, 255) from a real command it does not model (70)', () => {
    const typo = fail(['qm', 'strat', '100']);
    expect(typo.exitCode).toBe(255);
    expect(typo.stderr).toMatch(
      /^ERROR: unknown command 'qm strat'\nUSAGE: qm <COMMAND> \[ARGS\] \[OPTIONS\]\n/,
    );
    expect(fail(['qm', 'clone', '100', '101']).exitCode).toBe(70);
  });
});

describe('validatePveCommand: the schema file', () => {
  const saved = process.env['NIX_MOX_PVE_API'];
  let dir = '';
  afterEach(() => {
    if (saved === undefined) delete process.env['NIX_MOX_PVE_API'];
    else process.env['NIX_MOX_PVE_API'] = saved;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the schema named by NIX_MOX_PVE_API', () => {
    dir = mkdtempSync(join(tmpdir(), 'pve-api-'));
    const file = join(dir, 'apidata.json');
    const storage = { type: 'string', format: 'pve-storage-id' };
    const type = { type: 'string', enum: ['dir'] };
    writeFileSync(
      file,
      JSON.stringify([
        {
          path: '/storage',
          text: 'storage',
          info: { POST: { parameters: { properties: { storage, type } } } },
        },
      ]),
    );
    process.env['NIX_MOX_PVE_API'] = file;
    expect(validatePveCommand(['pvesm', 'add', 'dir', 'backup']).ok).toBe(true);
    expect(validatePveCommand(['pvesm', 'add', 'zfspool', 'backup'])).toMatchObject({ ok: false });
    expect(validatePveCommand(['pvesm', 'add', 'dir', 'backup', '--path', '/srv'])).toMatchObject({
      ok: false,
      errors: ['Unknown option: path', 'unable to parse option'],
    });
  });
});
