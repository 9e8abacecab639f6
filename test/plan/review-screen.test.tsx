// The review screen on the demo host's plan: steps with risk tags and a legend, diffs, disks, reboot, notes, the
// typed confirmation of the new pool, and apply handed to onApply. Also the hub section wrapper.
import { describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../src/commands/context';
import type { BuiltPlan } from '../../src/plan/build';
import { ReviewScreen } from '../../screens/review/ReviewScreen';
import { ReviewApplyContext } from '../../screens/review/apply-context';
import { reviewSection } from '../../screens/sections/review';
import { sectionList } from '../../screens/section-list';
import { WizardContext, type WizardApi } from '../../screens/state';
import { renderScreen } from '../helpers/screen';
import { buildCase } from '../golden/cases';

const demo = buildCase('demo');
const built: BuiltPlan = { files: demo.files, current: demo.current, plan: demo.plan };

function screen(over: Partial<Parameters<typeof ReviewScreen>[0]> = {}) {
  const onApply = vi.fn();
  const onBack = vi.fn();
  const onHelp = vi.fn();
  const el = (
    <ReviewScreen
      result={{ ok: true, built }}
      heading="nix-mox plan for pve"
      planOnlyReason={null}
      columns={100}
      rows={30}
      isActive={true}
      onBack={onBack}
      onHelp={onHelp}
      onApply={onApply}
      {...over}
    />
  );
  return { el, onApply, onBack, onHelp };
}

describe('review screen', () => {
  it('lists the steps with risk tags, the summary and the legend', async () => {
    const { el } = screen();
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    const f = s.frame();
    expect(f).toContain(`${demo.plan.steps.length} steps`);
    expect(f).toContain('reboot needed');
    expect(f).toContain('4 disks erased');
    expect(f).toContain(
      '[D]    Restore point: ZFS snapshot rpool/ROOT/pve-1@nix-mox_pre-apply_2026-05-01T12:00',
    );
    expect(f).toContain("[KRF]  Edit /etc/kernel/cmdline: nix-mox's kernel arguments only  (+1 -1)");
    expect(f).toContain('D touches disks  K kernel or boot  R needs a reboot');
    expect(f).toContain('enter diff/details');
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    s.unmount();
  });

  it('opens a file step as a unified diff and a command step with its check', async () => {
    const { el } = screen();
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    await s.press('down');
    const diff = await s.press('enter');
    expect(diff).toContain('--- /etc/kernel/cmdline');
    expect(diff).toContain('-root=ZFS=rpool/ROOT/pve-1 boot=zfs');
    expect(diff).toContain('+root=ZFS=rpool/ROOT/pve-1 boot=zfs iommu=pt');
    await s.press('escape');
    const z = demo.plan.steps.findIndex((x) => x.id === 'zpool-create-tank');
    for (let i = 1; i < z; i++) await s.press('down');
    const detail = await s.press('enter');
    expect(detail).toContain(
      '$ zpool create -o ashift=12 tank raidz2 /dev/disk/by-id/wwn-0x50014ee2b1c2d3e4',
    );
    expect(detail).toContain('skipped when this succeeds: zpool list -H -o name tank');
    expect(detail).toContain('destructive: you type "tank" before it runs');
    s.unmount();
  });

  it('scrolls a long new file and moves to the next step with ]', async () => {
    const { el } = screen({ rows: 24 });
    const s = await renderScreen(el, { columns: 100, rows: 24 });
    const flake = demo.plan.steps.findIndex((x) => x.write?.path === '/etc/nix-mox/flake/flake.nix');
    for (let i = 0; i < flake; i++) await s.press('down');
    const first = await s.press('enter');
    expect(first).toContain('+++ /etc/nix-mox/flake/flake.nix');
    expect(first).toMatch(/lines 1-14 of \d+/);
    const paged = await s.press('space');
    expect(paged).toMatch(/lines 15-/);
    const next = await s.press(']');
    expect(next).toContain(`${flake + 2}/${demo.plan.steps.length}`);
    s.unmount();
  });

  it('shows the disks by-id with model and size, the reboot, and the notes', async () => {
    const { el } = screen();
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    const disks = await s.press('tab');
    expect(disks).toContain('Disks that will be erased');
    expect(disks).toContain('/dev/disk/by-id/wwn-0x50014ee2b1c2d3e4  WDC WD80EFZZ-68BTXN0  7.28 TiB');
    expect(disks).toContain('Reboot needed after the run');
    const notes = await s.press('tab');
    expect(notes).toContain('Restore point rpool/ROOT/pve-1@nix-mox_pre-apply');
    s.unmount();
  });

  it('applies only after the pool name is typed exactly, then y', async () => {
    const { el, onApply } = screen();
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    const ask = await s.press('a');
    expect(ask).toContain('Destructive: Create ZFS pool tank (raidz2) on 4 disks');
    expect(ask).toContain('Type the pool name "tank"');
    await s.type('tanx');
    const wrong = await s.press('enter');
    expect(wrong).toContain('That is not "tank". Nothing has run.');
    await s.press('backspace');
    await s.type('k');
    const final = await s.press('enter');
    expect(final).toContain(`Apply these ${demo.plan.steps.length} steps now?`);
    expect(onApply).not.toHaveBeenCalled();
    await s.press('y');
    expect(onApply).toHaveBeenCalledTimes(1);
    expect(onApply.mock.calls[0]![0]).toBe(built);
    s.unmount();
  });

  it('esc leaves the typed confirmation without applying', async () => {
    const { el, onApply, onBack } = screen();
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    await s.press('a');
    await s.type('tank');
    const back = await s.press('escape');
    expect(back).toContain('enter diff/details');
    expect(onApply).not.toHaveBeenCalled();
    await s.pressNoChange('escape');
    expect(onBack).toHaveBeenCalledTimes(1);
    s.unmount();
  });

  it('on a plan-only machine, rehearses the typed confirmation and then says why nothing runs', async () => {
    const { el, onApply } = screen({
      planOnlyReason: '--root /tmp/x: files are staged there; no command touches this machine.',
    });
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    expect(s.frame()).toContain('plan only');
    expect(await s.press('a')).toContain('Type the pool name "tank"');
    await s.type('tank');
    const r = await s.press('enter');
    expect(r).toContain('Plan only: this is where Apply would start. Nothing runs.');
    expect(r).toContain('--root /tmp/x');
    await s.pressNoChange('y');
    expect(onApply).not.toHaveBeenCalled();
    expect(await s.press('escape')).toContain('enter diff/details');
    s.unmount();
  });

  it('says why there is no plan when the answers cannot be honoured', async () => {
    const { el } = screen({
      result: { ok: false, error: 'passthrough.gpu: 0000:0a:00.0 is not a GPU on this machine' },
    });
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    expect(s.frame()).toContain('No plan: passthrough.gpu: 0000:0a:00.0 is not a GPU on this machine');
    s.unmount();
  });

  it('? asks the hub for help', async () => {
    const { el, onHelp } = screen();
    const s = await renderScreen(el, { columns: 100, rows: 30 });
    await s.pressNoChange('?');
    expect(onHelp).toHaveBeenCalledTimes(1);
    s.unmount();
  });
});

describe('review section', () => {
  it('is the last hub section, with id review', () => {
    expect(sectionList[sectionList.length - 1]).toBe(reviewSection);
    expect(reviewSection.id).toBe('review');
  });

  it('plans from the wizard state under the command root and hands apply to the context', async () => {
    const onApply = vi.fn();
    const command = {
      global: {
        root: demo.root,
        dryRun: false,
        answers: undefined,
        yes: false,
        logDir: undefined,
        json: false,
      },
    } as CommandContext;
    const api: WizardApi = {
      report: demo.report,
      answers: demo.answers,
      appliedAnswers: null,
      planOnlyReason: null,
      unsaved: false,
      update: () => {},
      showHelp: () => {},
      inputActive: true,
      command,
    };
    const s = await renderScreen(
      <WizardContext.Provider value={api}>
        <ReviewApplyContext.Provider value={onApply}>
          <reviewSection.Screen onBack={() => {}} />
        </ReviewApplyContext.Provider>
      </WizardContext.Provider>,
      { columns: 100, rows: 30 },
    );
    expect(s.frame()).toContain('Review & apply · nix-mox plan for pve');
    await s.press('a');
    await s.type('tank');
    await s.press('enter');
    await s.press('y');
    expect(onApply).toHaveBeenCalledTimes(1);
    const handed = onApply.mock.calls[0]![0] as BuiltPlan;
    expect(handed.plan.steps.map((x) => x.id)).toEqual(demo.plan.steps.map((x) => x.id));
    s.unmount();
  });

  it('without a runner wired in, says apply is not available here', async () => {
    const api = {
      report: demo.report,
      answers: demo.answers,
      appliedAnswers: null,
      planOnlyReason: null,
      unsaved: false,
      update: () => {},
      showHelp: () => {},
      inputActive: true,
      command: { global: { root: demo.root } } as CommandContext,
    } as WizardApi;
    const s = await renderScreen(
      <WizardContext.Provider value={api}>
        <reviewSection.Screen onBack={() => {}} />
      </WizardContext.Provider>,
      { columns: 100, rows: 30 },
    );
    await s.press('a');
    await s.type('tank');
    const r = await s.press('enter');
    expect(r).toContain('Not applying here. Nothing runs.');
    expect(r).toContain('Applying is not available from this screen; run nix-mox apply.');
    s.unmount();
  });
});
