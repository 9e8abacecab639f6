// The block splice at the edges, the staging area the script reads, and the Plan step.
import { describe, expect, it } from 'vitest';
import type { Answers, BridgeConfig } from '../../src/answers/schema';
import { NETWORK_APPLY_STEP_ID, networkConfirmScript } from '../../src/network/apply';
import { renderBlock, renderStanza, spliceBlock } from '../../src/network/block';
import { generateNetworkFiles } from '../../src/network/generate';
import { isNetworkStagePath, redirectSources, sha256, STAGE_ROOT } from '../../src/network/stage';
import { networkStepStage, networkSteps } from '../../src/network/steps';
import { sampleAnswers } from '../helpers/sample';
import { loadHost } from './fixtures';

const block = renderBlock([
  renderStanza('vmbr1', { enabled: true, port: 'eth1', address: 'manual', cidr: null, gateway: null }),
]);

describe('spliceBlock', () => {
  it('adds a newline to a last line that has none, then the block after one blank line', () => {
    expect(spliceBlock('/x', 'auto lo', block)).toBe(`auto lo\n\n${block}`);
    expect(spliceBlock('/x', '', block)).toBe(`\n${block}`);
  });

  it('replaces a block in the middle of a file in place, leaving the lines after it alone', () => {
    const text = `auto lo\n\n${renderBlock([])}iface eth9 inet manual\n`;
    expect(spliceBlock('/x', text, block)).toBe(`auto lo\n\n${block}iface eth9 inet manual\n`);
    expect(spliceBlock('/x', text, null)).toBe('auto lo\niface eth9 inet manual\n');
  });

  it('renders static IPv6 as inet6 with the gateway', () => {
    const cfg: BridgeConfig = {
      enabled: true,
      port: null,
      address: 'static',
      cidr: '2001:db8::1/64',
      gateway: '2001:db8::fffe',
    };
    expect(renderStanza('vmbr2', cfg)).toBe(
      'auto vmbr2\niface vmbr2 inet6 static\n\taddress 2001:db8::1/64\n\tgateway 2001:db8::fffe\n\tbridge-ports none\n\tbridge-stp off\n\tbridge-fd 0\n#Management network (admin PC) (nix-mox)\n',
    );
  });
});

const withBridges = (vmbr1: BridgeConfig, vmbr2: BridgeConfig): Answers => ({
  ...sampleAnswers(),
  network: { vmbr1, vmbr2 },
});
const on = (port: string | null, cidr: string | null = null): BridgeConfig => ({
  enabled: true,
  port,
  address: cidr ? 'static' : 'manual',
  cidr,
  gateway: null,
});
const off: BridgeConfig = { enabled: false, port: null, address: 'manual', cidr: null, gateway: null };

describe('the staging area', () => {
  const host = loadHost('sources-dir');
  const files = generateNetworkFiles(withBridges(on('nic1'), on(null, '10.30.0.1/24')), host);
  const byPath = new Map(files.stage.map((e) => [e.path.slice(files.stageDir.length + 1), e]));

  it('lives in a directory named by the change, with a manifest that pins what the plan expects', () => {
    expect(files.stageDir).toMatch(new RegExp(`^${STAGE_ROOT}/[0-9a-f]{16}$`));
    expect(files.stage.every((e) => isNetworkStagePath(e.path) && e.mode === 0o600)).toBe(true);
    expect(byPath.get('manifest')!.content).toBe('/etc/network/interfaces.d/nix-mox\tfiles/1\t-\n');
    expect(byPath.get('files/1')!.content).toBe(files.targets[0]!.after);
  });

  it('mirrors every file ifupdown2 reads into check/root, with source lines pointing inside it', () => {
    const main = byPath.get('check/root/etc/network/interfaces')!.content;
    expect(main).toContain(`source ${files.stageDir}/check/root/etc/network/interfaces.d/*\n`);
    expect(main).not.toContain('source /etc/network/interfaces.d/*');
    expect(byPath.get('check/root/etc/network/interfaces.d/storage')!.content).toBe(host.files[1]!.content);
    expect(byPath.get('check/root/etc/network/interfaces.d/nix-mox')!.content).toBe(files.targets[0]!.after);
  });

  it('is byte-stable and sorted', () => {
    const again = generateNetworkFiles(
      withBridges(on('nic1'), on(null, '10.30.0.1/24')),
      loadHost('sources-dir'),
    );
    expect(again.stage).toEqual(files.stage);
    const paths = files.stage.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
  });

  it('pins the current content by sha256 when the target exists', () => {
    const fresh = loadHost('fresh');
    const r = generateNetworkFiles(withBridges(on('enp6s0'), off), fresh);
    const manifest = r.stage.find((e) => e.path.endsWith('/manifest'))!.content;
    expect(manifest).toBe(`/etc/network/interfaces\tfiles/1\t${sha256(fresh.files[0]!.content)}\n`);
  });

  it('redirects relative and indented source lines too, and nothing else', () => {
    expect(
      redirectSources(
        '  source interfaces.d/*\n# source /x\niface a inet manual\n',
        '/etc/network/interfaces',
        '/S',
      ),
    ).toBe('  source /S/etc/network/interfaces.d/*\n# source /x\niface a inet manual\n');
  });
});

describe('networkSteps', () => {
  it('is one step with risk N, the countdown in its title, and the script argv', () => {
    const files = generateNetworkFiles(
      withBridges(on('enp6s0'), on(null, '10.10.10.1/24')),
      loadHost('fresh'),
    );
    const [step, ...rest] = networkSteps(files);
    expect(rest).toEqual([]);
    expect(step).toMatchObject({ id: NETWORK_APPLY_STEP_ID, risk: ['N'], root: true });
    expect(step!.title).toBe('Apply bridges vmbr1, vmbr2: confirm within 60 s or it reverts');
    expect(step!.argv).toEqual([
      networkConfirmScript(),
      'apply',
      '--timeout',
      '60',
      '--grace',
      '5',
      files.stageDir,
    ]);
    expect(step!.timeoutMs).toBeGreaterThan(65_000);
    expect(networkStepStage(step!)).toEqual({ stageDir: files.stageDir, root: undefined });
  });

  it('names removed bridges, honours a custom countdown and a staging root', () => {
    const host = loadHost('fresh');
    host.files[0]!.content +=
      '\n# BEGIN nix-mox bridges\nauto vmbr1\niface vmbr1 inet manual\n\tbridge-ports enp6s0\n# END nix-mox bridges\n';
    const files = generateNetworkFiles(withBridges(off, off), host);
    const [step] = networkSteps(files, { countdownS: 90, root: '/tmp/stage-root' });
    expect(step!.title).toBe('Remove bridges vmbr1: confirm within 90 s or it reverts');
    expect(step!.argv).toContain('--root');
    expect(step!.argv!.slice(-3)).toEqual(['--root', '/tmp/stage-root', files.stageDir]);
    expect(networkStepStage(step!)).toEqual({ stageDir: files.stageDir, root: '/tmp/stage-root' });
  });

  it('is empty when nothing changes, and on a machine that is not a Proxmox host', () => {
    expect(networkSteps(generateNetworkFiles(withBridges(off, off), loadHost('fresh')))).toEqual([]);
    const nixos = withBridges(on('enp6s0'), off);
    nixos.machine = { ...nixos.machine, role: 'nixos' };
    expect(generateNetworkFiles(nixos, loadHost('fresh')).changed).toBe(false);
  });
});
