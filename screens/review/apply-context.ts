// How the review section reaches the runner: whoever starts the hub provides `onApply` through this context
// (screens/sections/review.tsx reads it). Without a provider the review shows the plan and says apply is not
// available here.
import { createContext } from 'react';
import type { BuiltPlan } from '../../src/plan/build';

export type ApplyPlan = (built: BuiltPlan) => void;

export const ReviewApplyContext = createContext<ApplyPlan | null>(null);
