import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/answers/defaults';
import type { Answers } from '../../src/answers/schema';
import { gamingNeeds } from '../../src/catalog/gaming';
import { catalogs } from '../../src/catalog/index';
import { messagingCatalog } from '../../src/catalog/messaging';
import { itemRow } from '../../src/catalog/rows';
import { securityNix } from '../../src/catalog/security';
import { selectedNix } from '../../src/catalog/select';
import type { Catalog } from '../../src/catalog/types';
import { demoReport, nixosDesktop } from '../answers/fixtures';

interface Verified {
  verified: string;
  evidence: string;
  packages: Record<string, string>;
  options: Record<string, string>;
  retired: Record<string, string>;
}
const verified = JSON.parse(
  readFileSync(join(import.meta.dirname, 'nixpkgs-attrs.verified.json'), 'utf8'),
) as Verified;
const allCatalogs = Object.values(catalogs) as Catalog[];

/** Every answers selection at once, on both a Proxmox host and a NixOS desktop: the most the catalog can emit. */
function everything(report = demoReport()): Answers {
  const a = defaultAnswers(report);
  const pick = (c: Catalog) => c.items.filter((i) => !i.retired).map((i) => i.id);
  return {
    ...a,
    shells: pick(catalogs.shells) as Answers['shells'],
    messaging: pick(catalogs.messaging) as Answers['messaging'],
    gaming: pick(catalogs.gaming) as Answers['gaming'],
    services: pick(catalogs.services) as Answers['services'],
    infrastructure: pick(catalogs.infrastructure) as Answers['infrastructure'],
    security: {
      tailscale: { enabled: true, authKeyFile: '/run/secrets/tailscale-key' },
      infisical: { enabled: true, tokenFile: '/run/secrets/infisical-token' },
      sshHardening: true,
      firewall: true,
    },
  };
}

describe('the verified list', () => {
  it('is dated and points at its evidence', () => {
    expect(verified.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(verified.evidence).toContain('nixpkgs-facts.md');
    for (const [name, why] of [...Object.entries(verified.packages), ...Object.entries(verified.options)]) {
      expect(why, name).toMatch(
        /@[0-9a-f]{8}|all-packages|read 2026|freeform|declared|renamed|enum|mkOption/,
      );
    }
  });

  it('holds no name twice as both good and retired', () => {
    for (const name of Object.keys(verified.retired)) {
      expect(verified.packages[name], name).toBeUndefined();
      expect(verified.options[name], name).toBeUndefined();
    }
  });
});

describe('every name the catalog uses is verified and none is retired', () => {
  for (const catalog of allCatalogs) {
    for (const item of catalog.items) {
      it(`${item.group}/${item.id}`, () => {
        for (const p of [...item.packages, ...item.alternatives, ...item.unfree]) {
          expect(verified.packages, `package ${p} of ${item.id}`).toHaveProperty([p]);
          expect(verified.retired[p], `${p} is retired`).toBeUndefined();
        }
        for (const o of item.options) {
          expect(verified.options, `option ${o.path} of ${item.id}`).toHaveProperty([o.path]);
        }
        for (const gone of item.retired?.goneAttrs ?? []) expect(verified.retired).toHaveProperty([gone]);
      });
    }
  }

  for (const [name, report] of [
    ['a Proxmox host', demoReport()],
    ['a NixOS desktop', nixosDesktop()],
  ] as const) {
    it(`selectedNix with everything chosen on ${name}`, () => {
      const nix = selectedNix(everything(report), report);
      const emitted = [...nix.systemPackages, ...nix.unfree, ...Object.values(nix.devShells).flat()];
      for (const p of emitted) {
        expect(verified.packages, p).toHaveProperty([p]);
        expect(verified.retired[p], p).toBeUndefined();
      }
      for (const o of nix.options) {
        expect(verified.options, o.path).toHaveProperty([o.path]);
        expect(verified.retired[o.path], o.path).toBeUndefined();
      }
      expect(emitted).not.toContain('skypeforlinux');
      expect(emitted).not.toContain('loki');
      expect(emitted).not.toContain('alloy');
      expect(emitted).not.toContain('promtail');
    });
  }

  it('fails for a name that is not on the list (the check itself works)', () => {
    expect(() => expect(verified.packages).toHaveProperty(['whatsapp-for-linux'])).toThrow();
    expect(() => expect(verified.options).toHaveProperty(['hardware.opengl.enable'])).toThrow();
  });
});

describe('messaging catalog', () => {
  it('carries the whole DESIGN.md seed list, grouped primary/video/email/voice-and-chat', () => {
    const byGroup = Object.fromEntries(
      messagingCatalog.groups.map((g) => [
        g.id,
        messagingCatalog.items.filter((i) => i.group === g.id).map((i) => i.label),
      ]),
    );
    expect(byGroup).toEqual({
      primary: ['Signal', 'Telegram', 'Discord', 'Slack', 'Element', 'WhatsApp'],
      video: ['Zoom', 'Microsoft Teams', 'Skype'],
      email: ['Thunderbird', 'Evolution'],
      'voice-and-chat': ['Mumble', 'TeamSpeak', 'HexChat', 'WeeChat'],
    });
  });

  it('maps the moved apps to their current attributes', () => {
    const pkg = (id: string) => messagingCatalog.items.find((i) => i.id === id)?.packages;
    expect(pkg('teams')).toEqual(['teams-for-linux']);
    expect(pkg('whatsapp')).toEqual(['karere']);
    expect(pkg('teamspeak')).toEqual(['teamspeak6-client']);
    expect(messagingCatalog.items.find((i) => i.id === 'whatsapp')?.alternatives).toEqual(['zapzap']);
    expect(messagingCatalog.items.find((i) => i.id === 'whatsapp')?.unofficial).toMatch(
      /no official Linux client/,
    );
    expect(messagingCatalog.items.find((i) => i.id === 'teams')?.unofficial).toMatch(/macOS-only/);
  });

  it('keeps Skype as a retired row pointing to Teams, with nothing to install', () => {
    const skype = messagingCatalog.items.find((i) => i.id === 'skype')!;
    expect(skype.packages).toEqual([]);
    expect(skype.retired?.insteadId).toBe('teams');
    expect(skype.retired?.reason).toMatch(/May 2025/);
    const row = itemRow(skype);
    expect(row.disabledReason).toBe(
      'retired; use Microsoft Teams (teams-for-linux) instead. Microsoft shut Skype down in May 2025 and nixpkgs removed skypeforlinux',
    );
  });
});

describe('gaming', () => {
  it('prefers NixOS modules and the current Wine and Proton names', () => {
    const g = catalogs.gaming.items;
    const opt = (id: string) => g.find((i) => i.id === id)?.options.map((o) => o.path);
    expect(opt('steam')).toEqual(['programs.steam.enable']);
    expect(opt('gamemode')).toEqual(['programs.gamemode.enable']);
    expect(g.find((i) => i.id === 'steam')?.packages).toEqual([]);
    expect(g.find((i) => i.id === 'wine')?.packages).toContain('wineWow64Packages.stable');
    expect(g.find((i) => i.id === 'protonup-ng')?.packages).toEqual(['protonup-ng']);
    for (const label of ['Steam', 'Wine', 'Lutris', 'MangoHud', 'GameMode', 'DXVK', 'VKD3D']) {
      expect(g.map((i) => i.label)).toContain(label);
    }
  });

  it('needs 32-bit graphics and the NVIDIA driver on a NixOS desktop (open modules from Turing on)', () => {
    const report = nixosDesktop('2504');
    const needs = gamingNeeds(report, defaultAnswers(report));
    const paths = Object.fromEntries(needs.options.map((o) => [o.path, o.value]));
    expect(paths['hardware.graphics.enable32Bit']).toBe(true);
    expect(paths['services.pipewire.alsa.support32Bit']).toBe(true);
    expect(paths['services.xserver.videoDrivers']).toEqual(['nvidia']);
    expect(paths['hardware.nvidia.open']).toBe(true);
    expect(needs.unfreeDriver).toBe(true);
    const pascal = nixosDesktop('1b80');
    const old = gamingNeeds(pascal, defaultAnswers(pascal));
    expect(old.options.find((o) => o.path === 'hardware.nvidia.open')?.value).toBe(false);
  });

  it('on a Proxmox host the NixOS VM has no GPU unless the passthrough target is that VM', () => {
    const report = demoReport();
    const a = defaultAnswers(report);
    expect(gamingNeeds(report, a).lines.at(-1)).toMatch(/no GPU/);
    const toVm = { ...a, passthrough: { ...a.passthrough, targetVmid: a.guests.nixosVm.vmid } };
    expect(gamingNeeds(report, toVm).lines.at(-1)).toMatch(/NVIDIA/);
  });
});

describe('services, infrastructure and security', () => {
  it('monitoring uses grafana-loki and grafana-alloy, never loki/alloy/promtail', () => {
    const m = catalogs.services.items.find((i) => i.id === 'monitoring')!;
    expect(m.packages).toEqual(['grafana-loki', 'grafana-alloy']);
    expect(m.options.map((o) => o.path)).toEqual(
      expect.arrayContaining([
        'services.prometheus.enable',
        'services.grafana.enable',
        'services.loki.enable',
        'services.alloy.enable',
      ]),
    );
  });

  it('ids match the fragments: web-server, database, monitoring, load-balancer; ci-runner, production, development', () => {
    expect(catalogs.services.items.map((i) => i.id)).toEqual([
      'web-server',
      'database',
      'monitoring',
      'load-balancer',
    ]);
    expect(catalogs.infrastructure.items.map((i) => i.id)).toEqual([
      'ci-runner',
      'production',
      'development',
    ]);
  });

  it('security sets the key file option only by path, and the hardened sshd settings', () => {
    const nix = securityNix({
      tailscale: { enabled: true, authKeyFile: '/run/secrets/ts' },
      infisical: { enabled: false, tokenFile: null },
      sshHardening: true,
      firewall: false,
    });
    expect(nix.options).toEqual(
      expect.arrayContaining([
        { path: 'services.tailscale.authKeyFile', value: '/run/secrets/ts' },
        { path: 'services.openssh.settings.PasswordAuthentication', value: false },
        { path: 'networking.firewall.enable', value: false },
      ]),
    );
    expect(nix.packages).toEqual([]);
  });

  it('selectedNix is sorted, without duplicates, and lists unfree packages', () => {
    const nix = selectedNix(everything(), demoReport());
    expect(nix.systemPackages).toEqual([...new Set(nix.systemPackages)].sort());
    expect(nix.options.map((o) => o.path)).toEqual(
      [...nix.options.map((o) => o.path)].sort((a, b) => a.localeCompare(b)),
    );
    expect(nix.unfree).toEqual(
      expect.arrayContaining(['discord', 'slack', 'steam', 'zoom-us', 'teamspeak6-client']),
    );
    expect(Object.keys(nix.devShells)).toEqual(catalogs.shells.items.map((i) => i.id));
  });
});
