import { Box, Text } from 'ink';
import { useKeys } from '../../screens/hooks/useKeys';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App';
import type { Section, SectionScreenProps } from '../../screens/sections';
import { useWizard } from '../../screens/state';
import type { Answers } from '../../src/answers/schema';
import { renderScreen, type Screen } from '../helpers/screen';
import { sampleAnswers, sampleReport } from '../helpers/sample';

function NameScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  useKeys(
    (input, key) => {
      if (key.escape) onBack();
      if (input === 'x') api.update((a) => ({ ...a, machine: { ...a.machine, hostname: 'changed' } }));
    },
    { isActive: api.inputActive },
  );
  return (
    <Box>
      <Text>Name screen: {api.answers.machine.hostname}</Text>
    </Box>
  );
}

const testSections: Section[] = [
  {
    id: 'name',
    title: 'Name',
    required: true,
    help: ['name help'],
    status: (s) =>
      s.answers.machine.hostname === 'changed'
        ? { kind: 'done', summary: 'hostname changed' }
        : { kind: 'missing', summary: 'hostname not chosen' },
    Screen: NameScreen,
  },
  {
    id: 'extras',
    title: 'Extras',
    required: false,
    help: [],
    status: () => ({ kind: 'optional', summary: 'nothing chosen' }),
    Screen: () => <Text>Extras screen</Text>,
  },
  {
    id: 'review',
    title: 'Review & apply',
    required: false,
    help: [],
    status: () => ({ kind: 'info', summary: 'ready' }),
    Screen: () => <Text>Review screen</Text>,
  },
];

let screen: Screen | null = null;
afterEach(() => {
  screen?.unmount();
  screen = null;
});

async function openHub(
  opts: {
    planOnly?: string | null;
    columns?: number;
    rows?: number;
    applied?: Answers | null;
    sections?: Section[];
  } = {},
) {
  const onExit = vi.fn();
  const save = vi.fn(() => true);
  screen = await renderScreen(
    <App
      report={sampleReport()}
      initialAnswers={sampleAnswers()}
      appliedAnswers={opts.applied ?? null}
      planOnlyReason={opts.planOnly ?? null}
      save={save}
      onExit={onExit}
      sections={opts.sections ?? testSections}
    />,
    { columns: opts.columns ?? 100, rows: opts.rows ?? 30 },
  );
  return { screen, onExit, save };
}

const cursorLine = (frame: string) => frame.split('\n').find((l) => l.includes('›')) ?? '';

describe('hub', () => {
  it('shows the title bar with host name and machine kind, sections with status, and the footer', async () => {
    const { screen } = await openHub();
    const f = screen.frame();
    expect(f).toContain('nix-mox · pve-test');
    expect(f).toContain('Proxmox VE 9.1.2 · systemd-boot');
    expect(f).toMatch(/Name\s+! hostname not chosen/);
    expect(f).toMatch(/Extras\s+· nothing chosen/);
    expect(f).toContain('enter open');
    expect(f).toContain('q quit');
  });

  it('blocks Review & apply while a required section is missing, and opens it once complete', async () => {
    const { screen, save } = await openHub();
    expect(screen.frame()).toMatch(/Review & apply\s+✗ blocked: complete Name/);
    await screen.press('up');
    expect(cursorLine(screen.frame())).toContain('Review & apply');
    expect(await screen.pressNoChange('enter')).not.toContain('Review screen');
    await screen.press('j');
    await screen.press('enter');
    await screen.press('x');
    expect(save).toHaveBeenCalledTimes(1);
    await screen.press('escape');
    expect(screen.frame()).toMatch(/Name\s+✓ hostname changed/);
    await screen.press('k');
    expect(await screen.press('enter')).toContain('Review screen');
  });

  it('moves with arrows and j/k, wrapping around', async () => {
    const { screen } = await openHub();
    expect(cursorLine(screen.frame())).toContain('Name');
    expect(cursorLine(await screen.press('down'))).toContain('Extras');
    expect(cursorLine(await screen.press('j'))).toContain('Review');
    expect(cursorLine(await screen.press('j'))).toContain('Name');
    expect(cursorLine(await screen.press('k'))).toContain('Review');
    expect(cursorLine(await screen.press('up'))).toContain('Extras');
  });

  it('opens a section with enter and comes back with esc', async () => {
    const { screen } = await openHub();
    expect(await screen.press('enter')).toContain('Name screen: pve-test');
    expect(screen.frame()).not.toContain('q quit');
    expect(await screen.press('escape')).toContain('q quit');
  });

  it('shows help with ? and closes it with esc or ?', async () => {
    const { screen } = await openHub();
    expect(await screen.press('?')).toContain('Help: the hub');
    expect(await screen.press('escape')).not.toContain('Help: the hub');
    await screen.press('?');
    expect(await screen.press('?')).not.toContain('Help: the hub');
  });

  it('asks before quitting: n stays, y leaves with 0', async () => {
    const { screen, onExit } = await openHub();
    expect(await screen.press('q')).toContain('Quit nix-mox?');
    expect(await screen.press('n')).not.toContain('Quit nix-mox?');
    await screen.press('q');
    screen.stdin.write('y');
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledWith(0));
  });

  it('handles Ctrl-C itself: asks, and a second Ctrl-C leaves with 130', async () => {
    const { screen, onExit } = await openHub();
    expect(await screen.press('ctrlC')).toContain('Quit nix-mox?');
    screen.stdin.write('\u0003');
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledWith(130));
  });

  it('says plan only on a machine it will not change', async () => {
    const { screen } = await openHub({ planOnly: 'this machine is Debian GNU/Linux 12, not a Proxmox host' });
    expect(screen.frame()).toContain('Plan only: this machine is Debian GNU/Linux 12');
    expect(screen.frame()).toContain('plan only');
  });

  it('shows a too-small view below 60x20 and comes back on resize', async () => {
    const { screen } = await openHub();
    await screen.resize(50, 15);
    expect(await screen.waitFor('Terminal too small')).toContain('50x15');
    await screen.resize(100, 30);
    expect(await screen.waitFor('nix-mox · pve-test')).not.toContain('Terminal too small');
  });

  it('does not rely on colour: NO_COLOR output carries the same markers', async () => {
    vi.stubEnv('NO_COLOR', '1');
    const { screen } = await openHub();
    expect(screen.frame()).toMatch(/! hostname not chosen/);
    expect(screen.frame()).toMatch(/✗ blocked/);
    vi.unstubAllEnvs();
  });

  it('marks the sections that changed since the last apply', async () => {
    const applied = sampleAnswers();
    applied.machine.hostname = 'old-name';
    const machine: Section = { ...testSections[0]!, id: 'machine', title: 'Machine' };
    const { screen } = await openHub({ applied, sections: [machine, testSections[1]!] });
    expect(screen.frame()).toMatch(/Machine\s+! hostname not chosen \(changed since last apply\)/);
    expect(screen.frame()).not.toMatch(/Extras.*changed since last apply/);
  });

  it('q leaves at once from the too-small view', async () => {
    const { screen, onExit } = await openHub();
    await screen.resize(40, 10);
    await screen.waitFor('Terminal too small');
    screen.stdin.write('q');
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledWith(0));
  });
});
