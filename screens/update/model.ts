// What the update panes know, folded from RolloutEvents: one group per guest (and one for colmena), each with the
// runner's own step model (screens/run/run-model.ts), so a guest's steps show exactly as a plan's steps do.
import type { GuestOutcome, RolloutEvent, RolloutResult, StepInfo } from '../../src/guests/types';
import type { Step } from '../../src/plan/types';
import { type RunModel, applyEvent, createModel } from '../run/run-model';

export interface GroupView {
  name: string;
  title: string;
  model: RunModel;
  startedAt: number;
  endedAt: number | null;
  outcome: GuestOutcome | null;
}

export interface UpdateModel {
  groups: GroupView[];
  byName: Map<string, GroupView>;
  notes: string[];
  result: RolloutResult | null;
  startedAt: number;
  version: number;
}

const asStep = (s: StepInfo): Step => ({ id: s.id, title: s.title, root: false, risk: [], timeoutMs: 0 });

export function createUpdateModel(now = Date.now()): UpdateModel {
  return { groups: [], byName: new Map(), notes: [], result: null, startedAt: now, version: 0 };
}

export function applyRolloutEvent(m: UpdateModel, e: RolloutEvent, now = Date.now()): void {
  m.version++;
  switch (e.type) {
    case 'note':
      m.notes.push(e.text);
      return;
    case 'guest-start': {
      const existing = m.byName.get(e.name);
      if (existing) return;
      const g: GroupView = {
        name: e.name,
        title: e.title,
        model: createModel({ steps: e.steps.map(asStep) }, now),
        startedAt: now,
        endedAt: null,
        outcome: null,
      };
      m.groups.push(g);
      m.byName.set(e.name, g);
      return;
    }
    case 'step-added': {
      const g = m.byName.get(e.name);
      if (!g || g.model.byId.has(e.step.id)) return;
      const view = createModel({ steps: [asStep(e.step)] }, now).steps[0]!;
      g.model.steps.push(view);
      g.model.byId.set(view.id, view);
      return;
    }
    case 'run': {
      const g = m.byName.get(e.name);
      if (!g) return;
      // A step the group did not list (colmena's per-guest deploy joins from outside) is added on its start.
      if (e.event.type === 'start' && !g.model.byId.has(e.event.stepId)) {
        const view = createModel({ steps: [asStep({ id: e.event.stepId, title: e.event.title })] }, now)
          .steps[0]!;
        g.model.steps.push(view);
        g.model.byId.set(view.id, view);
      }
      applyEvent(g.model, e.event, now);
      return;
    }
    case 'guest-end': {
      const g = m.byName.get(e.outcome.name);
      if (!g) return;
      g.outcome = e.outcome;
      g.endedAt = now;
      return;
    }
  }
}

export function finishUpdateModel(m: UpdateModel, r: RolloutResult): void {
  m.result = r;
  m.version++;
}

/** The group working now: the first started one without an outcome. */
export function activeGroup(m: UpdateModel): GroupView | null {
  return m.groups.find((g) => g.outcome === null) ?? null;
}

/** The step whose log `enter` opens for a group: its first failed step, else the running one, else the last run. */
export function logStepOf(g: GroupView): { title: string; logPath: string } | null {
  const steps = g.model.steps.filter((s) => s.logPath);
  const pick =
    steps.find((s) => s.id === g.outcome?.failedStepId) ??
    steps.find((s) => s.state === 'failed') ??
    steps.find((s) => s.state === 'running') ??
    steps[steps.length - 1];
  return pick?.logPath ? { title: `${g.name}: ${pick.title}`, logPath: pick.logPath } : null;
}
