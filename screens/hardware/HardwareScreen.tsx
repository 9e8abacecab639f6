// The Hardware section: the detected machine as tabs (passthrough candidates, disks, machine, warnings),
// a movable cursor, and the selected row explained in plain words below the list.
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/useKeys';
import { useMemo, useState } from 'react';
import { wrap } from '../../src/host/report-text';
import { Footer, type KeyHint } from '../components/Footer';
import { useTerminalSize } from '../hooks/useTerminalSize';
import type { SectionScreenProps } from '../sections';
import { useWizard } from '../state';
import { color, symbols } from '../theme';
import { filterRows, hardwareTabs } from './model';

export const HARDWARE_HELP = [
  'What nix-mox found on this machine. Nothing on this screen changes anything.',
  `Passthrough: every GPU and USB controller with its IOMMU group. ${symbols.ok} isolated: the group holds only the device's own functions and PCI bridges, so it can be given to a VM. ${symbols.bad} shared: the group also holds other devices; groups are passed whole, so this one needs another slot or the opt-in ACS override. ? unknown: the IOMMU is off or its groups could not be read.`,
  'Disks: ■ system (the running system is on it), ▪ in use (partitions, file systems, pools or mounts), □ blank (can go into a new pool). Disks are named by /dev/disk/by-id.',
  'Machine: platform, boot loader, CPU, memory, IOMMU, pools, bridges, guests. Warnings: each problem with its fix.',
  'Keys: ←/→ or tab switch tabs (1-4 jump), ↑/↓ or j/k move, / filter, esc back, ? help.',
];

const DETAIL_LINES = 5;

export function HardwareScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const size = useTerminalSize();
  const tabs = useMemo(() => hardwareTabs(api.report), [api.report]);
  const [tabIndex, setTabIndex] = useState(0);
  const [cursor, setCursor] = useState(0);
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);

  const tab = tabs[tabIndex] ?? tabs[0]!;
  const rows = filterRows(tab.rows, filter);
  const selected = Math.min(cursor, Math.max(rows.length - 1, 0));

  const switchTab = (next: number) => {
    setTabIndex((next + tabs.length) % tabs.length);
    setCursor(0);
    setFilter('');
    setFiltering(false);
  };

  useKeys(
    (input, key) => {
      if (filtering) {
        if (key.escape) {
          setFilter('');
          setFiltering(false);
        } else if (key.return) setFiltering(false);
        else if (key.backspace || key.delete) setFilter((f) => f.slice(0, -1));
        else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow) {
          setFilter((f) => f + input);
          setCursor(0);
        }
        return;
      }
      if (key.escape) {
        if (filter !== '') setFilter('');
        else onBack();
      } else if (input === '?') api.showHelp('Hardware', HARDWARE_HELP);
      else if (key.tab && key.shift) switchTab(tabIndex - 1);
      else if (key.rightArrow || input === 'l' || key.tab) switchTab(tabIndex + 1);
      else if (key.leftArrow || input === 'h') switchTab(tabIndex - 1);
      else if (/^[1-4]$/.test(input)) switchTab(Number(input) - 1);
      else if (key.upArrow || input === 'k') setCursor(Math.max(selected - 1, 0));
      else if (key.downArrow || input === 'j')
        setCursor(Math.min(selected + 1, Math.max(rows.length - 1, 0)));
      else if (input === '/') setFiltering(true);
    },
    { isActive: api.inputActive },
  );

  const width = size.columns;
  const reserved =
    1 + 1 + 1 + 1 + DETAIL_LINES + 1 + 1 + (api.planOnlyReason ? 1 : 0) + (filtering || filter ? 1 : 0);
  const listHeight = Math.max(3, size.rows - reserved);
  const offset = selected < listHeight ? 0 : selected - listHeight + 1;
  const visible = rows.slice(offset, offset + listHeight);
  const current = rows[selected];
  const detail = (current?.detail ?? []).flatMap((p) => wrap(p, width - 1, ' '));
  const shownDetail = detail.slice(0, DETAIL_LINES);
  if (detail.length > DETAIL_LINES) shownDetail[DETAIL_LINES - 1] = `${shownDetail[DETAIL_LINES - 1]} …`;
  const position = rows.length > listHeight ? ` ${selected + 1}/${rows.length} ` : '';

  const hints: KeyHint[] = filtering
    ? [
        { keys: 'type', label: 'filter' },
        { keys: 'enter', label: 'done' },
        { keys: 'esc', label: 'clear' },
      ]
    : [
        { keys: '←→', label: 'tabs' },
        { keys: '↑↓/jk', label: 'move' },
        { keys: '/', label: 'filter' },
        { keys: '?', label: 'help' },
        { keys: 'esc', label: 'back' },
      ];

  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box>
        {tabs.map((t, i) => (
          <Text
            key={t.id}
            bold={i === tabIndex}
            inverse={i === tabIndex}
            color={i === tabIndex ? color('accent') : undefined}
          >
            {i === tabIndex ? `[${t.title}]` : ` ${t.title} `}
            {i < tabs.length - 1 ? ' ' : ''}
          </Text>
        ))}
      </Box>
      {filtering || filter ? (
        <Text>
          / {filter}
          {filtering ? '▏' : ''}{' '}
          <Text dimColor>
            ({rows.length} of {tab.rows.length})
          </Text>
        </Text>
      ) : null}
      <Box flexDirection="column" height={listHeight}>
        {visible.length === 0 ? (
          <Text dimColor>{filter ? `Nothing matches "${filter}".` : tab.empty}</Text>
        ) : (
          visible.map((row, i) => {
            const isSel = offset + i === selected;
            return (
              <Text
                key={row.key}
                wrap="truncate-end"
                bold={isSel}
                color={isSel ? color('accent') : undefined}
              >
                {isSel ? symbols.pointer : ' '} <Text color={color(row.tone)}>{row.marker}</Text> {row.label}
              </Text>
            );
          })
        )}
      </Box>
      <Text dimColor wrap="truncate-end">
        {`──${position}${'─'.repeat(Math.max(0, width - 2 - position.length))}`}
      </Text>
      <Box flexDirection="column" height={DETAIL_LINES}>
        {shownDetail.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: wrapped lines of one text
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))}
      </Box>
      <Footer hints={hints} />
    </Box>
  );
}
