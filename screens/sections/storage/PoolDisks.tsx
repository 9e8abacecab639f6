// Disks for the new pool: free disks toggle; a disk that holds something needs its by-id name typed; system
// disks are listed with why they can never be used.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { HostReport } from '../../../src/host/types';
import { humanSize } from '../../../src/wizard/status';
import { type DiskOffer, byIdName, checkTypedDisk, diskOffers } from '../../../src/wizard/storage';
import { Choice } from '../../components/Choice';
import { Footer } from '../../components/Footer';
import { TextField, textFieldHints } from '../../components/TextField';
import { color, symbols } from '../../theme';

const kindOf = (o: DiskOffer) =>
  o.disk.transport === 'nvme'
    ? 'NVMe'
    : o.disk.rotational
      ? 'HDD'
      : o.disk.rotational === false
        ? 'SSD'
        : 'disk';

export function PoolDisks({
  report,
  chosen,
  isActive,
  onChange,
  onBack,
}: {
  report: HostReport;
  chosen: string[];
  isActive: boolean;
  onChange(disks: string[]): void;
  onBack(): void;
}) {
  const offers = diskOffers(report);
  const [confirming, setConfirming] = useState<DiskOffer | null>(null);
  const [last, setLast] = useState<string | undefined>(undefined);

  if (confirming && confirming.kind === 'in-use') {
    return (
      <Box flexDirection="column">
        <Text bold color={color('accent')}>
          Storage › New pool › Disks › {confirming.disk.name}
        </Text>
        <Text color={color('warn')} wrap="wrap">
          {symbols.warn} {confirming.disk.name} {confirming.reason}. Creating the pool destroys everything on
          it.
        </Text>
        <TextField<string>
          label="Disk confirmation"
          initial=""
          check={(raw) => checkTypedDisk(confirming, raw)}
          hint={`type ${byIdName(confirming.byId)} to use this disk`}
          isActive={isActive}
          onSubmit={(byId) => {
            onChange([...chosen, byId]);
            setConfirming(null);
          }}
          onCancel={() => setConfirming(null)}
        />
        <Footer hints={textFieldHints} />
      </Box>
    );
  }

  const toggle = (key: string) => {
    const offer = offers.find((o) => o.disk.path === key);
    if (!offer || offer.kind === 'never') return;
    setLast(key);
    if (chosen.includes(offer.byId)) onChange(chosen.filter((d) => d !== offer.byId));
    else if (offer.kind === 'in-use') setConfirming(offer);
    else onChange([...chosen, offer.byId]);
  };

  return (
    <Box flexDirection="column">
      <Text bold color={color('accent')}>
        Storage › New pool › Disks
      </Text>
      <Choice<string>
        options={offers.map((o) => ({
          value: o.disk.path,
          label: `${o.disk.name} ${kindOf(o)} ${humanSize(o.disk.sizeBytes)}`,
          detail: o.kind === 'never' ? o.reason : byIdName(o.byId),
          checked: o.kind !== 'never' && chosen.includes(o.byId),
          disabled: o.kind === 'never' ? `${o.disk.name} is never offered: ${o.reason}` : null,
          note:
            o.kind === 'in-use'
              ? `${o.disk.name} ${o.reason}: to use it, choose it and type its by-id name.`
              : o.kind === 'free'
                ? `${o.disk.model ?? 'disk'} ${o.disk.serial ?? ''}: holds nothing.`
                : undefined,
        }))}
        initial={last}
        isActive={isActive}
        filterable
        onChoose={toggle}
        onToggle={toggle}
        onCancel={onBack}
      />
      <Text>{chosen.length} disks chosen</Text>
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'space/enter', label: 'toggle' },
          { keys: '/', label: 'filter' },
          { keys: 'esc', label: 'done' },
        ]}
      />
    </Box>
  );
}
