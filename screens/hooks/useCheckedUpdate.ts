// Saves a section's change only when the whole answers object stays valid; otherwise keeps the problem to show.
import { useState } from 'react';
import type { Answers } from '../../src/answers/schema';
import { answersProblem } from '../../src/wizard/commit';
import { useWizard } from '../state';

export interface CheckedUpdate {
  /** The last refused change's problem, or null. */
  error: string | null;
  setError(error: string | null): void;
  /** Checks `change` applied to the current answers; saves it and returns true when valid. */
  apply(change: (answers: Answers) => Answers): boolean;
}

export function useCheckedUpdate(): CheckedUpdate {
  const api = useWizard();
  const [error, setError] = useState<string | null>(null);
  const apply = (change: (answers: Answers) => Answers) => {
    const problem = answersProblem(change(api.answers));
    setError(problem);
    if (problem) return false;
    api.update(change);
    return true;
  };
  return { error, setError, apply };
}
