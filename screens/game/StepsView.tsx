// The steps as they run: finished steps fold to one line each, the running one shows a spinner, its elapsed
// time, its last lines and a heartbeat when it is quiet; the list is cut to fit the terminal.
import { Box, Text } from 'ink';
import { color, symbols } from '../theme';
import { type StepView, cleanLine, formatElapsed } from './run-model';

const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function StepLine({ step, now }: { step: StepView; now: number }) {
  switch (step.state) {
    case 'done':
      return (
        <Text wrap="truncate-end">
          <Text color={color('ok')}>{symbols.ok}</Text> {step.title}{' '}
          <Text dimColor>({formatElapsed(step.ms ?? 0)})</Text>
        </Text>
      );
    case 'failed':
      return (
        <Text color={color('bad')} wrap="truncate-end">
          {symbols.bad} {step.title} (failed, exit {step.code ?? '?'})
        </Text>
      );
    case 'skipped':
      return (
        <Text dimColor wrap="truncate-end">
          ↷ {step.title} (skipped: {step.error})
        </Text>
      );
    case 'running':
      return (
        <Text wrap="truncate-end">
          <Text color={color('accent')}>{spinner[Math.floor(now / 100) % spinner.length]}</Text>{' '}
          <Text bold>{step.title}</Text> <Text dimColor>{formatElapsed(now - (step.startedAt ?? now))}</Text>
        </Text>
      );
    default:
      return (
        <Text dimColor wrap="truncate-end">
          {symbols.todo} {step.title}
        </Text>
      );
  }
}

export function StepsView({
  steps,
  now,
  rows,
  width,
}: {
  steps: StepView[];
  now: number;
  rows: number;
  width: number;
}) {
  const running = steps.find((s) => s.state === 'running');
  const focus = Math.max(
    0,
    steps.findIndex((s) => s.state === 'running' || s.state === 'failed' || s.state === 'pending'),
  );
  const tail = running ? running.tail.map(cleanLine) : [];
  const budget = Math.max(3, rows - tail.length - 4);
  const before = Math.min(focus, Math.max(1, Math.floor(budget / 3)));
  let first = focus - before;
  const last = Math.min(steps.length, first + budget);
  first = Math.max(0, Math.min(first, last - budget));
  const hiddenDone = first;
  const hiddenAfter = steps.length - last;
  return (
    <Box flexDirection="column" width={width}>
      {hiddenDone > 0 ? (
        <Text dimColor>
          {symbols.ok} {hiddenDone} earlier step{hiddenDone === 1 ? '' : 's'} done
        </Text>
      ) : null}
      {steps.slice(first, last).map((s) => (
        <Box key={s.id} flexDirection="column">
          <StepLine step={s} now={now} />
          {s.state === 'running' ? (
            <Box flexDirection="column" marginLeft={2}>
              {tail.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a tail is positional
                <Text key={i} dimColor wrap="truncate-end">
                  {line}
                </Text>
              ))}
              {s.quietMs >= 2000 ? (
                <Text color={color('warn')}>
                  … still running, no output for {formatElapsed(s.quietMs)} (installers are often quiet)
                </Text>
              ) : null}
              {s.logPath ? (
                <Text dimColor wrap="truncate-middle">
                  log: {s.logPath}
                </Text>
              ) : null}
            </Box>
          ) : null}
        </Box>
      ))}
      {hiddenAfter > 0 ? (
        <Text dimColor>
          {symbols.todo} {hiddenAfter} more step{hiddenAfter === 1 ? '' : 's'}
        </Text>
      ) : null}
    </Box>
  );
}
