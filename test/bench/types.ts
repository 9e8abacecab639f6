export interface BenchResult {
  name: string;
  /** What the figure is compared against, measured in the same run. */
  baseline: string;
  ratio: number;
  goal: string;
  pass: boolean;
  detail: string;
}
