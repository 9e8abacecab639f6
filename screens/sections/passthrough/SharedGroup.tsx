// A device whose IOMMU group holds other devices cannot go alone: the whole group, the ACS override, or nothing.
import { Box, Text } from 'ink';
import type { HostReport } from '../../../src/host/types';
import {
  ACS_ARG,
  ACS_EXPLAINED,
  type Candidate,
  type ShareMode,
  pciName,
  shortAddress,
  wholeGroupCosts,
} from '../../../src/wizard/passthrough';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { chooseHints } from '../../components/hints';
import { color, symbols } from '../../theme';

export type SharedChoice = Exclude<ShareMode, 'alone'> | 'nothing';

export function SharedGroup({
  report,
  candidate,
  isActive,
  onChoose,
  onCancel,
}: {
  report: HostReport;
  candidate: Candidate;
  isActive: boolean;
  onChoose(choice: SharedChoice): void;
  onCancel(): void;
}) {
  const others = candidate.sharedWith.map((a) => `${shortAddress(a)} ${pciName(report, a)}`);
  const costs = wholeGroupCosts(report, candidate);
  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Passthrough › {shortAddress(candidate.address)} {candidate.name}
      </Text>
      <Text color={color('warn')} wrap="wrap">
        {symbols.warn} It shares IOMMU group {candidate.group} with {others.join(', ')}. A group cannot be
        split safely, so it cannot go to the VM alone.
      </Text>
      <Choice<SharedChoice>
        options={[
          {
            value: 'whole-group',
            label: 'Pass the whole group',
            detail: `${candidate.functions.length + candidate.sharedWith.length} devices`,
            note: [`The VM also gets ${others.join(', ')}; the host can no longer use them.`, ...costs].join(
              ' ',
            ),
          },
          {
            value: 'acs',
            label: 'Opt in to the ACS override',
            detail: ACS_ARG,
            note: ACS_EXPLAINED.join(' '),
          },
          { value: 'nothing', label: 'Leave it', note: 'Nothing from this group goes to the VM.' },
        ]}
        initial="nothing"
        isActive={isActive}
        onChoose={onChoose}
        onCancel={onCancel}
      />
      <Footer hints={chooseHints} />
    </Box>
  );
}
