// Pre-flight: each check with pass/warn/fail (a symbol and a word, never colour alone), what was found, and
// for anything not passing the concrete fix: a NixOS setting on NixOS, a package elsewhere.
import { Box, Text } from 'ink';
import type { CheckResult, PreflightReport } from '../../src/game/types';
import { Footer } from '../components/Footer';
import { color, symbols } from '../theme';

const look = {
  pass: { sym: symbols.ok, word: 'ok', tone: 'ok' },
  warn: { sym: symbols.warn, word: 'warning', tone: 'warn' },
  fail: { sym: symbols.bad, word: 'FAIL', tone: 'bad' },
} as const;

function FixLine({ check }: { check: CheckResult }) {
  if (!check.fix) return null;
  const where = check.fix.kind === 'nixos' ? 'NixOS' : check.fix.kind === 'package' ? 'install' : 'fix';
  return (
    <Text wrap="wrap">
      {'      '}
      <Text dimColor>{where}:</Text> {check.fix.text}
    </Text>
  );
}

/** The keys (handled by the wizard): ↑↓/jk move, enter continues, r checks again, ? help, q quits. */
export function PreflightView(props: { report: PreflightReport | null; cursor: number; rows: number }) {
  const { cursor } = props;
  const checks = props.report?.checks ?? [];
  if (!props.report) {
    return (
      <Box flexDirection="column">
        <Text>Checking Wine, winetricks, Vulkan, graphics drivers, limits and disk…</Text>
        <Footer hints={[{ keys: 'q', label: 'quit' }]} />
      </Box>
    );
  }
  const notPassing = checks.filter((c) => c.status !== 'pass').length;
  // Fixes for every check when they fit; otherwise only for the check under the cursor.
  const allFixes = checks.length + notPassing + 6 <= props.rows;
  const counts = (['pass', 'warn', 'fail'] as const).map(
    (s) => `${checks.filter((c) => c.status === s).length} ${look[s].word}`,
  );
  return (
    <Box flexDirection="column">
      <Text>
        Pre-flight on {props.report.nixos ? 'NixOS' : 'this Linux'}: {counts.join(', ')}
      </Text>
      {checks.map((c, i) => {
        const l = look[c.status];
        const selected = i === cursor;
        return (
          <Box key={c.id} flexDirection="column">
            <Text wrap={selected ? 'wrap' : 'truncate-end'}>
              {selected ? symbols.pointer : ' '} <Text color={color(l.tone)}>{l.sym}</Text>{' '}
              <Text color={color(l.tone)}>{l.word.padEnd(7)}</Text>{' '}
              <Text bold={selected}>{c.title.padEnd(24)}</Text> {c.detail}
            </Text>
            {c.fix && (allFixes || selected) ? <FixLine check={c} /> : null}
          </Box>
        );
      })}
      <Footer
        hints={[
          { keys: 'enter', label: 'choose a game' },
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'r', label: 'check again' },
          { keys: '?', label: 'help' },
          { keys: 'q', label: 'quit' },
        ]}
      />
    </Box>
  );
}
