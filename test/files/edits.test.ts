// Edits of files the user owns: only nix-mox's arguments or block change, everything else stays byte for byte,
// and a second application changes nothing.
import { describe, expect, it } from 'vitest';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  editGrubDefault,
  editKernelArgs,
  editKernelCmdlineFile,
  editMarkedBlock,
  resolveContent,
} from '../../src/generate/edits';

describe('editKernelArgs', () => {
  it("appends missing arguments after the user's, keeping their spacing", () => {
    expect(editKernelArgs('root=ZFS=rpool/ROOT/pve-1  boot=zfs', ['iommu=pt'], [])).toBe(
      'root=ZFS=rpool/ROOT/pve-1  boot=zfs iommu=pt',
    );
    expect(editKernelArgs('', ['intel_iommu=on', 'iommu=pt'], [])).toBe('intel_iommu=on iommu=pt');
    expect(editKernelArgs('quiet   ', ['iommu=pt'], [])).toBe('quiet iommu=pt   ');
  });

  it('leaves an argument that is already there alone', () => {
    expect(editKernelArgs('iommu=pt quiet', ['iommu=pt'], [])).toBe('iommu=pt quiet');
  });

  it('replaces an argument with the same key in place', () => {
    expect(editKernelArgs('quiet iommu=soft splash', ['iommu=pt'], [])).toBe('quiet iommu=pt splash');
  });

  it('removes exactly the named arguments and their separating space', () => {
    const acs = 'pcie_acs_override=downstream,multifunction';
    expect(editKernelArgs(`quiet ${acs} splash`, [], [acs])).toBe('quiet splash');
    expect(editKernelArgs(`${acs} quiet`, [], [acs])).toBe('quiet');
    expect(editKernelArgs(`quiet ${acs}`, [], [acs])).toBe('quiet');
    expect(editKernelArgs('quiet pcie_acs_override=downstream', [], [acs])).toBe(
      'quiet pcie_acs_override=downstream',
    );
  });

  it('keeps quoted arguments with spaces as one argument', () => {
    expect(editKernelArgs('foo="a b" quiet', ['iommu=pt'], [])).toBe('foo="a b" quiet iommu=pt');
    expect(editKernelArgs('foo="a iommu=soft" quiet', ['iommu=pt'], [])).toBe(
      'foo="a iommu=soft" quiet iommu=pt',
    );
  });

  it('is idempotent', () => {
    const once = editKernelArgs('root=/dev/sda1 ro quiet', ['intel_iommu=on', 'iommu=pt'], ['x=1']);
    expect(editKernelArgs(once, ['intel_iommu=on', 'iommu=pt'], ['x=1'])).toBe(once);
  });
});

describe('/etc/kernel/cmdline', () => {
  it('edits the one line and keeps the line ending (or its absence)', () => {
    expect(editKernelCmdlineFile('root=ZFS=rpool/ROOT/pve-1 boot=zfs\n', ['iommu=pt'], [])).toBe(
      'root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt\n',
    );
    expect(editKernelCmdlineFile('root=ZFS=rpool/ROOT/pve-1 boot=zfs', ['iommu=pt'], [])).toBe(
      'root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt',
    );
  });
});

const GRUB = `# If you change this file, run 'update-grub' afterwards to update
# GRUB_CMDLINE_LINUX_DEFAULT="commented out"
GRUB_DEFAULT=0
GRUB_TIMEOUT=5
GRUB_DISTRIBUTOR="Proxmox VE"
GRUB_CMDLINE_LINUX_DEFAULT="quiet nomodeset"
GRUB_CMDLINE_LINUX=""
`;

describe('/etc/default/grub', () => {
  it('edits only the value of GRUB_CMDLINE_LINUX_DEFAULT; every other line is byte for byte the same', () => {
    const out = editGrubDefault(GRUB, ['intel_iommu=on', 'iommu=pt'], []);
    const before = GRUB.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length);
    after.forEach((line, i) => {
      if (before[i]!.startsWith('GRUB_CMDLINE_LINUX_DEFAULT=')) {
        expect(line).toBe('GRUB_CMDLINE_LINUX_DEFAULT="quiet nomodeset intel_iommu=on iommu=pt"');
      } else expect(line).toBe(before[i]);
    });
    expect(editGrubDefault(out, ['intel_iommu=on', 'iommu=pt'], [])).toBe(out);
  });

  it('keeps single quotes, and quotes an unquoted value that gains a second word', () => {
    expect(editGrubDefault("GRUB_CMDLINE_LINUX_DEFAULT='quiet'\n", ['iommu=pt'], [])).toBe(
      "GRUB_CMDLINE_LINUX_DEFAULT='quiet iommu=pt'\n",
    );
    expect(editGrubDefault('GRUB_CMDLINE_LINUX_DEFAULT=quiet # comment\n', ['iommu=pt'], [])).toBe(
      'GRUB_CMDLINE_LINUX_DEFAULT="quiet iommu=pt" # comment\n',
    );
  });

  it('edits the last active definition (the one GRUB uses)', () => {
    const text = 'GRUB_CMDLINE_LINUX_DEFAULT="quiet"\nGRUB_CMDLINE_LINUX_DEFAULT="splash"\n';
    expect(editGrubDefault(text, ['iommu=pt'], [])).toBe(
      'GRUB_CMDLINE_LINUX_DEFAULT="quiet"\nGRUB_CMDLINE_LINUX_DEFAULT="splash iommu=pt"\n',
    );
  });

  it('adds the variable when the file has none, and changes nothing when there is nothing to add', () => {
    expect(editGrubDefault('GRUB_TIMEOUT=5', ['iommu=pt'], [])).toBe(
      'GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT="iommu=pt"\n',
    );
    expect(editGrubDefault('GRUB_TIMEOUT=5\n', [], ['iommu=pt'])).toBe('GRUB_TIMEOUT=5\n');
  });
});

describe('marked block', () => {
  const user = '# my own options\noptions snd_hda_intel power_save=0\n';

  it("appends nix-mox's block after the user's lines and replaces it on the next edit", () => {
    const first = editMarkedBlock(user, 'options vfio-pci ids=10de:2504 disable_vga=1\n')!;
    expect(first).toBe(`${user}${BLOCK_BEGIN}\noptions vfio-pci ids=10de:2504 disable_vga=1\n${BLOCK_END}\n`);
    const second = editMarkedBlock(first, 'options vfio-pci ids=1002:73df disable_vga=1\n')!;
    expect(second.startsWith(user)).toBe(true);
    expect(second).toContain('ids=1002:73df');
    expect(second).not.toContain('ids=10de:2504');
    expect(editMarkedBlock(second, 'options vfio-pci ids=1002:73df disable_vga=1\n')).toBe(second);
  });

  it('keeps user lines after the block too', () => {
    const withAfter = `${user}${BLOCK_BEGIN}\nold\n${BLOCK_END}\n# after\n`;
    expect(editMarkedBlock(withAfter, 'new')).toBe(`${user}${BLOCK_BEGIN}\nnew\n${BLOCK_END}\n# after\n`);
  });

  it("an empty block removes nix-mox's lines and nothing else", () => {
    const first = editMarkedBlock(user, 'vfio\n')!;
    expect(editMarkedBlock(first, '')).toBe(user);
    expect(editMarkedBlock(user, '')).toBe(user);
  });

  it('creates the file only when there is something to put in it', () => {
    expect(editMarkedBlock(null, '')).toBeNull();
    expect(editMarkedBlock(null, 'vfio')).toBe(`${BLOCK_BEGIN}\nvfio\n${BLOCK_END}\n`);
    expect(editMarkedBlock('no newline at end', 'vfio')).toBe(
      `no newline at end\n${BLOCK_BEGIN}\nvfio\n${BLOCK_END}\n`,
    );
  });
});

describe('resolveContent', () => {
  it('never creates a kernel command line that does not exist', () => {
    const entry = {
      path: '/etc/kernel/cmdline',
      content: 'iommu=pt',
      mode: 0o644,
      owner: 'root:root',
      edit: { kind: 'kernel-cmdline' as const, ensure: ['iommu=pt'], remove: [] },
    };
    expect(resolveContent(entry, null)).toBeNull();
    expect(resolveContent(entry, 'root=/dev/sda1\n')).toBe('root=/dev/sda1 iommu=pt\n');
  });

  it('writes whole files as they are', () => {
    expect(resolveContent({ path: '/x', content: 'abc', mode: 0o644, owner: 'root' }, 'old')).toBe('abc');
  });
});
