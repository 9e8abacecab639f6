// Network: bridges vmbr0/vmbr1/vmbr2 on the Proxmox host, applied with a confirm-or-revert countdown.
import { networkStatus } from '../../src/network/summary';
import { NETWORK_HELP, NetworkScreen } from '../network/NetworkScreen';
import type { Section } from '../sections';

export const networkSection: Section = {
  id: 'network',
  title: 'Network',
  required: false,
  status: (state) => networkStatus(state.answers),
  help: NETWORK_HELP,
  Screen: NetworkScreen,
};
