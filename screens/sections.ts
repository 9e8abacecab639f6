// The hub's sections, in order. Each later capability adds its entry here; status() is pure.
import type { ComponentType } from 'react';
import type { WizardState } from './state';

export type SectionStatus =
  | { kind: 'done'; summary: string }
  | { kind: 'missing'; summary: string }
  | { kind: 'optional'; summary: string }
  | { kind: 'info'; summary: string };

export interface SectionScreenProps {
  onBack(): void;
}

export interface Section {
  id: string;
  title: string;
  /** Required sections block Apply until they are done. */
  required: boolean;
  status(state: WizardState): SectionStatus;
  /** One paragraph for the help overlay. */
  help: string[];
  Screen: ComponentType<SectionScreenProps>;
}
