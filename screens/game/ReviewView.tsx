// The steps before they run: each with its risk tags, where the snapshots go, and what comes after.
import { Box, Text } from 'ink';
import { describeSnapshot } from '../../src/game/snapshot';
import type { SetupPlan } from '../../src/game/steps';
import type { GameSetup } from '../../src/game/types';
import { Footer } from '../components/Footer';
import { color } from '../theme';

/** The keys (handled by the wizard): enter starts, esc goes back. */
export function ReviewView(props: { setup: GameSetup; plan: SetupPlan; rows: number }) {
  const { setup, plan } = props;
  const first = plan.snapshots[0];
  const maxSteps = Math.max(3, props.rows - 9);
  const shown = plan.steps.slice(0, maxSteps);
  return (
    <Box flexDirection="column">
      <Text>
        {setup.name} · prefix <Text bold>{setup.prefix}</Text> ·{' '}
        {setup.runner === 'wine'
          ? `system Wine ${setup.tools.wine?.version ?? ''}`
          : 'Proton (GE-Proton via umu)'}
      </Text>
      {shown.map((s) => (
        <Text key={s.id} wrap="truncate-end">
          <Text color={color('muted')}>[{(s.risk.join('') || '-').padEnd(2)}]</Text> {s.title}
        </Text>
      ))}
      {plan.steps.length > shown.length ? (
        <Text dimColor> … {plan.steps.length - shown.length} more</Text>
      ) : null}
      <Text wrap="wrap" dimColor>
        Snapshots:{' '}
        {first?.kind === 'zfs'
          ? `ZFS snapshots of ${setup.zfsDataset} (e.g. ${describeSnapshot(first)})`
          : `copies beside the prefix (${first ? describeSnapshot(first).replace(/\/[^/]+$/, '/…') : '-'})`}
        ; a failed step is undone with one key. Then: the launcher, a menu entry, the Lutris entry.
      </Text>
      <Text dimColor>Risk: F writes files, N downloads, D ZFS.</Text>
      <Footer
        hints={[
          { keys: 'enter', label: 'start' },
          { keys: 'esc', label: 'back' },
        ]}
      />
    </Box>
  );
}
