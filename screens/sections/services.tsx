// Services (web server, database, monitoring, load balancer) and infrastructure profiles, in one grouped list.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { infrastructureCatalog, servicesCatalog } from '../../src/catalog/index';
import { catalogRows, chosenLabels } from '../../src/catalog/rows';
import { CheckList, checkListHints, filterHints } from '../components/CheckList';
import { Footer } from '../components/Footer';
import { useCheckListKeys, useCheckListState } from '../hooks/useCheckList';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color } from '../theme';

const HELP = [
  'Services run on the NixOS machines through their NixOS modules: nginx, PostgreSQL, Prometheus with Grafana, Loki and Alloy, HAProxy.',
  'Infrastructure profiles set a machine up for a purpose: a CI runner (Docker, flakes, store clean-up), production (unattended upgrades, SSH) or development (Docker, nix-ld, tools).',
  'Monitoring uses grafana-loki and grafana-alloy: the nixpkgs names loki and alloy are unrelated programs, and promtail is gone.',
  'Keys: ↑/↓ or j/k move, space toggles, a chooses all in the focused group (again clears), / filters, esc goes back to the hub.',
];

const groups = [...servicesCatalog.groups, ...infrastructureCatalog.groups];
const rows = [...catalogRows(servicesCatalog), ...catalogRows(infrastructureCatalog)];
const serviceIds = new Set(servicesCatalog.items.map((i) => i.id));

function ServicesScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const size = useTerminalSize();
  const { services, infrastructure } = api.answers;
  // One array per change of the answers, so the list can tell a new selection from a re-render.
  const selected = useMemo(() => [...services, ...infrastructure], [services, infrastructure]);
  const list = useCheckListState({
    items: rows,
    groups,
    selected,
    onChange: (ids) =>
      api.update((a) => ({
        ...a,
        services: ids.filter((id) => serviceIds.has(id)) as typeof a.services,
        infrastructure: ids.filter((id) => !serviceIds.has(id)) as typeof a.infrastructure,
      })),
    height: Math.max(4, size.rows - 11),
  });
  useCheckListKeys(list, {
    isActive: api.inputActive,
    onBack,
    onHelp: () => api.showHelp(servicesSection.title, HELP),
  });
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Services and templates
      </Text>
      <CheckList state={list} />
      <Footer hints={list.filtering ? filterHints : checkListHints({ groups: true })} />
    </Box>
  );
}

export const servicesSection: Section = {
  id: 'services',
  title: 'Services',
  required: false,
  status: (state) => {
    const services = chosenLabels(servicesCatalog, state.answers.services);
    const profiles = chosenLabels(infrastructureCatalog, state.answers.infrastructure);
    if (services.length + profiles.length === 0) return { kind: 'optional', summary: 'none chosen' };
    const parts = [
      services.length ? services.join(', ') : 'no services',
      profiles.length ? `profile: ${profiles.join(', ')}` : 'no profile',
    ];
    return { kind: 'done', summary: parts.join(' · ') };
  },
  help: HELP,
  Screen: ServicesScreen,
};
