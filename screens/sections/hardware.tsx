// The Hardware section: read-only; its hub line summarises passthrough readiness, the IOMMU and the disks.
import { hardwareSummary } from '../../src/host/explain';
import { HARDWARE_HELP, HardwareScreen } from '../hardware/HardwareScreen';
import type { Section } from '../sections';

export const hardwareSection: Section = {
  id: 'hardware',
  title: 'Hardware',
  required: false,
  status: (state) => ({ kind: 'info', summary: hardwareSummary(state.report) }),
  help: HARDWARE_HELP,
  Screen: HardwareScreen,
};
