// Hub sections in the order the user meets them. Each section module exports one `Section`.
import type { Section } from './sections';

export const sectionList: Section[] = [
  // sections: one import + one entry per section; keep this order:
  // hardware, machine, passthrough, storage, guests, network, shells, messaging, gaming, services, security,
  // maintenance, review
];
