// Hub sections in the order the user meets them. Each section module exports one `Section`.
import type { Section } from './sections';
import { hardwareSection } from './sections/hardware';
import { machineSection } from './sections/machine';
import { passthroughSection } from './sections/passthrough';
import { storageSection } from './sections/storage';
import { guestsSection } from './sections/guests';
import { fleetSection } from './sections/fleet';
import { networkSection } from './sections/network';
import { maintenanceSection } from './sections/maintenance';
import { shellsSection } from './sections/shells';
import { messagingSection } from './sections/messaging';
import { gamingSection } from './sections/gaming';
import { servicesSection } from './sections/services';
import { securitySection } from './sections/security';
import { reviewSection } from './sections/review';

export const sectionList: Section[] = [
  // sections: one import + one entry per section; keep this order:
  // hardware, machine, passthrough, storage, guests, fleet, network, shells, messaging, gaming, services, security,
  // maintenance, review
  hardwareSection,
  machineSection,
  passthroughSection,
  storageSection,
  guestsSection,
  fleetSection,
  networkSection,
  shellsSection,
  messagingSection,
  gamingSection,
  servicesSection,
  securitySection,
  maintenanceSection,
  reviewSection,
];
