// Service templates and infrastructure profiles for the NixOS machines, as NixOS modules.
// Ids match the fragments they select (fragments/services/<id>.nix, fragments/infrastructure/<id>.nix).
import { type Catalog, type CatalogItem, catalogItem, type OptionSetting, on } from './types';

const template = (
  id: string,
  group: string,
  label: string,
  summary: string,
  options: OptionSetting[],
  packages: string[] = [],
): CatalogItem => catalogItem(id, group, label, summary, { packages, options });

export const servicesCatalog: Catalog = {
  groups: [{ id: 'services', title: 'Services' }],
  items: [
    template('web-server', 'services', 'Web server', 'nginx (services.nginx)', [on('services.nginx.enable')]),
    template(
      'database',
      'services',
      'Database',
      'PostgreSQL (services.postgresql; version follows stateVersion)',
      [on('services.postgresql.enable')],
    ),
    template(
      'monitoring',
      'services',
      'Monitoring',
      'Prometheus with the node exporter, Grafana, Grafana Loki for logs, Grafana Alloy as the agent',
      [
        on('services.prometheus.enable'),
        on('services.prometheus.exporters.node.enable'),
        on('services.grafana.enable'),
        on('services.loki.enable'),
        on('services.alloy.enable'),
      ],
      ['grafana-loki', 'grafana-alloy'],
    ),
    template('load-balancer', 'services', 'Load balancer', 'HAProxy (services.haproxy)', [
      on('services.haproxy.enable'),
    ]),
  ],
};

const flakes: OptionSetting = {
  path: 'nix.settings.experimental-features',
  value: ['nix-command', 'flakes'],
};

export const infrastructureCatalog: Catalog = {
  groups: [{ id: 'infrastructure', title: 'Infrastructure profiles' }],
  items: [
    template(
      'ci-runner',
      'infrastructure',
      'CI runner',
      'A build machine for CI jobs: Docker, flakes, store garbage collection and optimisation',
      [
        on('virtualisation.docker.enable'),
        flakes,
        on('nix.gc.automatic'),
        on('nix.settings.auto-optimise-store'),
      ],
      ['git'],
    ),
    template(
      'production',
      'infrastructure',
      'Production',
      'Unattended upgrades, store garbage collection, SSH for administration',
      [
        on('system.autoUpgrade.enable'),
        on('nix.gc.automatic'),
        on('nix.settings.auto-optimise-store'),
        on('services.openssh.enable'),
      ],
    ),
    template(
      'development',
      'infrastructure',
      'Development',
      'Docker, nix-ld for foreign binaries, and the usual development tools',
      [on('virtualisation.docker.enable'), on('programs.nix-ld.enable'), flakes],
      ['git', 'gh', 'direnv', 'just', 'nodejs_22', 'neovim'],
    ),
  ],
};
