// Which program starts the game: the .exe files the installer left, the known one first.
import { Box, Text } from 'ink';
import { relative } from 'node:path';
import { Choice } from '../components/Choice';
import { Footer } from '../components/Footer';
import { color, symbols } from '../theme';

export function ExeChoice(props: {
  prefix: string;
  ranked: string[];
  picked: string | null;
  rows: number;
  isActive: boolean;
  onPick(exe: string): void;
  onQuit(): void;
}) {
  if (props.ranked.length === 0) {
    return (
      <Box flexDirection="column">
        <Text color={color('bad')} wrap="wrap">
          {symbols.bad} The installer finished, but no program was found under {props.prefix}/drive_c outside
          the Windows folder. It may have failed without saying so: check its log, then set the game up again.
        </Text>
        <Footer hints={[{ keys: 'q', label: 'quit' }]} />
      </Box>
    );
  }
  const drive = `${props.prefix}/drive_c`;
  return (
    <Box flexDirection="column">
      <Text>Which program starts the game?</Text>
      <Choice
        options={props.ranked.map((p) => ({
          value: p,
          label: relative(drive, p),
          ...(p === props.picked ? { note: 'This is the program the game usually starts with.' } : {}),
        }))}
        {...(props.picked ? { initial: props.picked } : {})}
        maxRows={Math.max(4, props.rows - 6)}
        isActive={props.isActive}
        onChoose={props.onPick}
        onCancel={props.onQuit}
      />
      <Footer
        hints={[
          { keys: '↑↓/jk', label: 'move' },
          { keys: 'enter', label: 'choose' },
          { keys: 'esc', label: 'quit' },
        ]}
      />
    </Box>
  );
}
