// The apply-and-confirm countdown: the network has just changed; y keeps it, n reverts now, and doing nothing
// reverts when the countdown ends. Keys go to this view only while it is shown (isActive).
import { Box, Text } from 'ink';
import { useState } from 'react';
import { confirmNetworkApply, rejectNetworkApply } from '../../src/network/apply';
import { useKeys } from '../hooks/useKeys';
import { color, symbols } from '../theme';
import { Footer } from '../components/Footer';

export interface CountdownConfirmProps {
  /** What changed, e.g. "bridges vmbr1, vmbr2". */
  what: string;
  /** Seconds left and the whole countdown (from the step's `::progress DONE/TOTAL` lines). */
  left: number;
  total: number;
  /** Set once y or n was pressed: the view then waits for the step to finish. */
  answered: 'keep' | 'revert' | null;
  onKeep(): void;
  onRevert(): void;
  isActive: boolean;
  width?: number;
}

export function CountdownConfirm(p: CountdownConfirmProps) {
  useKeys(
    (input) => {
      if (p.answered) return;
      if (input === 'y' || input === 'Y') p.onKeep();
      else if (input === 'n' || input === 'N') p.onRevert();
    },
    { isActive: p.isActive },
  );
  const barWidth = Math.max(10, Math.min(40, (p.width ?? 60) - 20));
  const filled = p.total > 0 ? Math.round((barWidth * Math.max(0, p.left)) / p.total) : 0;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color('warn')} paddingX={1}>
      <Text bold>
        {symbols.warn} Network changed: {p.what}
      </Text>
      <Text wrap="wrap">
        Can you still reach this host? Keep the change only if this terminal still answers.
      </Text>
      {p.answered === 'keep' ? (
        <Text color={color('ok')}>{symbols.ok} Keeping the change…</Text>
      ) : p.answered === 'revert' ? (
        <Text color={color('warn')}>{symbols.warn} Restoring the previous configuration…</Text>
      ) : (
        <Text>
          Reverting in <Text bold>{Math.max(0, p.left)} s</Text> [{'#'.repeat(filled)}
          {'.'.repeat(barWidth - filled)}]
        </Text>
      )}
      <Text dimColor wrap="wrap">
        If the connection dropped, do nothing: the previous configuration comes back on its own, even if this
        session is gone.
      </Text>
      {p.answered ? null : (
        <Footer
          hints={[
            { keys: 'y', label: 'keep the change' },
            { keys: 'n', label: 'revert now' },
          ]}
        />
      )}
    </Box>
  );
}

export interface NetworkCountdownProps {
  /** From networkStepStage(step): where y and n leave their answer for scripts/network-confirm. */
  stageDir: string;
  root?: string;
  what: string;
  /** The step's latest progress event: done seconds of total. */
  done: number;
  total: number;
  isActive: boolean;
  width?: number;
}

/** The countdown wired to the running apply step: y writes STAGE/confirm, n writes STAGE/reject. */
export function NetworkCountdown(p: NetworkCountdownProps) {
  const [answered, setAnswered] = useState<'keep' | 'revert' | null>(null);
  return (
    <CountdownConfirm
      what={p.what}
      left={p.total - p.done}
      total={p.total}
      answered={answered}
      onKeep={() => {
        confirmNetworkApply(p.stageDir, p.root);
        setAnswered('keep');
      }}
      onRevert={() => {
        rejectNetworkApply(p.stageDir, p.root);
        setAnswered('revert');
      }}
      isActive={p.isActive}
      width={p.width}
    />
  );
}
