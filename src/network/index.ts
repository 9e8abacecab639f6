// The network module's surface for the generation, plan, run and review code.
export {
  confirmNetworkApply,
  NETWORK_APPLY_STEP_ID,
  parseCountdown,
  rejectNetworkApply,
  startNetworkApply,
} from './apply';
export { checkNetworkAnswers, NetworkAnswerError, type NetworkProblem } from './check';
export { generateNetworkFiles, type NetworkFiles } from './generate';
export { type ProbedNetwork, probeNetwork } from './probe';
export { isNetworkStagePath } from './stage';
export { networkStepStage, networkSteps } from './steps';
export { networkStatus } from './summary';
export { buildNetworkView, type NetworkView } from './topology';
export type { NetworkCurrent, NetworkTarget } from './types';
